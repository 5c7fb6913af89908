/**
 * The pack store: every pack under PACKS_DIR (default static/packs), loaded and checked once per
 * process. A broken pack is reported with all its problems and skipped, so one bad folder cannot
 * take the server down. Packs are read-only content, so one process-wide copy is safe to share.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
	MEDIA_KINDS,
	PAIR_TOPICS,
	formatPackErrors,
	type MediaKind,
	type Pack,
	type PairTopic
} from '$lib/game/pack/schema';
import { packText, type PackText } from '$lib/game/pack/text';
import { onlinePool, practicePool } from '$lib/game/pack/pools';
import { packsDir } from '../config';
import { loadPackFromDir } from './loader';
import { isTeacherPackId, teacherPacks } from './teacher/store';

/** The id of the pack the game plays when none is chosen. */
export const DEFAULT_PACK_ID = 'default';

export interface PackStore {
	/** Valid packs by id, whole: every pair, practice and online. */
	packs: Map<string, Pack>;
	/** Each pack's online pool: what runs and class sessions draw from (see pools.ts). */
	online: Map<string, Pack>;
	/** Each pack's practice pool: the public pairs, for offline practice and the learn page. */
	practice: Map<string, Pack>;
	/** Each pack's folder, where its media files are. */
	dirs: Map<string, string>;
	/** One readable report per pack folder that was skipped. */
	problems: string[];
}

/** What a pack picker needs to show, without the answer key. */
export interface PackSummary {
	id: string;
	version: string;
	/** In the reader's locale when the pack has it. */
	title: PackText;
	language: string;
	kinds: MediaKind[];
	/** The topics its online pairs and singles cover, for the host's choice of what the rounds show. */
	topics: PairTopic[];
	pairs: number;
}

/** Loads every pack folder in `root`, reporting (not throwing on) broken ones through `report`. */
export function loadPackStore(
	root: string,
	report: (message: string) => void = (message) => console.error(message)
): PackStore {
	const store: PackStore = {
		packs: new Map(),
		online: new Map(),
		practice: new Map(),
		dirs: new Map(),
		problems: []
	};
	let folders: string[];
	try {
		folders = readdirSync(root, { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
			.map((entry) => entry.name)
			.sort();
	} catch (error) {
		const problem = `Telltale: cannot read the packs folder ${root}: ${(error as Error).message}`;
		store.problems.push(problem);
		report(problem);
		return store;
	}
	for (const folder of folders) {
		const loaded = loadPackFromDir(path.join(root, folder));
		if (loaded.ok) {
			store.packs.set(loaded.pack.id, loaded.pack);
			store.online.set(loaded.pack.id, onlinePool(loaded.pack));
			store.practice.set(loaded.pack.id, practicePool(loaded.pack));
			store.dirs.set(loaded.pack.id, loaded.dir);
		} else {
			const problem = `Telltale: skipped the pack in ${path.join(root, folder)} (${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'}):\n${formatPackErrors(loaded.errors)}`;
			store.problems.push(problem);
			report(problem);
		}
	}
	if (store.packs.size === 0)
		report(`Telltale: no valid pack in ${root}; the game has nothing to play`);
	return store;
}

let store: PackStore | undefined;

/** The process-wide store, loaded on first use from PACKS_DIR (default static/packs). */
export function packStore(): PackStore {
	store ??= loadPackStore(packsDir());
	return store;
}

/**
 * The online pool of the pack with this id, if it loaded: the pairs whose answers never leave
 * the server before a verdict. Runs, class sessions and their scoring use only this. A teacher
 * pack keeps every version that was played, so `version` finds the one a run or session played
 * (the last played when absent); a pack folder has one version, its own, whatever is asked.
 */
export async function getPack(id: string, version?: string): Promise<Pack | undefined> {
	if (isTeacherPackId(id)) return teacherPacks().pack(id, version);
	return packStore().online.get(id);
}

/**
 * getPack without waiting, for class sessions (their hub is synchronous): a teacher pack's
 * version is found only if this process holds it in memory, which it does for every version it
 * published (the host's page publishes before it creates the session) and for those its stored
 * class sessions play (loaded at start-up, hooks.server.ts).
 */
export function heldPack(id: string, version?: string): Pack | undefined {
	if (isTeacherPackId(id)) return teacherPacks().heldPack(id, version);
	return packStore().online.get(id);
}

/** The practice pool of the pack with this id (public answers), if it loaded. */
export function getPracticePack(id: string): Pack | undefined {
	return packStore().practice.get(id);
}

/**
 * The file of a loaded pack's rendition (`media/<hash>.<ext>`, which the manifest schema
 * guarantees stays inside the pack folder), or undefined if the pack is not loaded; a teacher
 * pack's files are in DATA_DIR (teacher/store.ts).
 */
export async function packMediaFile(packId: string, src: string): Promise<string | undefined> {
	if (isTeacherPackId(packId)) return teacherPacks().mediaFile(packId, src);
	const dir = packStore().dirs.get(packId);
	return dir && path.join(dir, src);
}

/** Whether a run can be played: the pack a run uses when it names none has loaded. */
export function hasDefaultPack(): boolean {
	return packStore().online.has(DEFAULT_PACK_ID);
}

/** Every loaded pack, by id, as a class can play it (its online pool), titled for `locale`. */
export function listPacks(locale: string): PackSummary[] {
	return [...packStore().online.values()]
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map((pack) => ({
			id: pack.id,
			version: pack.version,
			title: packText(pack, locale, pack.title),
			language: pack.language,
			kinds: MEDIA_KINDS.filter((kind) => pack.items.some((item) => item.kind === kind)),
			topics: PAIR_TOPICS.filter((topic) =>
				[...pack.pairs, ...(pack.singles ?? [])].some((source) => source.topic === topic)
			),
			pairs: pack.pairs.length
		}));
}

/** The pack called "default", else the first by id. Throws if no pack loaded at all. */
export function defaultPack(): Pack {
	const { packs } = packStore();
	const pack = packs.get(DEFAULT_PACK_ID) ?? packs.get([...packs.keys()].sort()[0]);
	if (!pack) throw new Error('Telltale has no valid pack to play; see the start-up log for why');
	return pack;
}
