/**
 * The live hub: the sessions this process is serving, loaded from their records (store.ts) on
 * first use and dropped from memory when nobody has been connected for a while (the database
 * keeps them). Loading is asynchronous: requests arriving meanwhile wait for the same load, so a
 * session is never in memory twice.
 * One keep-alive timer and one clean-up timer serve every session. When several processes share
 * PostgreSQL, the hub holds only the sessions whose lease this process has (ownership.ts): it
 * takes the lease before loading one (a new one too: it is created in the records only), gives
 * it up when the session leaves memory or is handed back, and drops a session whose lease
 * another process took.
 */
import { expiryCutoff, purgeHourly } from '../store/retention';
import type { Pack, Rendition } from '$lib/game/pack/schema';
import { mediaAddress, resolveMedia } from '../packs/media-links';
import { buildRun, itemIdsOf } from '$lib/game/play/run';
import { getItem, getRoundSource } from '$lib/game/pack/schema';
import { randomSeed } from '$lib/game/play/random';
import { onTopics, planSession, roundsToDraw } from '$lib/game/class/phases';
import type { SessionSettings } from '$lib/game/class/settings';
import { isUniqueViolation, type ClassRecords, type SessionRecord } from './store';
import { LiveSession, type SessionContext } from './session';
import { NotOwner, type SessionOwnership } from './ownership';
import type { EventPublisher } from './event-channel';
import { KEEP_ALIVE } from './sse';
import { hashToken, newJoinCode, newSessionId, randomToken, tokenMatches } from './tokens';

const KEEP_ALIVE_MS = 20_000;
const SWEEP_MS = 60_000;
/** Sessions nobody has been connected to for this long leave memory (not the database). */
const IDLE_MS = 10 * 60 * 1000;
/** Ended sessions leave memory sooner: only their report is still read. */
const ENDED_IDLE_MS = 60 * 1000;
/** What a session id looks like (newSessionId); anything else is no session, unread. */
const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface HubOptions {
	records: ClassRecords;
	/** The pack with this id (in this version, for a pack that keeps the versions played). */
	getPack: (id: string, version?: string) => Pack | undefined;
	/** Sessions are deleted this long after their last activity. */
	ttlDays: number;
	/** Sessions the database keeps at most; creating more is refused until some expire. */
	maxSessions?: number;
	/** The key of the sessions' media addresses (media-links.ts). */
	mediaKey: Uint8Array;
	/** The sessions' leases, when several processes serve them (PostgreSQL). */
	ownership?: SessionOwnership;
	/** Where a session's events go for other processes' streams, when they share Redis. */
	publisher?: (sessionId: string) => EventPublisher;
	now?: () => number;
}

export type CreateResult =
	| { ok: true; id: string; hostToken: string }
	| { ok: false; problem: 'no-pack' | 'no-rounds' | 'full' };

export class ClassHub {
	readonly store: ClassRecords;
	readonly #getPack: HubOptions['getPack'];
	readonly #ttlDays: number;
	readonly #maxSessions: number;
	readonly #mediaKey: Uint8Array;
	readonly #now: () => number;
	readonly #ownership: SessionOwnership | undefined;
	readonly #publisher: HubOptions['publisher'];
	readonly #sessions = new Map<string, LiveSession>();
	/** Sessions being loaded: later requests for one wait for the same load. */
	readonly #loading = new Map<string, Promise<LiveSession | undefined>>();
	#timers: Array<ReturnType<typeof setInterval>> = [];
	#stopPurging: (() => void) | undefined;

	constructor(options: HubOptions) {
		this.store = options.records;
		this.#getPack = options.getPack;
		this.#ttlDays = options.ttlDays;
		this.#maxSessions = options.maxSessions ?? Infinity;
		this.#mediaKey = options.mediaKey;
		this.#now = options.now ?? Date.now;
		this.#ownership = options.ownership;
		this.#publisher = options.publisher;
		if (this.#ownership) {
			this.#ownership.onLost = (id) => this.#drop(id);
			this.#ownership.onHandBack = (id) => void this.#handBack(id);
		}
	}

	/** Purges expired sessions now, then keeps streams alive and memory tidy on timers. */
	start(): void {
		if (this.#timers.length > 0) return;
		this.#ownership?.start();
		this.#stopPurging = purgeHourly(() => this.purgeExpired());
		this.#timers = [
			setInterval(() => {
				for (const session of this.#sessions.values()) session.keepAlive(KEEP_ALIVE);
			}, KEEP_ALIVE_MS),
			setInterval(() => this.#sweep(), SWEEP_MS)
		];
		// Timers must never keep a stopping server alive.
		for (const timer of this.#timers) timer.unref();
	}

	/** Stops the timers and streams; settles once the writes still queued are committed. */
	stop(): Promise<void> {
		for (const timer of this.#timers) clearInterval(timer);
		this.#timers = [];
		this.#stopPurging?.();
		this.#stopPurging = undefined;
		for (const session of this.#sessions.values()) session.dispose(false);
		this.#sessions.clear();
		// Verdicts still waiting for their commit are stored before the server goes; then its
		// leases are given up, so other processes take its sessions at once.
		return this.store.flush().then(() => this.#ownership?.stop());
	}

	#context(id: string, pack: Pack): SessionContext {
		const owner = { scope: 'c', id } as const;
		return {
			store: this.store,
			pack,
			address: (src) => mediaAddress(this.#mediaKey, owner, pack.id, src),
			now: this.#now,
			publisher: this.#publisher?.(id)
		};
	}

	/**
	 * The pack and rendition behind one of a session's media addresses, or undefined. Any round
	 * of the session resolves: an address says nothing without the round that carries it. A
	 * session this process does not hold is read from its record, not loaded: any process
	 * serves its media, whoever owns it.
	 */
	async resolveMedia(
		id: string,
		token: string
	): Promise<{ pack: Pack; rendition: Rendition } | undefined> {
		const record = this.held(id)?.record ?? (await this.#storedRecord(id));
		const pack = record && this.#getPack(record.packId, record.packVersion);
		if (!record || !pack) return undefined;
		const rendition = resolveMedia(
			this.#mediaKey,
			{ scope: 'c', id: record.id },
			pack,
			record.rounds,
			token
		);
		return rendition && { pack, rendition };
	}

	/** A session's record as stored, unless it has expired. */
	async #storedRecord(id: string): Promise<SessionRecord | undefined> {
		if (!SESSION_ID.test(id)) return undefined;
		const record = await this.store.session(id);
		return record && !this.#expired(record) ? record : undefined;
	}

	/**
	 * Creates a session from the host's settings; the host token is returned once, never stored.
	 * When several processes serve sessions, the creating process does not take the lease: the
	 * first process the session's own requests reach does (the one the load balancer routes the
	 * session's addresses to, so they need no passing on; ownership.ts).
	 */
	async create(settings: SessionSettings): Promise<CreateResult> {
		const pack = this.#getPack(settings.packId);
		if (!pack) return { ok: false, problem: 'no-pack' };
		const seed = randomSeed();
		const run = buildRun(onTopics(pack, settings.topics), {
			seed,
			mode: settings.mode,
			count: roundsToDraw(settings.rounds, settings.testRounds),
			difficulty: settings.difficulty,
			kinds: settings.kinds
		});
		if (run.rounds.length === 0) return { ok: false, problem: 'no-rounds' };
		if ((await this.store.sessionCount()) >= this.#maxSessions) {
			return { ok: false, problem: 'full' };
		}
		const plan = planSession(run, settings.testRounds);
		const hostToken = randomToken();
		const now = this.#now();
		const record: SessionRecord = {
			id: newSessionId(),
			code: '',
			hostTokenHash: hashToken(hostToken),
			packId: pack.id,
			packVersion: pack.version,
			settings: { ...settings, testRounds: plan.testRounds },
			rounds: plan.rounds,
			seed,
			phase: 'lobby',
			round: -1,
			openedAt: null,
			deadline: null,
			pausedLeft: null,
			lateJoin: settings.lateJoin,
			createdAt: now,
			activeAt: now
		};
		// A code is free once its session is purged; collisions with live ones are retried.
		for (let attempt = 0; ; attempt++) {
			record.code = newJoinCode();
			try {
				await this.store.insertSession(record);
				break;
			} catch (error) {
				if (!isUniqueViolation(error) || attempt >= 50) throw error;
			}
		}
		if (!this.#ownership) {
			const stored = { record, seats: [], verdicts: [] };
			this.#sessions.set(record.id, new LiveSession(stored, this.#context(record.id, pack)));
		}
		return { ok: true, id: record.id, hostToken };
	}

	/**
	 * The session with this id if this process holds it in memory, without waiting: verdicts,
	 * sent by the thousand, find their session here and await `get` only when it is not.
	 */
	held(id: string): LiveSession | undefined {
		const loaded = this.#sessions.get(id);
		return loaded && !loaded.lost ? loaded : undefined;
	}

	/** The session with this id, loaded from the database if needed; undefined if there is none. */
	get(id: string): Promise<LiveSession | undefined> {
		const loaded = this.#sessions.get(id);
		if (loaded && !loaded.lost) return Promise.resolve(loaded);
		if (loaded) {
			// A write failed: its streams reconnect to the session as the records have it.
			loaded.dispose(false);
			this.#sessions.delete(id);
			this.#ownership?.forget(id);
		}
		if (!SESSION_ID.test(id)) return Promise.resolve(undefined);
		let loading = this.#loading.get(id);
		if (!loading) {
			loading = this.#load(id).finally(() => this.#loading.delete(id));
			this.#loading.set(id, loading);
		}
		return loading;
	}

	async #load(id: string): Promise<LiveSession | undefined> {
		const ownership = this.#ownership;
		if (ownership && !ownership.holds(id)) {
			const claimed = await ownership.claim(id);
			if (claimed === 'none') return undefined;
			// Another process took it between the request's routing (relay.ts) and here.
			if (claimed === 'elsewhere') throw new NotOwner(id);
		}
		const record = await this.store.session(id);
		if (!record || this.#expired(record)) return undefined;
		const pack = this.#getPack(record.packId, record.packVersion);
		// The items a session was built on must still be there (a pack release may drop some).
		if (!pack || !this.#roundsFit(record, pack)) return undefined;
		const [seats, verdicts] = await Promise.all([this.store.seats(id), this.store.verdicts(id)]);
		const session = new LiveSession({ record, seats, verdicts }, this.#context(record.id, pack));
		this.#sessions.set(id, session);
		return session;
	}

	/**
	 * The id of the live session with this join code. Only read, never loaded: the session may
	 * be another process's (ownership.ts).
	 */
	async idByCode(code: string): Promise<string | undefined> {
		const id = await this.store.sessionIdByCode(code);
		if (!id) return undefined;
		return this.held(id) || (await this.#storedRecord(id)) ? id : undefined;
	}

	/** Whether `token` is this session's host token. */
	isHost(session: LiveSession, token: string | undefined): boolean {
		return token !== undefined && tokenMatches(token, session.record.hostTokenHash);
	}

	/** Deletes a session and everything in it; its browsers are told it is gone. */
	delete(id: string): Promise<boolean> {
		this.#sessions.get(id)?.dispose(true);
		this.#sessions.delete(id);
		return this.store.deleteSession(id);
	}

	/** Deletes sessions whose last activity is older than the time to live. */
	async purgeExpired(): Promise<number> {
		const ids = await this.store.expiredIds(expiryCutoff(this.#now(), this.#ttlDays));
		for (const id of ids) await this.delete(id);
		return ids.length;
	}

	/** Sessions held in memory (for tests and memory checks). */
	get loaded(): number {
		return this.#sessions.size;
	}

	#expired(record: SessionRecord): boolean {
		return record.activeAt < expiryCutoff(this.#now(), this.#ttlDays);
	}

	#roundsFit(record: SessionRecord, pack: Pack): boolean {
		try {
			for (const round of record.rounds) {
				getRoundSource(pack, round.pairId);
				for (const id of itemIdsOf(round)) getItem(pack, id);
			}
			return true;
		} catch {
			return false;
		}
	}

	#sweep(): void {
		const now = this.#now();
		for (const [id, session] of this.#sessions) {
			const idle = session.idleFor(now);
			if (idle > IDLE_MS || (idle > ENDED_IDLE_MS && session.record.phase === 'ended')) {
				this.#drop(id);
				void this.#ownership?.release(id);
			}
		}
	}

	/**
	 * Hands a session back to the process the load balancer sends it to (ownership.ts): no request
	 * is taken from now on (they are answered "moving" or sent back to their sender), the streams
	 * end (the browsers reconnect through the load balancer), every write the session made is
	 * committed under this process's epoch, and then the lease is given up. A request that held
	 * the session already is answered "moving" (it is disposed), so nothing is decided here after
	 * the records were read by the next owner, which the epoch fence would refuse anyway.
	 */
	async #handBack(id: string): Promise<void> {
		const session = this.#sessions.get(id);
		if (!session || !this.#ownership?.leave(id)) return;
		console.log(`Class session ${id}: handed back to the process its requests come through`);
		session.dispose(false);
		try {
			await this.store.flush();
			await session.stored();
		} finally {
			await this.#ownership.release(id);
			if (this.#sessions.get(id) === session) this.#sessions.delete(id);
		}
	}

	/**
	 * Takes a session out of memory and closes its streams; the browsers reconnect, and reach
	 * whichever process serves it next.
	 */
	#drop(id: string): void {
		this.#sessions.get(id)?.dispose(false);
		this.#sessions.delete(id);
	}
}
