/**
 * Teacher packs' records in PostgreSQL (records.ts has the interface and SQLite's), so that an
 * editor's link and a play link work on any server. A new version is recorded under its primary
 * key (pack, version): of two servers publishing the pack at once, the first to commit records
 * it and the other is told so (markPlayed's false) and plays that one.
 */
import { inTransaction, type Pg } from '../../store/postgres';
import type { HeldFile, TeacherPackRecords, TeacherPackRow } from './records';

export class PostgresTeacherPackRecords implements TeacherPackRecords {
	readonly #pg: Pg;

	constructor(pg: Pg) {
		this.#pg = pg;
	}

	async count(): Promise<number> {
		const { rows } = await this.#pg.query<{ n: number }>(`SELECT count(*) AS n FROM teacher_packs`);
		return rows[0].n;
	}

	async insert(id: string, editorHash: string, draftJson: string, now: number): Promise<void> {
		await this.#pg.query(
			`INSERT INTO teacher_packs (id, editor_hash, draft_json, version, created_at, active_at)
			VALUES ($1, $2, $3, 0, $4, $4)`,
			[id, editorHash, draftJson, now]
		);
	}

	async row(where: 'id' | 'editor_hash', value: string): Promise<TeacherPackRow | undefined> {
		const { rows } = await this.#pg.query<TeacherPackRow>(
			`SELECT id, draft_json, version, created_at, active_at FROM teacher_packs
			WHERE ${where === 'id' ? 'id' : 'editor_hash'} = $1`,
			[value]
		);
		return rows[0];
	}

	async saveDraft(id: string, draftJson: string, now: number): Promise<void> {
		await this.#pg.query(`UPDATE teacher_packs SET draft_json = $1, active_at = $2 WHERE id = $3`, [
			draftJson,
			now,
			id
		]);
	}

	async mediaBytes(id?: string): Promise<number> {
		const sum = `SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM teacher_pack_media`;
		const { rows } =
			id === undefined
				? await this.#pg.query<{ bytes: number }>(sum)
				: await this.#pg.query<{ bytes: number }>(`${sum} WHERE pack_id = $1`, [id]);
		return rows[0].bytes;
	}

	async addMedia(id: string, files: HeldFile[], draftJson: string, now: number): Promise<void> {
		await inTransaction(this.#pg, async (client) => {
			for (const { file, bytes } of files) {
				await client.query(
					`INSERT INTO teacher_pack_media (pack_id, file, bytes) VALUES ($1, $2, $3)
					ON CONFLICT (pack_id, file) DO UPDATE SET bytes = excluded.bytes`,
					[id, file, bytes]
				);
			}
			await client.query(`UPDATE teacher_packs SET draft_json = $1, active_at = $2 WHERE id = $3`, [
				draftJson,
				now,
				id
			]);
		});
	}

	async holdsFile(id: string, file: string): Promise<boolean> {
		const { rowCount } = await this.#pg.query(
			`SELECT 1 FROM teacher_pack_media WHERE pack_id = $1 AND file = $2`,
			[id, file]
		);
		return (rowCount ?? 0) > 0;
	}

	async versionManifest(id: string, version: number): Promise<string | undefined> {
		const { rows } = await this.#pg.query<{ manifest_json: string }>(
			`SELECT manifest_json FROM teacher_pack_versions WHERE pack_id = $1 AND version = $2`,
			[id, version]
		);
		return rows[0]?.manifest_json;
	}

	async markPlayed(
		id: string,
		now: number,
		next?: { version: number; manifestJson: string }
	): Promise<boolean> {
		return inTransaction(this.#pg, async (client) => {
			await client.query(`UPDATE teacher_packs SET active_at = $1 WHERE id = $2`, [now, id]);
			if (!next) return true;
			const inserted = await client.query(
				`INSERT INTO teacher_pack_versions (pack_id, version, manifest_json, published_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT (pack_id, version) DO NOTHING`,
				[id, next.version, next.manifestJson, now]
			);
			if (inserted.rowCount !== 1) return false;
			await client.query(`UPDATE teacher_packs SET version = $1 WHERE id = $2`, [next.version, id]);
			return true;
		});
	}

	async delete(id: string): Promise<string[]> {
		return inTransaction(this.#pg, async (client) => {
			const { rows } = await client.query<{ file: string }>(
				`DELETE FROM teacher_pack_media WHERE pack_id = $1 RETURNING file`,
				[id]
			);
			await client.query(`DELETE FROM teacher_packs WHERE id = $1`, [id]);
			const files = rows.map(({ file }) => file);
			const { rows: held } = await client.query<{ file: string }>(
				`SELECT DISTINCT file FROM teacher_pack_media WHERE file = ANY($1)`,
				[files]
			);
			const stillHeld = new Set(held.map(({ file }) => file));
			return files.filter((file) => !stillHeld.has(file));
		});
	}

	async inactiveIds(cutoff: number): Promise<string[]> {
		const { rows } = await this.#pg.query<{ id: string }>(
			`SELECT id FROM teacher_packs WHERE active_at < $1`,
			[cutoff]
		);
		return rows.map(({ id }) => id);
	}
}
