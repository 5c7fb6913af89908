/**
 * Solo runs' records in PostgreSQL (store.ts has the interface and SQLite's): the same tables
 * and the same rules, so that any server may serve any request of a run. A verdict is inserted
 * with its run's activity in one transaction, and the primary key (run, round) decides which of
 * two racing verdicts stands, whichever server each reached.
 */
import { inTransaction, type Pg } from '../store/postgres';
import {
	toRun,
	toVerdict,
	type RunRecord,
	type RunRecords,
	type RunRow,
	type StoredVerdict,
	type VerdictRow
} from './store';

export class PostgresRunRecords implements RunRecords {
	readonly #pg: Pg;

	constructor(pg: Pg) {
		this.#pg = pg;
	}

	async insertRun(run: Omit<RunRecord, 'finishedAt'>): Promise<void> {
		await this.#pg.query(
			`INSERT INTO runs (id, pack_id, pack_version, options_json, seed, challenge_of, created_at,
				active_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[
				run.id,
				run.packId,
				run.packVersion,
				JSON.stringify(run.options),
				run.options.seed,
				run.challengeOf,
				run.createdAt,
				run.activeAt
			]
		);
	}

	async run(id: string): Promise<RunRecord | undefined> {
		const { rows } = await this.#pg.query<RunRow>(`SELECT * FROM runs WHERE id = $1`, [id]);
		return rows[0] && toRun(rows[0]);
	}

	async verdicts(id: string): Promise<StoredVerdict[]> {
		const { rows } = await this.#pg.query<VerdictRow>(
			`SELECT round, answer, confidence, response_ms, correct, created_at
			FROM run_verdicts WHERE run_id = $1 ORDER BY round`,
			[id]
		);
		return rows.map(toVerdict);
	}

	async markServed(id: string, round: number, at: number): Promise<void> {
		await inTransaction(this.#pg, async (client) => {
			await client.query(
				`INSERT INTO run_rounds (run_id, round, served_at) VALUES ($1, $2, $3)
				ON CONFLICT (run_id, round) DO NOTHING`,
				[id, round, at]
			);
			await client.query(`UPDATE runs SET active_at = $1 WHERE id = $2`, [at, id]);
		});
	}

	async servedAt(id: string, round: number): Promise<number | undefined> {
		const { rows } = await this.#pg.query<{ served_at: number }>(
			`SELECT served_at FROM run_rounds WHERE run_id = $1 AND round = $2`,
			[id, round]
		);
		return rows[0]?.served_at;
	}

	async addVerdict(
		id: string,
		verdict: StoredVerdict,
		at: number,
		last: boolean
	): Promise<boolean> {
		return inTransaction(this.#pg, async (client) => {
			const inserted = await client.query(
				`INSERT INTO run_verdicts (run_id, round, answer, confidence, response_ms, correct,
					created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (run_id, round) DO NOTHING`,
				[
					id,
					verdict.round,
					verdict.answer,
					verdict.confidence,
					verdict.responseMs,
					verdict.correct,
					verdict.createdAt
				]
			);
			if (inserted.rowCount !== 1) return false;
			await client.query(`UPDATE runs SET active_at = $1 WHERE id = $2`, [at, id]);
			if (last) {
				await client.query(
					`UPDATE runs SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL`,
					[verdict.createdAt, id]
				);
			}
			return true;
		});
	}

	async runCount(): Promise<number> {
		const { rows } = await this.#pg.query<{ n: number }>(`SELECT count(*) AS n FROM runs`);
		return rows[0].n;
	}

	async deleteAbandoned(cutoff: number): Promise<void> {
		await this.#pg.query(`DELETE FROM runs WHERE finished_at IS NULL AND active_at < $1`, [cutoff]);
	}

	async deleteInactive(cutoff: number): Promise<number> {
		const deleted = await this.#pg.query(`DELETE FROM runs WHERE active_at < $1`, [cutoff]);
		return deleted.rowCount ?? 0;
	}
}
