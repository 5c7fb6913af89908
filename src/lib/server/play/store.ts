/**
 * Solo runs' records: the runs, when each round was first served, and the verdicts, as one
 * interface (RunRecords) with its SQLite implementation here and its PostgreSQL one in
 * store-postgres.ts. Only storage lives here; what a run may do (which round is current, what
 * a verdict scores) is decided in runs.ts. Every write is committed before its promise
 * resolves, so an acknowledged verdict survives a restart.
 */
import type { Db } from '../store/db';
import type { Answer, ScoredVerdict } from '$lib/game/play/round';
import type { RunOptions } from '$lib/game/play/run';

/** A verdict as the server recorded and scored it; `responseMs` is the server's own measurement. */
export interface StoredVerdict extends ScoredVerdict {
	createdAt: string;
}

/** A run's own row: what it was made from, not its rounds (those are rebuilt from the pack). */
export interface RunRecord {
	id: string;
	packId: string;
	packVersion: string;
	options: RunOptions;
	/** The share code this run answers ("play the same rounds"), if any. */
	challengeOf: string | null;
	createdAt: string;
	finishedAt: string | null;
	/** When the run was last played (ms since the epoch): its time to live counts from here. */
	activeAt: number;
}

/** What runs.ts needs stored about runs, in either database. */
export interface RunRecords {
	insertRun(run: Omit<RunRecord, 'finishedAt'>): Promise<void>;
	run(id: string): Promise<RunRecord | undefined>;
	/** The run's verdicts in round order. */
	verdicts(id: string): Promise<StoredVerdict[]>;
	/**
	 * Notes that a round was served at `at`, unless it already was (a reload does not restart its
	 * clock), and counts it as play: only playing keeps a run, not looking at its results.
	 */
	markServed(id: string, round: number, at: number): Promise<void>;
	/** When a round was first served (ms since the epoch), or undefined if it never was. */
	servedAt(id: string, round: number): Promise<number | undefined>;
	/**
	 * Stores a verdict unless the round already has one, in one transaction with the run's
	 * activity and, for its last round, its end. False when another request's verdict stands.
	 */
	addVerdict(id: string, verdict: StoredVerdict, at: number, last: boolean): Promise<boolean>;
	runCount(): Promise<number>;
	/** Deletes unfinished runs last played before `cutoff` (ms since the epoch). */
	deleteAbandoned(cutoff: number): Promise<void>;
	/** Deletes runs (with their rounds and verdicts) last played before `cutoff`; how many. */
	deleteInactive(cutoff: number): Promise<number>;
}

export interface RunRow {
	id: string;
	pack_id: string;
	pack_version: string;
	options_json: string;
	challenge_of: string | null;
	created_at: string;
	finished_at: string | null;
	active_at: number;
}

export interface VerdictRow {
	round: number;
	answer: Answer;
	confidence: number;
	response_ms: number;
	/** 1 or 0 in SQLite, a boolean in PostgreSQL. */
	correct: number | boolean;
	created_at: string;
}

export function toRun(row: RunRow): RunRecord {
	return {
		id: row.id,
		packId: row.pack_id,
		packVersion: row.pack_version,
		options: JSON.parse(row.options_json) as RunOptions,
		challengeOf: row.challenge_of,
		createdAt: row.created_at,
		finishedAt: row.finished_at,
		activeAt: row.active_at
	};
}

export function toVerdict(row: VerdictRow): StoredVerdict {
	return {
		round: row.round,
		answer: row.answer,
		confidence: row.confidence,
		responseMs: row.response_ms,
		correct: row.correct === 1 || row.correct === true,
		createdAt: row.created_at
	};
}

/** The solo run tables in SQLite, as prepared statements. */
export class SqliteRunRecords implements RunRecords {
	readonly #db: Db;
	readonly #statements;

	constructor(db: Db) {
		this.#db = db;
		this.#statements = {
			insertRun: db.prepare(
				`INSERT INTO runs (id, pack_id, pack_version, options_json, seed, challenge_of, created_at,
					active_at)
				VALUES (@id, @packId, @packVersion, @optionsJson, @seed, @challengeOf, @createdAt, @activeAt)`
			),
			runById: db.prepare(`SELECT * FROM runs WHERE id = ?`),
			verdicts: db.prepare(
				`SELECT round, answer, confidence, response_ms, correct, created_at
				FROM run_verdicts WHERE run_id = ? ORDER BY round`
			),
			markServed: db.prepare(
				`INSERT INTO run_rounds (run_id, round, served_at) VALUES (?, ?, ?)
				ON CONFLICT (run_id, round) DO NOTHING`
			),
			servedAt: db.prepare(`SELECT served_at FROM run_rounds WHERE run_id = ? AND round = ?`),
			insertVerdict: db.prepare(
				`INSERT INTO run_verdicts (run_id, round, answer, confidence, response_ms, correct,
					created_at)
				VALUES (@runId, @round, @answer, @confidence, @responseMs, @correct, @createdAt)
				ON CONFLICT (run_id, round) DO NOTHING`
			),
			markFinished: db.prepare(
				`UPDATE runs SET finished_at = ? WHERE id = ? AND finished_at IS NULL`
			),
			touchRun: db.prepare(`UPDATE runs SET active_at = ? WHERE id = ?`),
			deleteInactive: db.prepare(`DELETE FROM runs WHERE active_at < ?`),
			runCount: db.prepare(`SELECT COUNT(*) AS n FROM runs`),
			deleteAbandoned: db.prepare(`DELETE FROM runs WHERE finished_at IS NULL AND active_at < ?`)
		};
	}

	async insertRun(run: Omit<RunRecord, 'finishedAt'>): Promise<void> {
		this.#statements.insertRun.run({
			id: run.id,
			packId: run.packId,
			packVersion: run.packVersion,
			optionsJson: JSON.stringify(run.options),
			seed: run.options.seed,
			challengeOf: run.challengeOf,
			createdAt: run.createdAt,
			activeAt: run.activeAt
		});
	}

	async run(id: string): Promise<RunRecord | undefined> {
		const row = this.#statements.runById.get(id) as RunRow | undefined;
		return row && toRun(row);
	}

	async verdicts(id: string): Promise<StoredVerdict[]> {
		return (this.#statements.verdicts.all(id) as VerdictRow[]).map(toVerdict);
	}

	async markServed(id: string, round: number, at: number): Promise<void> {
		this.#db.transaction(() => {
			this.#statements.markServed.run(id, round, at);
			this.#statements.touchRun.run(at, id);
		})();
	}

	async servedAt(id: string, round: number): Promise<number | undefined> {
		const row = this.#statements.servedAt.get(id, round) as { served_at: number } | undefined;
		return row?.served_at;
	}

	async addVerdict(
		id: string,
		verdict: StoredVerdict,
		at: number,
		last: boolean
	): Promise<boolean> {
		return this.#db.transaction(() => {
			const inserted = this.#statements.insertVerdict.run({
				runId: id,
				round: verdict.round,
				answer: verdict.answer,
				confidence: verdict.confidence,
				responseMs: verdict.responseMs,
				correct: verdict.correct ? 1 : 0,
				createdAt: verdict.createdAt
			});
			if (inserted.changes !== 1) return false;
			this.#statements.touchRun.run(at, id);
			if (last) this.#statements.markFinished.run(verdict.createdAt, id);
			return true;
		})();
	}

	async runCount(): Promise<number> {
		return (this.#statements.runCount.get() as { n: number }).n;
	}

	async deleteAbandoned(cutoff: number): Promise<void> {
		this.#statements.deleteAbandoned.run(cutoff);
	}

	async deleteInactive(cutoff: number): Promise<number> {
		return this.#statements.deleteInactive.run(cutoff).changes;
	}
}
