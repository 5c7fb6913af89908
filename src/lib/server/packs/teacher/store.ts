/**
 * Teacher packs on the server: their drafts, the versions that were played, and their media
 * files in DATA_DIR/teacher-media, named by content. A pack is found by its editor secret (whose
 * SHA-256 alone is stored, as a host token's) or, for playing, by its public id; nothing here
 * lists packs, so no one learns of another teacher's pack. A pack unused (neither edited nor
 * played) for TEACHER_PACK_TTL_DAYS is deleted with its versions and its files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { onlinePool } from '$lib/game/pack/pools';
import type { Pack, Rendition } from '$lib/game/pack/schema';
import {
	draftSchema,
	packVersion,
	readiness,
	teacherManifest,
	type Draft,
	type DraftItem,
	type ItemDetails
} from '$lib/game/pack/teacher';
import { TEACHER_IMAGE_SIZES } from '$lib/game/pack/served-images';
import type { Db } from '../../store/db';
import { privateDir, writePrivateFile } from '../../store/private-files';
import { expiryCutoff, purgeHourly } from '../../store/retention';
import { app } from '../../store/app';
import { teacherPackQuotaBytes, teacherPackTtlDays, teacherPacksQuotaBytes } from '../../config';
import { hashToken, randomToken } from '../../class/tokens';
import { STORAGE_CAPS } from '../../class/limits';
import type { ProcessedImage } from './images';

/** Teacher pack ids: "t-" and 128 random bits in hex (pack ids are lowercase). */
const ID_PATTERN = /^t-[0-9a-f]{32}$/;

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
	db: Db;
	/** Where media files go: DATA_DIR/teacher-media. */
	mediaDir: string;
	ttlDays: number;
	packQuotaBytes: number;
	serverQuotaBytes: number;
	/** Packs the database keeps at most. */
	maxPacks?: number;
	now?: () => number;
}

interface PackRow {
	id: string;
	draft_json: string;
	version: number;
	created_at: number;
	active_at: number;
}

/** Parsed versions kept in memory: a version never changes, and rounds read it per request. */
const CACHED_VERSIONS = 200;

export class TeacherPacks {
	readonly #db: Db;
	readonly #mediaDir: string;
	readonly #ttlDays: number;
	readonly #packQuota: number;
	readonly #serverQuota: number;
	readonly #maxPacks: number;
	readonly #now: () => number;
	readonly #versions = new Map<string, Pack>();

	constructor({
		db,
		mediaDir,
		ttlDays,
		packQuotaBytes,
		serverQuotaBytes,
		maxPacks = Infinity,
		now = Date.now
	}: TeacherPackDeps) {
		this.#db = db;
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
	create(
		title: string,
		language: string
	): { ok: true; id: string; editorSecret: string } | { ok: false } {
		const { count } = this.#db.prepare(`SELECT count(*) AS count FROM teacher_packs`).get() as {
			count: number;
		};
		if (count >= this.#maxPacks) return { ok: false };
		const id = `t-${randomBytes(16).toString('hex')}`;
		const editorSecret = randomToken();
		const draft: Draft = draftSchema.parse({ title, language, items: [], pairs: [] });
		const now = this.#now();
		this.#db
			.prepare(
				`INSERT INTO teacher_packs (id, editor_hash, draft_json, version, created_at, active_at)
				VALUES (?, ?, ?, 0, ?, ?)`
			)
			.run(id, hashToken(editorSecret), JSON.stringify(draft), now, now);
		return { ok: true, id, editorSecret };
	}

	#row(where: 'id' | 'editor_hash', value: string): TeacherPackRecord | null {
		const row = this.#db
			.prepare(
				`SELECT id, draft_json, version, created_at, active_at FROM teacher_packs WHERE ${where} = ?`
			)
			.get(value) as PackRow | undefined;
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
	byEditor(secret: string): TeacherPackRecord | null {
		return isEditorSecret(secret) ? this.#row('editor_hash', hashToken(secret)) : null;
	}

	/** The pack with this public id, or null. */
	byId(id: string): TeacherPackRecord | null {
		return isTeacherPackId(id) ? this.#row('id', id) : null;
	}

	/** Saves a changed draft; editing counts as use, so the pack's time to live starts again. */
	save(id: string, draft: Draft): void {
		this.#db
			.prepare(`UPDATE teacher_packs SET draft_json = ?, active_at = ? WHERE id = ?`)
			.run(JSON.stringify(draftSchema.parse(draft)), this.#now(), id);
	}

	#bytesOf(where: string, ...values: string[]): number {
		const row = this.#db
			.prepare(`SELECT coalesce(sum(bytes), 0) AS bytes FROM teacher_pack_media ${where}`)
			.get(...values) as { bytes: number };
		return row.bytes;
	}

	/** Whether the pack and the server have room for `bytes` more of media. */
	room(id: string, bytes: number): 'ok' | 'pack-full' | 'server-full' {
		if (this.#bytesOf('WHERE pack_id = ?', id) + bytes > this.#packQuota) return 'pack-full';
		if (this.#bytesOf('') + bytes > this.#serverQuota) return 'server-full';
		return 'ok';
	}

	/**
	 * Adds a processed picture as an item of the pack: its files are written (0600, named by
	 * their content) and counted, then the item joins the draft.
	 */
	addImage(record: TeacherPackRecord, details: ItemDetails, image: ProcessedImage): AddItemResult {
		const bytes = image.renditions.reduce((sum, rendition) => sum + rendition.bytes.length, 0);
		const room = this.room(record.id, bytes);
		if (room !== 'ok') return { ok: false, problem: room };
		const media: Rendition[] = image.renditions.map((rendition, index) => {
			const file = `${createHash('sha256').update(rendition.bytes).digest('hex').slice(0, 32)}.webp`;
			writePrivateFile(path.join(this.#mediaDir, file), rendition.bytes);
			const size = TEACHER_IMAGE_SIZES[index];
			return { src: `media/${file}`, type: 'image/webp', width: size.width, height: size.height };
		});
		const item: DraftItem = {
			id: `i${randomBytes(6).toString('hex')}`,
			kind: 'image',
			details,
			media,
			bytes,
			look: image.look,
			tells: []
		};
		const count = this.#db.prepare(
			`INSERT OR REPLACE INTO teacher_pack_media (pack_id, file, bytes) VALUES (?, ?, ?)`
		);
		this.#db.transaction(() => {
			for (const [index, rendition] of media.entries()) {
				count.run(record.id, path.basename(rendition.src), image.renditions[index].bytes.length);
			}
			this.save(record.id, { ...record.draft, items: [...record.draft.items, item] });
		})();
		return { ok: true, item };
	}

	/**
	 * Removes an item (and any pair it is in) from the draft. Its files stay while a played
	 * version shows them; they go when the pack does.
	 */
	removeItem(record: TeacherPackRecord, itemId: string): void {
		const draft = record.draft;
		this.save(record.id, {
			...draft,
			items: draft.items.filter((item) => item.id !== itemId),
			pairs: draft.pairs.filter((pair) => pair.real !== itemId && pair.synthetic !== itemId)
		});
	}

	/** The file of one of this pack's media, if the pack holds it. */
	mediaFile(id: string, src: string): string | undefined {
		const file = path.basename(src);
		if (!/^[0-9a-f]{32}\.webp$/.test(file) || `media/${file}` !== src) return undefined;
		const held = this.#db
			.prepare(`SELECT 1 FROM teacher_pack_media WHERE pack_id = ? AND file = ?`)
			.get(id, file);
		return held ? path.join(this.#mediaDir, file) : undefined;
	}

	/**
	 * What the pack plays now: the last played version if the draft has not changed since, else
	 * the draft as the next version (not recorded: `fresh` says it would be new).
	 */
	#playable(
		record: TeacherPackRecord
	): { ok: true; pack: Pack; fresh: boolean } | Extract<PublishResult, { ok: false }> {
		if (!readiness(record.draft).ready) return { ok: false, problem: 'not-ready' };
		const current =
			record.version > 0 ? this.pack(record.id, packVersion(record.version)) : undefined;
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
	exportable(id: string): PublishResult {
		const record = this.byId(id);
		if (!record) return { ok: false, problem: 'missing' };
		const playable = this.#playable(record);
		return playable.ok ? { ok: true, pack: playable.pack } : playable;
	}

	/**
	 * The pack as a run or class session about to start plays it: the last played version if the
	 * draft has not changed since, else a new version (so what was played before keeps its own).
	 * Starting play counts as use.
	 */
	publish(id: string): PublishResult {
		const record = this.byId(id);
		if (!record) return { ok: false, problem: 'missing' };
		const playable = this.#playable(record);
		if (!playable.ok) return playable;
		const now = this.#now();
		this.#db.transaction(() => {
			this.#db.prepare(`UPDATE teacher_packs SET active_at = ? WHERE id = ?`).run(now, id);
			if (!playable.fresh) return;
			this.#db
				.prepare(
					`INSERT INTO teacher_pack_versions (pack_id, version, manifest_json, published_at)
					VALUES (?, ?, ?, ?)`
				)
				.run(id, record.version + 1, JSON.stringify(playable.pack), now);
			this.#db
				.prepare(`UPDATE teacher_packs SET version = ? WHERE id = ?`)
				.run(record.version + 1, id);
		})();
		return { ok: true, pack: playable.pack };
	}

	/**
	 * A played version of a pack, as runs and class sessions draw from it (its online pool: a
	 * teacher pack has no practice pairs); the last played version when `version` is not given.
	 */
	pack(id: string, version?: string): Pack | undefined {
		const record = this.byId(id);
		if (!record || record.version === 0) return undefined;
		const wanted = version ?? packVersion(record.version);
		const key = `${id}@${wanted}`;
		const cached = this.#versions.get(key);
		if (cached) return cached;
		const number = /^(\d+)\.0\.0$/.exec(wanted)?.[1];
		if (!number) return undefined;
		const row = this.#db
			.prepare(`SELECT manifest_json FROM teacher_pack_versions WHERE pack_id = ? AND version = ?`)
			.get(id, Number(number)) as { manifest_json: string } | undefined;
		if (!row) return undefined;
		const pack = onlinePool(JSON.parse(row.manifest_json) as Pack);
		if (this.#versions.size >= CACHED_VERSIONS) {
			this.#versions.delete(this.#versions.keys().next().value!);
		}
		this.#versions.set(key, pack);
		return pack;
	}

	/** Deletes a pack, its versions and the files no other pack holds. */
	delete(id: string): void {
		const files = this.#db
			.prepare(`SELECT file FROM teacher_pack_media WHERE pack_id = ?`)
			.all(id) as Array<{ file: string }>;
		this.#db.prepare(`DELETE FROM teacher_packs WHERE id = ?`).run(id);
		for (const key of [...this.#versions.keys()])
			if (key.startsWith(`${id}@`)) this.#versions.delete(key);
		const stillHeld = this.#db.prepare(`SELECT 1 FROM teacher_pack_media WHERE file = ?`);
		for (const { file } of files) {
			if (!stillHeld.get(file)) rmSync(path.join(this.#mediaDir, file), { force: true });
		}
	}

	/** Deletes every pack unused for longer than the time to live; returns how many. */
	purgeExpired(): number {
		const expired = this.#db
			.prepare(`SELECT id FROM teacher_packs WHERE active_at < ?`)
			.all(expiryCutoff(this.#now(), this.#ttlDays)) as Array<{ id: string }>;
		for (const { id } of expired) this.delete(id);
		return expired.length;
	}
}

/** Whether two versions would play the same: everything but the version number is equal. */
function sameContent(a: Pack, b: Pack): boolean {
	return JSON.stringify({ ...a, version: '' }) === JSON.stringify({ ...b, version: '' });
}

let store: TeacherPacks | undefined;

/** The app's teacher packs, in its database and DATA_DIR; unused ones are purged now and hourly. */
export function teacherPacks(): TeacherPacks {
	if (!store) {
		const { db, dataDir } = app();
		const created = new TeacherPacks({
			db,
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
