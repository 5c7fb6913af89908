/**
 * Who serves a live class session when several processes share PostgreSQL: its owner, the one
 * process that holds the session's lease (the class_owners row: holder, address, epoch, until).
 * The owner decides in memory as one process always did (session.ts); any other process passes
 * the session's requests to it (relay.ts). A lease lasts LEASE_MS and its owner renews it every
 * RENEW_MS; once it lapses (the owner died, paused or lost PostgreSQL), the next process a
 * request reaches takes it with the epoch one higher and loads the session from the records.
 *
 * The lease alone cannot stop an owner that is paused past its lease and wakes up still
 * believing it owns the session: its writes are fenced instead. Each transaction of a session's
 * writes (store-postgres.ts) first locks the lease row with the epoch this process took, and is
 * refused when the row has moved on; the takeover waits for that lock, so a write either
 * commits before the new owner loads the session or never. Whatever the stale owner told a
 * browser waited for such a commit (session.ts), so it told nothing it did not store.
 * Times are PostgreSQL's clock, the one every process shares.
 *
 * After a failover the session stays with the process that took it, while the load balancer,
 * which hashes a session to one process, sends its requests to the first one again once it is
 * back: that one passes every request on (relay.ts), which doubles the work. So an owner hands
 * a session back when the last HAND_BACK_AFTER requests of it (event streams aside, relay.ts)
 * all came passed on by one other process (mixed traffic, as from a round-robin balancer, never
 * does): it stops taking the
 * session's requests, lets its writes commit, gives the lease up and ends its streams, and the
 * next request reaching that other process takes the lease (one epoch higher) and the session
 * from the records, as after any failover.
 */
import { randomBytes } from 'node:crypto';
import type { Pg } from '../store/postgres';

/** How long a lease lasts without renewal: the longest a dead owner keeps its classes waiting. */
export const LEASE_MS = 5000;
/** How often an owner renews its leases: three chances before they lapse. */
export const RENEW_MS = 1500;

/** Requests of a session in a row, all passed on by one other process, before it is handed back. */
export const HAND_BACK_AFTER = 24;

/** PostgreSQL's clock in ms since the epoch, as the records' times are kept. */
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * Where a session is served: by this process, or by the owner at `url` (null: by nobody just
 * now, as this process is stopping and gave its leases up; the client asks again).
 */
export type Place = { here: true } | { here: false; url: string | null };

/** A lease this process is not holding, as last read: its owner's address and when it lapses. */
interface Known {
	url: string;
	/** This process's clock: only decides when to read the lease again, never who may write. */
	until: number;
}

export interface OwnershipOptions {
	/** Where the other processes reach this one (INTERNAL_URL). */
	url: string;
	leaseMs?: number;
	renewMs?: number;
}

/**
 * A session whose lease another process holds: its writes here are refused by the fence, and
 * it is not loaded here.
 */
export class NotOwner extends Error {
	constructor(sessionId: string) {
		super(`class session ${sessionId} is owned by another process now`);
		this.name = 'NotOwner';
	}
}

export class SessionOwnership {
	readonly url: string;
	readonly leaseMs: number;
	readonly #pg: Pg;
	readonly #renewMs: number;
	/** Tells this process's leases from any other's, a restart of this one included. */
	readonly #holder = randomBytes(12).toString('base64url');
	/** The sessions whose lease this process holds, with the epoch it took. */
	readonly #held = new Map<string, number>();
	/** Sessions being handed back: the lease still fences their last writes, but none is taken. */
	readonly #leaving = new Set<string>();
	/** Per session held, the process that passed on its latest requests and how many in a row. */
	readonly #passedBy = new Map<string, { url: string; count: number }>();
	readonly #known = new Map<string, Known>();
	#timer: ReturnType<typeof setInterval> | undefined;
	#stopping = false;
	/** Called with a session whose lease this process lost (found on renewal). */
	onLost: (sessionId: string) => void = () => {};
	/** Called with a session to hand back (see the top of this file); then `leave` it. */
	onHandBack: (sessionId: string) => void = () => {};

	constructor(pg: Pg, options: OwnershipOptions) {
		this.#pg = pg;
		this.url = options.url;
		this.leaseMs = options.leaseMs ?? LEASE_MS;
		this.#renewMs = options.renewMs ?? RENEW_MS;
	}

	/** Renews the leases held on a timer. */
	start(): void {
		if (this.#timer) return;
		this.#timer = setInterval(() => void this.renew(), this.#renewMs);
		this.#timer.unref();
	}

	/** Whether this process holds the session's lease (as of its last renewal) and serves it. */
	holds(sessionId: string): boolean {
		return this.#held.has(sessionId) && !this.#leaving.has(sessionId);
	}

	/**
	 * Notes a request of a session this process serves, with the process that passed it on (its
	 * address; undefined when it came straight from the load balancer), and hands the session
	 * back once HAND_BACK_AFTER in a row came from one other process.
	 */
	served(sessionId: string, passedBy: string | undefined): void {
		const last = this.#passedBy.get(sessionId);
		if (!passedBy || passedBy === this.url) {
			this.#passedBy.delete(sessionId);
			return;
		}
		const count = last?.url === passedBy ? last.count + 1 : 1;
		if (count < HAND_BACK_AFTER) {
			this.#passedBy.set(sessionId, { url: passedBy, count });
			return;
		}
		this.#passedBy.delete(sessionId);
		this.onHandBack(sessionId);
	}

	/**
	 * Starts handing the session back: from now on this process takes none of its requests (nor
	 * its lease again) until `release`, while the writes it made still commit under its epoch.
	 * False when it does not serve the session.
	 */
	leave(sessionId: string): boolean {
		if (!this.holds(sessionId)) return false;
		this.#leaving.add(sessionId);
		return true;
	}

	/** The epoch this process's writes of the session are fenced with, if it holds the lease. */
	epochOf(sessionId: string): number | undefined {
		return this.#held.get(sessionId);
	}

	/**
	 * Takes the session's lease if nobody holds it or it lapsed (a fresh epoch every time, this
	 * process's own old lease too): 'held' when this process owns it now, 'elsewhere' when a
	 * live owner has it, 'none' when there is no such session.
	 */
	async claim(sessionId: string): Promise<'held' | 'elsewhere' | 'none'> {
		if (this.#stopping || this.#leaving.has(sessionId)) return 'elsewhere';
		const { rows } = await this.#pg.query<{ epoch: number }>(
			`INSERT INTO class_owners (session_id, epoch, holder, url, until)
			SELECT id, 1, $2, $3, ${NOW_MS} + $4 FROM class_sessions WHERE id = $1
			ON CONFLICT (session_id) DO UPDATE
				SET epoch = class_owners.epoch + 1, holder = $2, url = $3, until = ${NOW_MS} + $4
				WHERE class_owners.until < ${NOW_MS} OR class_owners.holder = $2
			RETURNING epoch`,
			[sessionId, this.#holder, this.url, this.leaseMs]
		);
		if (rows[0]) {
			this.#held.set(sessionId, rows[0].epoch);
			this.#known.delete(sessionId);
			return 'held';
		}
		this.#held.delete(sessionId);
		return (await this.#read(sessionId)) ? 'elsewhere' : 'none';
	}

	/**
	 * Where the session's requests are served: here when this process holds its lease or takes
	 * it now (nobody does, or it lapsed); else at its owner's address. A session that does not
	 * exist is "here", to be answered as such.
	 */
	async place(sessionId: string): Promise<Place> {
		// Being handed back: the client asks again in a moment, and finds the new owner.
		if (this.#leaving.has(sessionId)) return { here: false, url: null };
		if (this.#held.has(sessionId)) return { here: true };
		const known = this.#known.get(sessionId);
		if (known && known.until > Date.now()) return { here: false, url: known.url };
		const read = await this.#read(sessionId);
		if (read) return { here: false, url: read.url };
		const claimed = await this.claim(sessionId);
		if (claimed !== 'elsewhere') return { here: true };
		return { here: false, url: this.#known.get(sessionId)?.url ?? null };
	}

	/** The owner at `url` did not answer: read the lease again next time rather than trust it. */
	unreachable(sessionId: string): void {
		this.#known.delete(sessionId);
	}

	/** Forgets a lease whose session this process dropped after a failed write (loaded afresh). */
	forget(sessionId: string): void {
		this.#held.delete(sessionId);
		this.#passedBy.delete(sessionId);
	}

	/** Gives the lease up at once (the session left memory): the next process need not wait. */
	async release(sessionId: string): Promise<void> {
		this.#passedBy.delete(sessionId);
		if (this.#held.delete(sessionId)) {
			await this.#pg
				.query(`UPDATE class_owners SET until = 0 WHERE session_id = $1 AND holder = $2`, [
					sessionId,
					this.#holder
				])
				.catch(() => undefined);
		}
		// Only now: a request reaching this process meanwhile was not served, nor the lease taken.
		this.#leaving.delete(sessionId);
	}

	/** Renews every lease held; a lease another process took is lost (`onLost`). */
	async renew(): Promise<void> {
		const ids = [...this.#held.keys()];
		if (ids.length === 0) return;
		let kept: Set<string>;
		try {
			const { rows } = await this.#pg.query<{ session_id: string }>(
				`UPDATE class_owners SET until = ${NOW_MS} + $3
				WHERE holder = $1 AND session_id = ANY($2::text[]) RETURNING session_id`,
				[this.#holder, ids, this.leaseMs]
			);
			kept = new Set(rows.map((row) => row.session_id));
		} catch {
			// PostgreSQL did not answer: the leases stand until they lapse; the next renewal tries.
			return;
		}
		for (const id of ids) {
			if (kept.has(id) || !this.#held.has(id)) continue;
			this.#held.delete(id);
			this.#passedBy.delete(id);
			this.onLost(id);
		}
	}

	/** Stops renewing and gives every lease up, so the sessions move at once (a restart, a deploy). */
	async stop(): Promise<void> {
		this.#stopping = true;
		clearInterval(this.#timer);
		this.#timer = undefined;
		await Promise.all([...this.#held.keys()].map((id) => this.release(id)));
	}

	/** The live owner of the session other than this process, if any (and notes it). */
	async #read(sessionId: string): Promise<Known | undefined> {
		const { rows } = await this.#pg.query<{ url: string; left: string; holder: string }>(
			`SELECT url, until - ${NOW_MS} AS left, holder FROM class_owners WHERE session_id = $1`,
			[sessionId]
		);
		const row = rows[0];
		if (!row || row.holder === this.#holder || Number(row.left) <= 0) return undefined;
		const known = { url: row.url, until: Date.now() + Number(row.left) };
		this.#known.set(sessionId, known);
		return known;
	}
}
