/**
 * Class sessions' records: the sessions, their seats and verdicts, as one interface
 * (ClassRecords) with its SQLite implementation here and its PostgreSQL one in
 * store-postgres.ts. Every change is committed before the server acknowledges it, so whatever
 * it has acknowledged survives a restart (kill -9 included).
 *
 * A live session is changed by the one process serving it (hub.ts), in its memory first, where
 * each method checks and changes without interleaving; its writes reach the records in the order
 * it made them. They are taken synchronously and committed in order: SQLite commits most of them
 * before it returns (better-sqlite3 is synchronous), PostgreSQL in one transaction per session and
 * turn of the event loop. Verdicts, which a class sends by the hundred within seconds, share one
 * commit per turn of the event loop on either engine (commitVerdict); whatever a browser is told
 * waits for `committed`.
 */
import type { Db } from '../store/db';
import type { Answer } from '$lib/game/play/round';
import type { SessionRound } from '$lib/game/class/phases';
import type { SeatStatus } from '$lib/game/class/report';
import type { SessionSettings } from '$lib/game/class/settings';
import type { ClassPhase } from '$lib/game/class/phases';

export interface SessionRecord {
	id: string;
	code: string;
	hostTokenHash: string;
	packId: string;
	packVersion: string;
	settings: SessionSettings;
	/** The session's rounds in order, kept so a later pack release cannot change a running class. */
	rounds: SessionRound[];
	seed: number;
	phase: ClassPhase;
	/** The current round's index; -1 in the lobby. */
	round: number;
	openedAt: number | null;
	deadline: number | null;
	/** Milliseconds left on the open round's timer while the host has it paused; else null. */
	pausedLeft: number | null;
	lateJoin: boolean;
	createdAt: number;
	activeAt: number;
}

export interface SeatRecord {
	id: string;
	tokenHash: string;
	nickname: string;
	nicknameKey: string;
	status: SeatStatus;
	joinedAt: number;
}

export interface VerdictRecord {
	seatId: string;
	round: number;
	answer: Answer;
	confidence: number;
	responseMs: number;
	correct: boolean;
	createdAt: number;
}

export interface SessionRow {
	id: string;
	code: string;
	host_token_hash: string;
	pack_id: string;
	pack_version: string;
	settings_json: string;
	seed: number;
	phase: ClassPhase;
	round: number;
	opened_at: number | null;
	deadline: number | null;
	/** 1 or 0 in SQLite, a boolean in PostgreSQL. */
	late_join: number | boolean;
	created_at: number;
	active_at: number;
}

export interface SeatRow {
	id: string;
	token_hash: string;
	nickname: string;
	nickname_key: string;
	status: SeatStatus;
	joined_at: number;
}

export interface VerdictRow {
	seat_id: string;
	round: number;
	answer: Answer;
	confidence: number;
	response_ms: number;
	/** 1 or 0 in SQLite, a boolean in PostgreSQL. */
	correct: number | boolean;
	created_at: number;
}

/**
 * The settings_json column: the settings and the rounds, and a paused timer. They sit together
 * because only the host's commands change them (a swap, a skip, a pause), never a verdict.
 */
interface StoredPlan {
	settings: SessionSettings;
	rounds: SessionRound[];
	pausedLeft?: number | null;
}

export function planJson(
	session: Pick<SessionRecord, 'settings' | 'rounds' | 'pausedLeft'>
): string {
	const plan: StoredPlan = { settings: session.settings, rounds: session.rounds };
	if (session.pausedLeft !== null) plan.pausedLeft = session.pausedLeft;
	return JSON.stringify(plan);
}

export function toSession(row: SessionRow): SessionRecord {
	const stored = JSON.parse(row.settings_json) as StoredPlan;
	return {
		id: row.id,
		code: row.code,
		hostTokenHash: row.host_token_hash,
		packId: row.pack_id,
		packVersion: row.pack_version,
		settings: stored.settings,
		rounds: stored.rounds,
		seed: row.seed,
		phase: row.phase,
		round: row.round,
		openedAt: row.opened_at,
		deadline: row.deadline,
		pausedLeft: stored.pausedLeft ?? null,
		lateJoin: row.late_join === 1 || row.late_join === true,
		createdAt: row.created_at,
		activeAt: row.active_at
	};
}

export function toSeat(row: SeatRow): SeatRecord {
	return {
		id: row.id,
		tokenHash: row.token_hash,
		nickname: row.nickname,
		nicknameKey: row.nickname_key,
		status: row.status,
		joinedAt: row.joined_at
	};
}

export function toVerdict(row: VerdictRow): VerdictRecord {
	return {
		seatId: row.seat_id,
		round: row.round,
		answer: row.answer,
		confidence: row.confidence,
		responseMs: row.response_ms,
		correct: row.correct === 1 || row.correct === true,
		createdAt: row.created_at
	};
}

/** True when an insert failed only because a UNIQUE constraint already holds the value. */
export function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: string }).code;
	// SQLite's name for it, and PostgreSQL's unique_violation.
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** What the class hub and its sessions need stored, in either database. */
export interface ClassRecords {
	/** Inserts a session; rejects with a unique violation if its join code is taken. */
	insertSession(session: SessionRecord): Promise<void>;
	session(id: string): Promise<SessionRecord | undefined>;
	sessionIdByCode(code: string): Promise<string | undefined>;
	/** A session's seats, in the order they joined. */
	seats(sessionId: string): Promise<SeatRecord[]>;
	/** A session's verdicts, committed ones only, by round and time. */
	verdicts(sessionId: string): Promise<VerdictRecord[]>;
	/** Deletes a session with its seats and verdicts, after its writes still to commit. */
	deleteSession(id: string): Promise<boolean>;
	/** Ids of sessions with no activity since `before` (epoch ms). */
	expiredIds(before: number): Promise<string[]>;
	/** How many sessions the database holds, expired ones not yet purged included. */
	sessionCount(): Promise<number>;
	/** The pack versions stored sessions play, each once (start-up loads teacher packs' ones). */
	packVersions(): Promise<Array<{ packId: string; packVersion: string }>>;

	// A live session's writes, made by the one process serving it: each is taken at once and
	// committed in the order they were made; its promise settles with that commit (rejects if it
	// failed). SQLite commits (or throws) before returning.
	updatePhase(
		id: string,
		state: Pick<SessionRecord, 'phase' | 'round' | 'openedAt' | 'deadline' | 'activeAt'>
	): Promise<void>;
	/**
	 * Saves the rounds and the paused timer after a host's pause, resume, swap or skip; with
	 * `dropRound`, forgets the answers to that round (swapped or skipped before it was played).
	 */
	updatePlan(
		id: string,
		plan: Pick<SessionRecord, 'settings' | 'rounds' | 'pausedLeft'>,
		dropRound?: number
	): Promise<void>;
	updateLateJoin(id: string, lateJoin: boolean, activeAt: number): Promise<void>;
	/** Inserts a seat (a unique violation if the nickname is taken by an active seat). */
	insertSeat(sessionId: string, seat: SeatRecord, at: number): Promise<void>;
	updateSeat(
		sessionId: string,
		seat: Pick<SeatRecord, 'id' | 'nickname' | 'nicknameKey' | 'status'>
	): Promise<void>;
	/**
	 * Records a verdict (a seat's first verdict for a round stands) in the next commit, shared by
	 * every verdict queued in the same turn of the event loop: under load many arrive together and
	 * one commit costs little more than one insert. Resolves once that commit is done, so nothing
	 * is acknowledged before it is stored; rejects if it failed (none of its verdicts is stored
	 * then).
	 */
	commitVerdict(sessionId: string, verdict: VerdictRecord): Promise<void>;
	/** Commits every queued write now (the hub, when the server stops). */
	flush(): Promise<void>;
}

/** A verdict waiting for its commit, and who waits for it. */
interface QueuedVerdict {
	sessionId: string;
	verdict: VerdictRecord;
	resolve: () => void;
	reject: (fault: unknown) => void;
}

/** What SQLite's writes return: committed before they return, they never wait. */
const settled = Promise.resolve();

/** The class session tables in SQLite, as prepared statements. */
export class SqliteClassRecords implements ClassRecords {
	readonly #db: Db;
	readonly #statements;
	#queued: QueuedVerdict[] = [];

	constructor(db: Db) {
		this.#db = db;
		this.#statements = {
			insertSession: db.prepare(
				`INSERT INTO class_sessions (id, code, host_token_hash, pack_id, pack_version,
					settings_json, seed, phase, round, opened_at, deadline, late_join, created_at, active_at)
				VALUES (@id, @code, @hostTokenHash, @packId, @packVersion, @settingsJson, @seed, @phase,
					@round, @openedAt, @deadline, @lateJoin, @createdAt, @activeAt)`
			),
			sessionById: db.prepare(`SELECT * FROM class_sessions WHERE id = ?`),
			sessionIdByCode: db.prepare(`SELECT id FROM class_sessions WHERE code = ?`),
			updatePhase: db.prepare(
				`UPDATE class_sessions SET phase = @phase, round = @round, opened_at = @openedAt,
					deadline = @deadline, active_at = @activeAt WHERE id = @id`
			),
			updatePlan: db.prepare(`UPDATE class_sessions SET settings_json = ? WHERE id = ?`),
			deleteRoundVerdicts: db.prepare(
				`DELETE FROM class_verdicts WHERE session_id = ? AND round = ?`
			),
			updateLateJoin: db.prepare(
				`UPDATE class_sessions SET late_join = ?, active_at = ? WHERE id = ?`
			),
			deleteSession: db.prepare(`DELETE FROM class_sessions WHERE id = ?`),
			expiredIds: db.prepare(`SELECT id FROM class_sessions WHERE active_at < ?`),
			sessionCount: db.prepare(`SELECT COUNT(*) AS n FROM class_sessions`),
			insertSeat: db.prepare(
				`INSERT INTO class_seats (session_id, id, token_hash, nickname, nickname_key, status, joined_at)
				VALUES (@sessionId, @id, @tokenHash, @nickname, @nicknameKey, @status, @joinedAt)`
			),
			updateSeat: db.prepare(
				`UPDATE class_seats SET nickname = @nickname, nickname_key = @nicknameKey, status = @status
				WHERE session_id = @sessionId AND id = @id`
			),
			touchSession: db.prepare(`UPDATE class_sessions SET active_at = ? WHERE id = ?`),
			seats: db.prepare(`SELECT * FROM class_seats WHERE session_id = ? ORDER BY joined_at, id`),
			insertVerdict: db.prepare(
				`INSERT OR IGNORE INTO class_verdicts (session_id, seat_id, round, answer, confidence,
					response_ms, correct, created_at)
				VALUES (@sessionId, @seatId, @round, @answer, @confidence, @responseMs, @correct, @createdAt)`
			),
			verdicts: db.prepare(
				`SELECT seat_id, round, answer, confidence, response_ms, correct, created_at
				FROM class_verdicts WHERE session_id = ? ORDER BY round, created_at, seat_id`
			)
		};
	}

	async insertSession(session: SessionRecord): Promise<void> {
		this.flushVerdicts();
		this.#statements.insertSession.run({
			id: session.id,
			code: session.code,
			hostTokenHash: session.hostTokenHash,
			packId: session.packId,
			packVersion: session.packVersion,
			settingsJson: planJson(session),
			seed: session.seed,
			phase: session.phase,
			round: session.round,
			openedAt: session.openedAt,
			deadline: session.deadline,
			lateJoin: session.lateJoin ? 1 : 0,
			createdAt: session.createdAt,
			activeAt: session.activeAt
		});
	}

	async session(id: string): Promise<SessionRecord | undefined> {
		const row = this.#statements.sessionById.get(id) as SessionRow | undefined;
		return row && toSession(row);
	}

	async sessionIdByCode(code: string): Promise<string | undefined> {
		return (this.#statements.sessionIdByCode.get(code) as { id: string } | undefined)?.id;
	}

	updatePhase(
		id: string,
		state: Pick<SessionRecord, 'phase' | 'round' | 'openedAt' | 'deadline' | 'activeAt'>
	): Promise<void> {
		this.flushVerdicts();
		this.#statements.updatePhase.run({ id, ...state });
		return settled;
	}

	updatePlan(
		id: string,
		plan: Pick<SessionRecord, 'settings' | 'rounds' | 'pausedLeft'>,
		dropRound?: number
	): Promise<void> {
		this.flushVerdicts();
		this.#db.transaction(() => {
			if (dropRound !== undefined) this.#statements.deleteRoundVerdicts.run(id, dropRound);
			this.#statements.updatePlan.run(planJson(plan), id);
		})();
		return settled;
	}

	updateLateJoin(id: string, lateJoin: boolean, activeAt: number): Promise<void> {
		this.flushVerdicts();
		this.#statements.updateLateJoin.run(lateJoin ? 1 : 0, activeAt, id);
		return settled;
	}

	async deleteSession(id: string): Promise<boolean> {
		this.flushVerdicts();
		return this.#statements.deleteSession.run(id).changes > 0;
	}

	async expiredIds(before: number): Promise<string[]> {
		return (this.#statements.expiredIds.all(before) as Array<{ id: string }>).map((row) => row.id);
	}

	async sessionCount(): Promise<number> {
		return (this.#statements.sessionCount.get() as { n: number }).n;
	}

	async packVersions(): Promise<Array<{ packId: string; packVersion: string }>> {
		return this.#db
			.prepare(`SELECT DISTINCT pack_id AS packId, pack_version AS packVersion FROM class_sessions`)
			.all() as Array<{ packId: string; packVersion: string }>;
	}

	insertSeat(sessionId: string, seat: SeatRecord, at: number): Promise<void> {
		this.flushVerdicts();
		this.#db.transaction(() => {
			this.#statements.insertSeat.run({ sessionId, ...seat });
			this.#statements.touchSession.run(at, sessionId);
		})();
		return settled;
	}

	updateSeat(
		sessionId: string,
		seat: Pick<SeatRecord, 'id' | 'nickname' | 'nicknameKey' | 'status'>
	): Promise<void> {
		this.flushVerdicts();
		this.#statements.updateSeat.run({ sessionId, ...seat });
		return settled;
	}

	async seats(sessionId: string): Promise<SeatRecord[]> {
		return (this.#statements.seats.all(sessionId) as SeatRow[]).map(toSeat);
	}

	/** `INSERT OR IGNORE`: a seat's first verdict for a round stands. */
	commitVerdict(sessionId: string, verdict: VerdictRecord): Promise<void> {
		return new Promise((resolve, reject) => {
			// setImmediate runs once the event loop has read every request that arrived together.
			if (this.#queued.length === 0) setImmediate(() => this.flushVerdicts());
			this.#queued.push({ sessionId, verdict, resolve, reject });
		});
	}

	async flush(): Promise<void> {
		this.flushVerdicts();
	}

	/**
	 * Commits the queued verdicts now. Every other write calls it first, so the database takes
	 * the changes in the order the sessions made them (a verdict before the swap that drops its
	 * round, before the session's deletion).
	 */
	flushVerdicts(): void {
		const batch = this.#queued;
		if (batch.length === 0) return;
		this.#queued = [];
		try {
			this.#db.transaction(() => {
				for (const { sessionId, verdict } of batch) {
					this.#statements.insertVerdict.run({
						sessionId,
						...verdict,
						correct: verdict.correct ? 1 : 0
					});
				}
			})();
		} catch (fault) {
			for (const queued of batch) queued.reject(fault);
			return;
		}
		for (const queued of batch) queued.resolve();
	}

	async verdicts(sessionId: string): Promise<VerdictRecord[]> {
		this.flushVerdicts();
		return (this.#statements.verdicts.all(sessionId) as VerdictRow[]).map(toVerdict);
	}
}
