/**
 * Teacher packs' records: their drafts (as JSON), the versions that were played and which media
 * files each pack holds, as one interface (TeacherPackRecords) with its SQLite implementation
 * here and its PostgreSQL one in records-postgres.ts. Only storage lives here; quotas, versions
 * and files are decided in store.ts. Every write is committed before its promise resolves.
 */
import type { Db } from '../../store/db';

/** A pack's row as stored; the draft is parsed by store.ts. */
export interface TeacherPackRow {
	id: string;
	draft_json: string;
	version: number;
	created_at: number;
	active_at: number;
}

/** One media file a pack holds, and its size in bytes. */
export interface HeldFile {
	file: string;
	bytes: number;
}

/** What store.ts needs stored about teacher packs, in either database. */
export interface TeacherPackRecords {
	count(): Promise<number>;
	insert(id: string, editorHash: string, draftJson: string, now: number): Promise<void>;
	/** The pack with this id or this editor secret's hash. */
	row(where: 'id' | 'editor_hash', value: string): Promise<TeacherPackRow | undefined>;
	/** Saves a draft and counts it as use. */
	saveDraft(id: string, draftJson: string, now: number): Promise<void>;
	/** Bytes of media one pack holds, or every pack when `id` is undefined. */
	mediaBytes(id?: string): Promise<number>;
	/** Counts a pack's new files and saves the draft that uses them, in one transaction. */
	addMedia(id: string, files: HeldFile[], draftJson: string, now: number): Promise<void>;
	holdsFile(id: string, file: string): Promise<boolean>;
	/** A played version's manifest (JSON). */
	versionManifest(id: string, version: number): Promise<string | undefined>;
	/**
	 * Counts starting play as use and, with `next`, records a new version and makes it the
	 * pack's current one, in one transaction. False when that version was recorded already (by
	 * another server, at the same moment): the one recorded first stands.
	 */
	markPlayed(
		id: string,
		now: number,
		next?: { version: number; manifestJson: string }
	): Promise<boolean>;
	/** Deletes a pack (its versions and file rows go with it); returns the files no pack holds now. */
	delete(id: string): Promise<string[]>;
	/** Ids of packs last used before `cutoff`. */
	inactiveIds(cutoff: number): Promise<string[]>;
}

/** The teacher pack tables in SQLite. */
export class SqliteTeacherPackRecords implements TeacherPackRecords {
	readonly #db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	async count(): Promise<number> {
		return (this.#db.prepare(`SELECT count(*) AS n FROM teacher_packs`).get() as { n: number }).n;
	}

	async insert(id: string, editorHash: string, draftJson: string, now: number): Promise<void> {
		this.#db
			.prepare(
				`INSERT INTO teacher_packs (id, editor_hash, draft_json, version, created_at, active_at)
				VALUES (?, ?, ?, 0, ?, ?)`
			)
			.run(id, editorHash, draftJson, now, now);
	}

	async row(where: 'id' | 'editor_hash', value: string): Promise<TeacherPackRow | undefined> {
		return this.#db
			.prepare(
				`SELECT id, draft_json, version, created_at, active_at FROM teacher_packs WHERE ${where} = ?`
			)
			.get(value) as TeacherPackRow | undefined;
	}

	async saveDraft(id: string, draftJson: string, now: number): Promise<void> {
		this.#save(id, draftJson, now);
	}

	#save(id: string, draftJson: string, now: number): void {
		this.#db
			.prepare(`UPDATE teacher_packs SET draft_json = ?, active_at = ? WHERE id = ?`)
			.run(draftJson, now, id);
	}

	async mediaBytes(id?: string): Promise<number> {
		const sum = `SELECT coalesce(sum(bytes), 0) AS bytes FROM teacher_pack_media`;
		const row = (
			id === undefined
				? this.#db.prepare(sum).get()
				: this.#db.prepare(`${sum} WHERE pack_id = ?`).get(id)
		) as { bytes: number };
		return row.bytes;
	}

	async addMedia(id: string, files: HeldFile[], draftJson: string, now: number): Promise<void> {
		const count = this.#db.prepare(
			`INSERT OR REPLACE INTO teacher_pack_media (pack_id, file, bytes) VALUES (?, ?, ?)`
		);
		this.#db.transaction(() => {
			for (const { file, bytes } of files) count.run(id, file, bytes);
			this.#save(id, draftJson, now);
		})();
	}

	async holdsFile(id: string, file: string): Promise<boolean> {
		return Boolean(
			this.#db
				.prepare(`SELECT 1 FROM teacher_pack_media WHERE pack_id = ? AND file = ?`)
				.get(id, file)
		);
	}

	async versionManifest(id: string, version: number): Promise<string | undefined> {
		const row = this.#db
			.prepare(`SELECT manifest_json FROM teacher_pack_versions WHERE pack_id = ? AND version = ?`)
			.get(id, version) as { manifest_json: string } | undefined;
		return row?.manifest_json;
	}

	async markPlayed(
		id: string,
		now: number,
		next?: { version: number; manifestJson: string }
	): Promise<boolean> {
		return this.#db.transaction(() => {
			this.#db.prepare(`UPDATE teacher_packs SET active_at = ? WHERE id = ?`).run(now, id);
			if (!next) return true;
			const inserted = this.#db
				.prepare(
					`INSERT INTO teacher_pack_versions (pack_id, version, manifest_json, published_at)
					VALUES (?, ?, ?, ?) ON CONFLICT (pack_id, version) DO NOTHING`
				)
				.run(id, next.version, next.manifestJson, now);
			if (inserted.changes !== 1) return false;
			this.#db.prepare(`UPDATE teacher_packs SET version = ? WHERE id = ?`).run(next.version, id);
			return true;
		})();
	}

	async delete(id: string): Promise<string[]> {
		return this.#db.transaction(() => {
			const files = this.#db
				.prepare(`SELECT file FROM teacher_pack_media WHERE pack_id = ?`)
				.all(id) as Array<{ file: string }>;
			this.#db.prepare(`DELETE FROM teacher_packs WHERE id = ?`).run(id);
			const stillHeld = this.#db.prepare(`SELECT 1 FROM teacher_pack_media WHERE file = ?`);
			return files.map(({ file }) => file).filter((file) => !stillHeld.get(file));
		})();
	}

	async inactiveIds(cutoff: number): Promise<string[]> {
		const rows = this.#db
			.prepare(`SELECT id FROM teacher_packs WHERE active_at < ?`)
			.all(cutoff) as Array<{ id: string }>;
		return rows.map(({ id }) => id);
	}
}
