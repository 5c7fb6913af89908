/**
 * The live hub: the sessions this process is serving, loaded from SQLite on first use and
 * dropped from memory when nobody has been connected for a while (the database keeps them).
 * One keep-alive timer and one clean-up timer serve every session.
 */
import type { Db } from '../store/db';
import { expiryCutoff, purgeHourly } from '../store/retention';
import type { Pack, Rendition } from '$lib/game/pack/schema';
import { mediaAddress, resolveMedia } from '../packs/media-links';
import { buildRun, itemIdsOf } from '$lib/game/play/run';
import { getItem, getPair } from '$lib/game/pack/schema';
import { randomSeed } from '$lib/game/play/random';
import { onTopics, planSession, roundsToDraw } from '$lib/game/class/phases';
import type { SessionSettings } from '$lib/game/class/settings';
import { ClassStore, isUniqueViolation, type SessionRecord } from './store';
import { LiveSession, type SessionContext } from './session';
import { KEEP_ALIVE } from './sse';
import { hashToken, newJoinCode, newSessionId, randomToken, tokenMatches } from './tokens';

const KEEP_ALIVE_MS = 20_000;
const SWEEP_MS = 60_000;
/** Sessions nobody has been connected to for this long leave memory (not the database). */
const IDLE_MS = 10 * 60 * 1000;
/** Ended sessions leave memory sooner: only their report is still read. */
const ENDED_IDLE_MS = 60 * 1000;

export interface HubOptions {
	db: Db;
	/** The pack with this id (in this version, for a pack that keeps the versions played). */
	getPack: (id: string, version?: string) => Pack | undefined;
	/** Sessions are deleted this long after their last activity. */
	ttlDays: number;
	/** Sessions the database keeps at most; creating more is refused until some expire. */
	maxSessions?: number;
	/** The key of the sessions' media addresses (media-links.ts). */
	mediaKey: Uint8Array;
	now?: () => number;
}

export type CreateResult =
	| { ok: true; session: LiveSession; hostToken: string }
	| { ok: false; problem: 'no-pack' | 'no-rounds' | 'full' };

export class ClassHub {
	readonly store: ClassStore;
	readonly #getPack: HubOptions['getPack'];
	readonly #ttlDays: number;
	readonly #maxSessions: number;
	readonly #mediaKey: Uint8Array;
	readonly #now: () => number;
	readonly #sessions = new Map<string, LiveSession>();
	#timers: Array<ReturnType<typeof setInterval>> = [];
	#stopPurging: (() => void) | undefined;

	constructor(options: HubOptions) {
		this.store = new ClassStore(options.db);
		this.#getPack = options.getPack;
		this.#ttlDays = options.ttlDays;
		this.#maxSessions = options.maxSessions ?? Infinity;
		this.#mediaKey = options.mediaKey;
		this.#now = options.now ?? Date.now;
	}

	/** Purges expired sessions now, then keeps streams alive and memory tidy on timers. */
	start(): void {
		if (this.#timers.length > 0) return;
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

	stop(): void {
		for (const timer of this.#timers) clearInterval(timer);
		this.#timers = [];
		this.#stopPurging?.();
		this.#stopPurging = undefined;
		for (const session of this.#sessions.values()) session.dispose(false);
		this.#sessions.clear();
		// Verdicts still waiting for their commit are stored before the server goes.
		this.store.flushVerdicts();
	}

	#context(id: string, pack: Pack): SessionContext {
		const owner = { scope: 'c', id } as const;
		return {
			store: this.store,
			pack,
			address: (src) => mediaAddress(this.#mediaKey, owner, pack.id, src),
			now: this.#now
		};
	}

	/**
	 * The pack and rendition behind one of a session's media addresses, or undefined. Any round
	 * of the session resolves: an address says nothing without the round that carries it.
	 */
	resolveMedia(id: string, token: string): { pack: Pack; rendition: Rendition } | undefined {
		const session = this.get(id);
		if (!session) return undefined;
		const { pack } = session;
		const rendition = resolveMedia(
			this.#mediaKey,
			{ scope: 'c', id: session.id },
			pack,
			session.record.rounds,
			token
		);
		return rendition && { pack, rendition };
	}

	/** Creates a session from the host's settings; the host token is returned once, never stored. */
	create(settings: SessionSettings): CreateResult {
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
		if (this.store.sessionCount() >= this.#maxSessions) return { ok: false, problem: 'full' };
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
				this.store.insertSession(record);
				break;
			} catch (error) {
				if (!isUniqueViolation(error) || attempt >= 50) throw error;
			}
		}
		const session = new LiveSession(record, this.#context(record.id, pack));
		this.#sessions.set(record.id, session);
		return { ok: true, session, hostToken };
	}

	/** The session with this id, loaded from the database if needed; undefined if there is none. */
	get(id: string): LiveSession | undefined {
		const loaded = this.#sessions.get(id);
		if (loaded) return loaded;
		if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return undefined;
		const record = this.store.session(id);
		if (!record || this.#expired(record)) return undefined;
		const pack = this.#getPack(record.packId, record.packVersion);
		// The items a session was built on must still be there (a pack release may drop some).
		if (!pack || !this.#roundsFit(record, pack)) return undefined;
		const session = new LiveSession(record, this.#context(record.id, pack));
		this.#sessions.set(id, session);
		return session;
	}

	/** The session with this join code. */
	byCode(code: string): LiveSession | undefined {
		const id = this.store.sessionIdByCode(code);
		return id ? this.get(id) : undefined;
	}

	/** Whether `token` is this session's host token. */
	isHost(session: LiveSession, token: string | undefined): boolean {
		return token !== undefined && tokenMatches(token, session.record.hostTokenHash);
	}

	/** Deletes a session and everything in it; its browsers are told it is gone. */
	delete(id: string): boolean {
		this.#sessions.get(id)?.dispose(true);
		this.#sessions.delete(id);
		return this.store.deleteSession(id);
	}

	/** Deletes sessions whose last activity is older than the time to live. */
	purgeExpired(): number {
		const ids = this.store.expiredIds(expiryCutoff(this.#now(), this.#ttlDays));
		for (const id of ids) this.delete(id);
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
				getPair(pack, round.pairId);
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
				session.dispose(false);
				this.#sessions.delete(id);
			}
		}
	}
}
