/**
 * Teacher packs on the server: their drafts, the versions that were played, and their media
 * files in DATA_DIR/teacher-media, named by content. A pack is found by its editor secret (whose
 * SHA-256 alone is stored, as a host token's) or, for playing, by its public id; nothing here
 * lists packs, so no one learns of another teacher's pack. A pack unused (neither edited nor
 * played) for TEACHER_PACK_TTL_DAYS is deleted with its versions and its files.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { onlinePool } from '$lib/game/pack/pools';
import type { Pack } from '$lib/game/pack/schema';
import {
	draftSchema,
	packVersion,
	readiness,
	teacherManifest,
	type Draft,
	type DraftItem,
	type ItemDetails,
	type Look,
	type TeacherKind
} from '$lib/game/pack/teacher';
import { VOICE_FORMAT } from '$lib/game/pack/served-voices';
import { VIDEO_FORMAT } from '$lib/game/pack/served-videos';
import { privateDir, writePrivateFile } from '../../store/private-files';
import { expiryCutoff, purgeHourly } from '../../store/retention';
import { app } from '../../store/app';
import { teacherPackQuotaBytes, teacherPackTtlDays, teacherPacksQuotaBytes } from '../../config';
import { hashToken, randomToken } from '../../class/tokens';
import { STORAGE_CAPS } from '../../class/limits';
import { pictureFiles, type ProcessedImage } from './images';
import type { ServedFile } from './served-files';
import { voiceFiles, type ProcessedVoice } from './voices';
import { videoFiles, type ProcessedVideo } from './videos';
import type { TeacherPackRecords } from './records';

/** Teacher pack ids: "t-" and 128 random bits in hex (pack ids are lowercase). */
const ID_PATTERN = /^t-[0-9a-f]{32}$/;

/** A teacher pack's media file: a content hash, then a picture's, a voice's or a video's extension. */
const MEDIA_FILE = new RegExp(
	`^[0-9a-f]{32}\\.(?:webp|${VOICE_FORMAT.extension}|${VIDEO_FORMAT.extension})$`
);

/** Whether an id names a teacher pack (rather than a pack folder under PACKS_DIR). */
export function isTeacherPackId(id: string): boolean {
	return ID_PATTERN.test(id);
}

/** An editor secret: 256 random bits, as a host token. */
function isEditorSecret(value: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export interface TeacherPackRecord {
	id: string;
	draft: Draft;
	/** The last version played (0: never played). */
	version: number;
	createdAt: number;
	activeAt: number;
}

export type AddItemResult =
	{ ok: true; item: DraftItem } | { ok: false; problem: 'pack-full' | 'server-full' };

export type PublishResult =
	| { ok: true; pack: Pack }
	| { ok: false; problem: 'missing' | 'not-ready' | 'invalid'; detail?: string };

export interface TeacherPackDeps {
	/** Where packs are kept: SQLite or PostgreSQL. */
	records: TeacherPackRecords;
	/** Where media files go: DATA_DIR/teacher-media. */
	mediaDir: string;
	ttlDays: number;
	packQuotaBytes: number;
	serverQuotaBytes: number;
	/** Packs the database keeps at most. */
	maxPacks?: number;
	now?: () => number;
}

export class TeacherPacks {
	readonly #records: TeacherPackRecords;
	readonly #mediaDir: string;
	readonly #ttlDays: number;
	readonly #packQuota: number;
	readonly #serverQuota: number;
	readonly #maxPacks: number;
	readonly #now: () => number;
	/**
	 * Parsed versions this process has read or published, by `id@version`: a version never
	 * changes, rounds read it per request, and class sessions (still kept by one process) find
	 * theirs here without waiting on the database (heldPack). Dropped with their pack.
	 */
	readonly #versions = new Map<string, Pack>();

	constructor({
		records,
		mediaDir,
		ttlDays,
		packQuotaBytes,
		serverQuotaBytes,
		maxPacks = Infinity,
		now = Date.now
	}: TeacherPackDeps) {
		this.#records = records;
		this.#mediaDir = mediaDir;
		this.#ttlDays = ttlDays;
		this.#packQuota = packQuotaBytes;
		this.#serverQuota = serverQuotaBytes;
		this.#maxPacks = maxPacks;
		this.#now = now;
		privateDir(mediaDir);
	}

	/**
	 * Makes a pack; returns its id and its editor secret, which is never stored or shown again.
	 * Refused when the server holds as many packs as it may (STORAGE_CAPS) until some expire.
	 */
	async create(
		title: string,
		language: string
	): Promise<{ ok: true; id: string; editorSecret: string } | { ok: false }> {
		if ((await this.#records.count()) >= this.#maxPacks) return { ok: false };
		const id = `t-${randomBytes(16).toString('hex')}`;
		const editorSecret = randomToken();
		const draft: Draft = draftSchema.parse({ title, language, items: [], pairs: [] });
		await this.#records.insert(id, hashToken(editorSecret), JSON.stringify(draft), this.#now());
		return { ok: true, id, editorSecret };
	}

	async #row(where: 'id' | 'editor_hash', value: string): Promise<TeacherPackRecord | null> {
		const row = await this.#records.row(where, value);
		if (!row || row.active_at < expiryCutoff(this.#now(), this.#ttlDays)) return null;
		return {
			id: row.id,
			draft: draftSchema.parse(JSON.parse(row.draft_json)),
			version: row.version,
			createdAt: row.created_at,
			activeAt: row.active_at
		};
	}

	/** The pack whose editor secret this is, or null (a wrong secret and an expired pack alike). */
	async byEditor(secret: string): Promise<TeacherPackRecord | null> {
		return isEditorSecret(secret) ? this.#row('editor_hash', hashToken(secret)) : null;
	}

	/** The pack with this public id, or null. */
	async byId(id: string): Promise<TeacherPackRecord | null> {
		return isTeacherPackId(id) ? this.#row('id', id) : null;
	}

	/** Saves a changed draft; editing counts as use, so the pack's time to live starts again. */
	save(id: string, draft: Draft): Promise<void> {
		return this.#records.saveDraft(id, JSON.stringify(draftSchema.parse(draft)), this.#now());
	}

	/** Whether the pack and the server have room for `bytes` more of media. */
	async room(id: string, bytes: number): Promise<'ok' | 'pack-full' | 'server-full'> {
		if ((await this.#records.mediaBytes(id)) + bytes > this.#packQuota) return 'pack-full';
		if ((await this.#records.mediaBytes()) + bytes > this.#serverQuota) return 'server-full';
		return 'ok';
	}

	/**
	 * Adds a processed picture as an item of the pack: its files are written (0600, named by
	 * their content) and counted, then the item joins the draft.
	 */
	addImage(
		record: TeacherPackRecord,
		details: ItemDetails,
		image: ProcessedImage
	): Promise<AddItemResult> {
		return this.#addItem(record, 'image', details, pictureFiles(image), { look: image.look });
	}

	/** Adds a voice the server has checked and written again (processVoice) as an item. */
	addVoice(
		record: TeacherPackRecord,
		details: ItemDetails,
		voice: ProcessedVoice
	): Promise<AddItemResult> {
		return this.#addItem(record, 'audio', details, voiceFiles(voice), { voiceLook: voice.look });
	}

	/**
	 * Adds a video the server has checked and written again (processVideo) as an item, with the
	 * look of its frames when one was measured (by the editor's browser, or on the command line).
	 */
	addVideo(
		record: TeacherPackRecord,
		details: ItemDetails,
		video: ProcessedVideo,
		look?: Look
	): Promise<AddItemResult> {
		return this.#addItem(record, 'video', details, videoFiles(video), {
			sound: video.sound,
			...(look ? { look } : {})
		});
	}

	async #addItem(
		record: TeacherPackRecord,
		kind: TeacherKind,
		details: ItemDetails,
		files: ServedFile[],
		/** What was measured of it when it was processed, for the pair warnings. */
		measured: Pick<DraftItem, 'look' | 'voiceLook' | 'sound'> = {}
	): Promise<AddItemResult> {
		const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
		const room = await this.room(record.id, bytes);
		if (room !== 'ok') return { ok: false, problem: room };
		for (const { file, bytes: content } of files) {
			writePrivateFile(path.join(this.#mediaDir, file), content);
		}
		const media = files.map(({ rendition }) => rendition);
		const item: DraftItem = {
			id: `i${randomBytes(6).toString('hex')}`,
			kind,
			details,
			media,
			bytes,
			...measured,
			tells: []
		};
		await this.#records.addMedia(
			record.id,
			files.map(({ file, bytes: content }) => ({ file, bytes: content.length })),
			JSON.stringify(draftSchema.parse({ ...record.draft, items: [...record.draft.items, item] })),
			this.#now()
		);
		return { ok: true, item };
	}

	/**
	 * Removes an item (and any pair or single it is in) from the draft. Its files stay while a played
	 * version shows them; they go when the pack does.
	 */
	removeItem(record: TeacherPackRecord, itemId: string): Promise<void> {
		const draft = record.draft;
		return this.save(record.id, {
			...draft,
			items: draft.items.filter((item) => item.id !== itemId),
			pairs: draft.pairs.filter((pair) => pair.real !== itemId && pair.synthetic !== itemId),
			singles: draft.singles.filter((single) => single.item !== itemId)
		});
	}

	/** The file of one of this pack's media, if the pack holds it. */
	async mediaFile(id: string, src: string): Promise<string | undefined> {
		const file = path.basename(src);
		if (!MEDIA_FILE.test(file) || `media/${file}` !== src) return undefined;
		const held = await this.#records.holdsFile(id, file);
		return held ? path.join(this.#mediaDir, file) : undefined;
	}

	/**
	 * What the pack plays now: the last played version if the draft has not changed since, else
	 * the draft as the next version (not recorded: `fresh` says it would be new).
	 */
	async #playable(
		record: TeacherPackRecord
	): Promise<{ ok: true; pack: Pack; fresh: boolean } | Extract<PublishResult, { ok: false }>> {
		if (!readiness(record.draft).ready) return { ok: false, problem: 'not-ready' };
		const current = record.version > 0 ? await this.#version(record.id, record.version) : undefined;
		const next = teacherManifest(record.id, record.version + 1, record.draft);
		if (!next.ok) {
			const detail = next.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
			return { ok: false, problem: 'invalid', detail };
		}
		if (current && sameContent(current, next.pack))
			return { ok: true, pack: current, fresh: false };
		return { ok: true, pack: onlinePool(next.pack), fresh: true };
	}

	/** The pack as it plays now, for export; nothing is recorded. */
	async exportable(id: string): Promise<PublishResult> {
		const record = await this.byId(id);
		if (!record) return { ok: false, problem: 'missing' };
		const playable = await this.#playable(record);
		return playable.ok ? { ok: true, pack: playable.pack } : playable;
	}

	/**
	 * The pack as a run or class session about to start plays it: the last played version if the
	 * draft has not changed since, else a new version (so what was played before keeps its own).
	 * Starting play counts as use.
	 */
	async publish(id: string): Promise<PublishResult> {
		const record = await this.byId(id);
		if (!record) return { ok: false, problem: 'missing' };
		const playable = await this.#playable(record);
		if (!playable.ok) return playable;
		const version = record.version + 1;
		const recorded = await this.#records.markPlayed(
			id,
			this.#now(),
			playable.fresh ? { version, manifestJson: JSON.stringify(playable.pack) } : undefined
		);
		if (!recorded) {
			// Another server recorded this version first: play the one that stands.
			const stood = await this.#version(id, version);
			return stood ? { ok: true, pack: stood } : { ok: false, problem: 'missing' };
		}
		if (playable.fresh) this.#versions.set(`${id}@${packVersion(version)}`, playable.pack);
		return { ok: true, pack: playable.pack };
	}

	/**
	 * A played version of a pack, as runs and class sessions draw from it (its online pool: a
	 * teacher pack has no practice pairs); the last played version when `version` is not given.
	 */
	async pack(id: string, version?: string): Promise<Pack | undefined> {
		const record = await this.byId(id);
		if (!record || record.version === 0) return undefined;
		const number = /^(\d+)\.0\.0$/.exec(version ?? packVersion(record.version))?.[1];
		return number ? this.#version(id, Number(number)) : undefined;
	}

	/** A played version, from memory or else the database. */
	async #version(id: string, version: number): Promise<Pack | undefined> {
		const key = `${id}@${packVersion(version)}`;
		const held = this.#versions.get(key);
		if (held) return held;
		const manifest = await this.#records.versionManifest(id, version);
		if (!manifest) return undefined;
		const pack = onlinePool(JSON.parse(manifest) as Pack);
		this.#versions.set(key, pack);
		return pack;
	}

	/**
	 * A played version this process holds in memory (it published or read it), without waiting:
	 * for class sessions, whose hub is synchronous. holdVersions loads the ones stored class
	 * sessions play at start-up.
	 */
	heldPack(id: string, version?: string): Pack | undefined {
		if (version) return this.#versions.get(`${id}@${version}`);
		const held = [...this.#versions.entries()].filter(([key]) => key.startsWith(`${id}@`));
		return held.sort(([a], [b]) => versionNumber(b) - versionNumber(a))[0]?.[1];
	}

	/** Loads these played versions into memory (unknown ones are passed over): see heldPack. */
	async holdVersions(versions: ReadonlyArray<{ packId: string; packVersion: string }>) {
		for (const { packId, packVersion: version } of versions) {
			if (isTeacherPackId(packId)) await this.pack(packId, version);
		}
	}

	/** Deletes a pack, its versions and the files no other pack holds. */
	async delete(id: string): Promise<void> {
		const unheld = await this.#records.delete(id);
		for (const key of [...this.#versions.keys()])
			if (key.startsWith(`${id}@`)) this.#versions.delete(key);
		for (const file of unheld) rmSync(path.join(this.#mediaDir, file), { force: true });
	}

	/** Deletes every pack unused for longer than the time to live; returns how many. */
	async purgeExpired(): Promise<number> {
		const expired = await this.#records.inactiveIds(expiryCutoff(this.#now(), this.#ttlDays));
		for (const id of expired) await this.delete(id);
		return expired.length;
	}
}

/** The number of an `id@N.0.0` key. */
function versionNumber(key: string): number {
	return Number(/@(\d+)\./.exec(key)?.[1] ?? 0);
}

/** Whether two versions would play the same: everything but the version number is equal. */
function sameContent(a: Pack, b: Pack): boolean {
	return JSON.stringify({ ...a, version: '' }) === JSON.stringify({ ...b, version: '' });
}

let store: TeacherPacks | undefined;

/** The app's teacher packs, in its database and DATA_DIR; unused ones are purged now and hourly. */
export function teacherPacks(): TeacherPacks {
	if (!store) {
		const { stores, dataDir } = app();
		const created = new TeacherPacks({
			records: stores.teacherPacks,
			mediaDir: path.join(dataDir, 'teacher-media'),
			ttlDays: teacherPackTtlDays(),
			packQuotaBytes: teacherPackQuotaBytes(),
			serverQuotaBytes: teacherPacksQuotaBytes(),
			maxPacks: STORAGE_CAPS.teacherPacks
		});
		purgeHourly(() => created.purgeExpired());
		store = created;
	}
	return store;
}
