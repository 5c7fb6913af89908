/**
 * Class sessions' records in PostgreSQL (store.ts has the interface and SQLite's): the same
 * tables and the same rules. A live session's writes are queued per session and committed in
 * the order it made them, one transaction per session and turn of the event loop (a group
 * commit, so a hundred verdicts arriving together cost about one commit); a session's next
 * transaction starts only when its previous one is done. Sessions commit side by side, each on
 * its own connection from the pool. When several processes serve sessions (ownership.ts), each
 * transaction is fenced: it first locks the session's lease with the epoch this process holds,
 * and is refused (NotOwner) when another process has taken the session since.
 */
import { inTransaction, type Pg, type PgClient } from '../store/postgres';
import { NotOwner } from './ownership';
import { COMMIT_SPACING_MS, whenCommitDue } from './commit-pacing';
import {
	planJson,
	toSeat,
	toSession,
	toVerdict,
	type ClassRecords,
	type SeatRecord,
	type SeatRow,
	type SessionRecord,
	type SessionRow,
	type VerdictRecord,
	type VerdictRow
} from './store';

/** One queued write: a statement, or a verdict (consecutive ones go in as one insert). */
type Write = ((client: PgClient) => Promise<unknown>) | VerdictRecord;

/** A commit still to come and who waits for it. */
interface Batch {
	writes: Write[];
	done: Promise<void>;
	resolve: () => void;
	reject: (fault: unknown) => void;
}

/** A session's writes: the batch being committed (if any) and the next one, filling up. */
interface SessionQueue {
	running: Promise<void> | undefined;
	next: Batch | undefined;
}

function newBatch(): Batch {
	let resolve!: () => void;
	let reject!: (fault: unknown) => void;
	const done = new Promise<void>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	// Whoever made a write hears of a failure through its own promise; nobody waiting is no crash.
	done.catch(() => undefined);
	return { writes: [], done, resolve, reject };
}

export class PostgresClassRecords implements ClassRecords {
	readonly #pg: Pg;
	readonly #queues = new Map<string, SessionQueue>();
	/**
	 * When each session's last commit started (performance.now()), in that order, kept only
	 * while it can still delay the next one (commit-pacing.ts).
	 */
	readonly #commitStarts = new Map<string, number>();
	/** The epoch of the lease this process holds on a session, when writes are fenced. */
	#epochOf: ((sessionId: string) => number | undefined) | undefined;

	constructor(pg: Pg) {
		this.#pg = pg;
	}

	/** Fences every session's writes with the epoch of this process's lease (ownership.ts). */
	fenceWith(epochOf: (sessionId: string) => number | undefined): void {
		this.#epochOf = epochOf;
	}

	async insertSession(session: SessionRecord): Promise<void> {
		await this.#pg.query(
			`INSERT INTO class_sessions (id, code, host_token_hash, pack_id, pack_version,
				settings_json, seed, phase, round, opened_at, deadline, late_join, created_at, active_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			[
				session.id,
				session.code,
				session.hostTokenHash,
				session.packId,
				session.packVersion,
				planJson(session),
				session.seed,
				session.phase,
				session.round,
				session.openedAt,
				session.deadline,
				session.lateJoin,
				session.createdAt,
				session.activeAt
			]
		);
	}

	async session(id: string): Promise<SessionRecord | undefined> {
		await this.#written(id);
		const { rows } = await this.#pg.query<SessionRow>(
			`SELECT * FROM class_sessions WHERE id = $1`,
			[id]
		);
		return rows[0] && toSession(rows[0]);
	}

	async sessionIdByCode(code: string): Promise<string | undefined> {
		const { rows } = await this.#pg.query<{ id: string }>(
			`SELECT id FROM class_sessions WHERE code = $1`,
			[code]
		);
		return rows[0]?.id;
	}

	async seats(sessionId: string): Promise<SeatRecord[]> {
		await this.#written(sessionId);
		const { rows } = await this.#pg.query<SeatRow>(
			`SELECT * FROM class_seats WHERE session_id = $1 ORDER BY joined_at, id`,
			[sessionId]
		);
		return rows.map(toSeat);
	}

	async verdicts(sessionId: string): Promise<VerdictRecord[]> {
		await this.#written(sessionId);
		const { rows } = await this.#pg.query<VerdictRow>(
			`SELECT seat_id, round, answer, confidence, response_ms, correct, created_at
			FROM class_verdicts WHERE session_id = $1 ORDER BY round, created_at, seat_id`,
			[sessionId]
		);
		return rows.map(toVerdict);
	}

	async deleteSession(id: string): Promise<boolean> {
		await this.#written(id);
		const deleted = await this.#pg.query(`DELETE FROM class_sessions WHERE id = $1`, [id]);
		return (deleted.rowCount ?? 0) > 0;
	}

	async expiredIds(before: number): Promise<string[]> {
		const { rows } = await this.#pg.query<{ id: string }>(
			`SELECT id FROM class_sessions WHERE active_at < $1`,
			[before]
		);
		return rows.map((row) => row.id);
	}

	async sessionCount(): Promise<number> {
		const { rows } = await this.#pg.query<{ n: number }>(
			`SELECT count(*) AS n FROM class_sessions`
		);
		return rows[0].n;
	}

	async packVersions(): Promise<Array<{ packId: string; packVersion: string }>> {
		const { rows } = await this.#pg.query<{ packId: string; packVersion: string }>(
			`SELECT DISTINCT pack_id AS "packId", pack_version AS "packVersion" FROM class_sessions`
		);
		return rows;
	}

	updatePhase(
		id: string,
		state: Pick<SessionRecord, 'phase' | 'round' | 'openedAt' | 'deadline' | 'activeAt'>
	): Promise<void> {
		return this.#take(id, (client) =>
			client.query(
				`UPDATE class_sessions SET phase = $2, round = $3, opened_at = $4, deadline = $5,
					active_at = $6 WHERE id = $1`,
				[id, state.phase, state.round, state.openedAt, state.deadline, state.activeAt]
			)
		);
	}

	updatePlan(
		id: string,
		plan: Pick<SessionRecord, 'settings' | 'rounds' | 'pausedLeft'>,
		dropRound?: number
	): Promise<void> {
		const json = planJson(plan);
		return this.#take(id, async (client) => {
			if (dropRound !== undefined) {
				await client.query(`DELETE FROM class_verdicts WHERE session_id = $1 AND round = $2`, [
					id,
					dropRound
				]);
			}
			await client.query(`UPDATE class_sessions SET settings_json = $2 WHERE id = $1`, [id, json]);
		});
	}

	updateLateJoin(id: string, lateJoin: boolean, activeAt: number): Promise<void> {
		return this.#take(id, (client) =>
			client.query(`UPDATE class_sessions SET late_join = $2, active_at = $3 WHERE id = $1`, [
				id,
				lateJoin,
				activeAt
			])
		);
	}

	insertSeat(sessionId: string, seat: SeatRecord, at: number): Promise<void> {
		return this.#take(sessionId, async (client) => {
			await client.query(
				`INSERT INTO class_seats (session_id, id, token_hash, nickname, nickname_key, status,
					joined_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					sessionId,
					seat.id,
					seat.tokenHash,
					seat.nickname,
					seat.nicknameKey,
					seat.status,
					seat.joinedAt
				]
			);
			await client.query(`UPDATE class_sessions SET active_at = $2 WHERE id = $1`, [sessionId, at]);
		});
	}

	updateSeat(
		sessionId: string,
		seat: Pick<SeatRecord, 'id' | 'nickname' | 'nicknameKey' | 'status'>
	): Promise<void> {
		return this.#take(sessionId, (client) =>
			client.query(
				`UPDATE class_seats SET nickname = $3, nickname_key = $4, status = $5
				WHERE session_id = $1 AND id = $2`,
				[sessionId, seat.id, seat.nickname, seat.nicknameKey, seat.status]
			)
		);
	}

	commitVerdict(sessionId: string, verdict: VerdictRecord): Promise<void> {
		return this.#take(sessionId, verdict);
	}

	async flush(): Promise<void> {
		await Promise.all([...this.#queues.keys()].map((id) => this.#written(id)));
	}

	/** Queues a write of the session; settles with the commit that takes it. */
	#take(sessionId: string, write: Write): Promise<void> {
		let queue = this.#queues.get(sessionId);
		if (!queue) {
			queue = { running: undefined, next: undefined };
			this.#queues.set(sessionId, queue);
		}
		if (!queue.next) {
			queue.next = newBatch();
			if (!queue.running) this.#commitWhenDue(sessionId, queue);
		}
		queue.next.writes.push(write);
		return queue.next.done;
	}

	#commitWhenDue(sessionId: string, queue: SessionQueue): void {
		const lastStart = this.#commitStarts.get(sessionId) ?? -Infinity;
		whenCommitDue(lastStart, () => this.#commitNext(sessionId, queue));
	}

	/** Commits the session's next batch, then the one that fills up meanwhile, if any. */
	#commitNext(sessionId: string, queue: SessionQueue): void {
		// Set whenever a commit is due: by #take, or found after the last commit.
		const batch = queue.next!;
		this.#commitStarted(sessionId);
		queue.next = undefined;
		const verdicts = batch.writes.filter((write) => typeof write !== 'function');
		queue.running = (
			verdicts.length === batch.writes.length
				? this.#insertFenced(sessionId, verdicts)
				: inTransaction(this.#pg, async (client) => {
						await this.#fence(client, sessionId);
						await runWrites(client, sessionId, batch.writes);
					})
		)
			.then(batch.resolve, batch.reject)
			.then(() => {
				queue.running = undefined;
				if (queue.next) this.#commitWhenDue(sessionId, queue);
				else this.#queues.delete(sessionId);
			});
	}

	/** Notes that a commit of the session starts now, and forgets starts too old to matter. */
	#commitStarted(sessionId: string): void {
		const now = performance.now();
		this.#commitStarts.delete(sessionId);
		this.#commitStarts.set(sessionId, now);
		for (const [id, start] of this.#commitStarts) {
			if (start + COMMIT_SPACING_MS > now) break;
			this.#commitStarts.delete(id);
		}
	}

	/**
	 * Locks the session's lease row if it still has this process's epoch, or refuses the
	 * transaction: a takeover (ownership.ts) waits for this lock, so it sees every write
	 * committed before it, and none after.
	 */
	async #fence(client: PgClient, sessionId: string): Promise<void> {
		const epoch = this.#fencedWith(sessionId);
		if (epoch === undefined) return;
		const { rowCount } = await client.query(leaseRowLocked('$2'), [sessionId, epoch]);
		if (!rowCount) throw new NotOwner(sessionId);
	}

	/** The epoch the session's writes are fenced with; undefined when they are not fenced. */
	#fencedWith(sessionId: string): number | undefined {
		// A session whose lease this process does not hold matches no lease row.
		return this.#epochOf ? (this.#epochOf(sessionId) ?? -1) : undefined;
	}

	/**
	 * A batch of verdicts alone, what a round sends by the thousand, in one statement that takes
	 * the fence too (the lease row locked until it commits, as #fence does): one round trip to
	 * PostgreSQL instead of a transaction's four.
	 */
	async #insertFenced(sessionId: string, verdicts: VerdictRecord[]): Promise<void> {
		if (!(await insertVerdicts(this.#pg, sessionId, verdicts, this.#fencedWith(sessionId)))) {
			throw new NotOwner(sessionId);
		}
	}

	/** Settles once every write of the session queued so far is committed (or has failed). */
	async #written(sessionId: string): Promise<void> {
		const queue = this.#queues.get(sessionId);
		if (!queue) return;
		await queue.next?.done.catch(() => undefined);
		await queue.running;
	}
}

/** Runs a batch's writes in order, each run of consecutive verdicts as one insert. */
async function runWrites(client: PgClient, sessionId: string, writes: Write[]): Promise<void> {
	let verdicts: VerdictRecord[] = [];
	for (const write of writes) {
		if (typeof write !== 'function') {
			verdicts.push(write);
			continue;
		}
		if (verdicts.length > 0) await insertVerdicts(client, sessionId, verdicts);
		verdicts = [];
		await write(client);
	}
	if (verdicts.length > 0) await insertVerdicts(client, sessionId, verdicts);
}

/**
 * The session's (`$1`) lease row if it still has the epoch in parameter `epoch`, locked until
 * the transaction ends: a takeover (ownership.ts) waits for the lock.
 */
function leaseRowLocked(epoch: string): string {
	return `SELECT 1 FROM class_owners WHERE session_id = $1 AND epoch = ${epoch} FOR NO KEY UPDATE`;
}

/**
 * Inserts verdicts in one statement; a seat's first verdict for a round stands. With `epoch`,
 * only while the session's lease row has that epoch, locked as #fence locks it; returns whether
 * it had (always true without).
 */
async function insertVerdicts(
	client: Pick<PgClient, 'query'>,
	sessionId: string,
	verdicts: VerdictRecord[],
	epoch?: number
): Promise<boolean> {
	const fenced = epoch !== undefined;
	const insert = `INSERT INTO class_verdicts (session_id, seat_id, round, answer, confidence,
			response_ms, correct, created_at)
		SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::text[], $5::double precision[],
			$6::integer[], $7::boolean[], $8::bigint[])
		${fenced ? 'WHERE EXISTS (SELECT 1 FROM fence)' : ''}
		ON CONFLICT (session_id, seat_id, round) DO NOTHING`;
	const { rows } = await client.query<{ held: number }>({
		// Named, so each connection has PostgreSQL parse and plan it once, not once a batch.
		name: fenced ? 'class-verdicts-fenced' : 'class-verdicts',
		text: fenced
			? `WITH fence AS (${leaseRowLocked('$9')}), inserted AS (${insert})
				SELECT count(*)::int AS held FROM fence`
			: insert,
		values: [
			sessionId,
			verdicts.map((verdict) => verdict.seatId),
			verdicts.map((verdict) => verdict.round),
			verdicts.map((verdict) => verdict.answer),
			verdicts.map((verdict) => verdict.confidence),
			verdicts.map((verdict) => verdict.responseMs),
			verdicts.map((verdict) => verdict.correct),
			verdicts.map((verdict) => verdict.createdAt),
			...(fenced ? [epoch] : [])
		]
	});
	return !fenced || rows[0].held > 0;
}
