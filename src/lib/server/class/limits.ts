/**
 * The server's limits, all in one place (README, "Limits"): rate limits per client address (an
 * IPv6 address by its /64, see RateLimiter) or per seat, and caps on what the database keeps.
 * Generous enough for a class behind one school router (successful joins from one address are
 * cheap), tight where guessing would pay: wrong join codes and wrong host keys. Only failures
 * are counted against an address, and never checked before a valid credential: a host with its
 * cookie, or a right code of a class at that address (see places.ts).
 */
import { ClassPlaces } from './places';
import { redisUrl } from '../config';
import { app } from '../store/app';
import { RateLimiter, addressKey, memoryLimiter, type Limiter } from './rate-limit';
import { RedisLimiter } from './rate-limit-redis';

/**
 * Wrong join codes per address. A whole class types codes from behind one school router, so the
 * burst covers a class's typos: 40 at once. After that one more every 3 s, so trying the million
 * codes takes about 35 days from one address. Once the allowance is spent, right codes still
 * pass for classes already seen at that address; other lookups wait (answering them would tell
 * a guesser which code is live).
 */
export const CODE_MISSES = { capacity: 40, perSecond: 1 / 3 } as const;

/**
 * New solo runs per address (IPv6: per /64), fresh or "play the same rounds": a class of 120
 * starting Quick play at once behind one router, then one every 2 s. A script gets about 43,000
 * runs a day from one address instead of the 3,000 in 4 s it got without a limit.
 */
export const RUN_STARTS = { capacity: 120, perSecond: 1 / 2 } as const;

/**
 * New seats per class session and address (IPv6: per /64): a class of 120 joining at once from
 * behind one router, then 2 a second. A whole class shares the school's address with whoever
 * misbehaves in it, so only what fills the class pays from this allowance:
 * - a phone that already holds a seat in the session (its seat cookie) just resumes it, however
 *   often it reloads or posts the form again;
 * - an attempt that seats nobody (a name that is invalid, rude or taken, a closed or full
 *   session) takes nothing: it creates nothing, tells nothing the projector does not show, and
 *   costs the server a lookup (joining.ts keeps the taken names ready), so a script sending
 *   them as fast as it can leaves the class's allowance whole and the classmates' typos cost
 *   nothing either;
 * - the allowance is the session's at that address, so a script filling one class cannot stop
 *   another class at the same school from joining.
 * What stays is a script inventing new names in the student's own class: a seat is all a phone
 * shows the server, so such seats cannot be told from real ones. This allowance bounds how fast
 * they come, MAX_SEATS (joining.ts) how many there can be, and every one of them is a name on
 * the projector and the host's list, where the teacher removes it.
 */
export const NEW_SEATS = { capacity: 120, perSecond: 2 } as const;

/**
 * What the database keeps at most, whatever the number of addresses: solo runs (a run with its
 * rounds and verdicts is about 2 KB, so 200,000 runs are about 400 MB) and class sessions (not
 * yet deleted by SESSION_TTL_DAYS). At the run cap, runs abandoned unfinished for an hour make
 * room (runs.ts); otherwise new ones are refused until old ones expire.
 */
export const STORAGE_CAPS = { runs: 200_000, sessions: 10_000, teacherPacks: 5_000 } as const;

/**
 * The limits of a client address, whatever it asks of whichever server: this process's buckets,
 * the limits themselves without REDIS_URL, else Redis's stand-in.
 */
const buckets = {
	runs: new RateLimiter(RUN_STARTS),
	codeMisses: new RateLimiter(CODE_MISSES),
	/**
	 * Wrong host keys or seat tokens per address. A host key has 256 random bits, so this is a
	 * second line; it is only checked for requests without a valid key.
	 */
	authMisses: new RateLimiter({ capacity: 20, perSecond: 1 / 3 }),
	/**
	 * Sessions created per address: a school's teachers share one router, so 30 at once, then
	 * one every 20 s; enough to stop a script filling the database, not a staff room.
	 */
	sessions: new RateLimiter({ capacity: 30, perSecond: 1 / 20 }),
	/** Teacher packs created per address: as class sessions, a staff room's worth. */
	teacherPacks: new RateLimiter({ capacity: 30, perSecond: 1 / 20 }),
	/**
	 * Pictures uploaded per address: each is decoded on the server, so a burst of a class's
	 * worth, then one every 2 s.
	 */
	uploads: new RateLimiter({ capacity: 60, perSecond: 1 / 2 })
};

/**
 * The limits of one class session (its joins, its seats' verdicts and streams, its host's),
 * counted by the process that owns the session, which alone serves its requests (relay.ts):
 * in that process's memory even with REDIS_URL, so a verdict costs no round trip to Redis. A
 * session that changes owners starts with its allowances full there, once per move.
 */
const sessionBuckets = {
	/** New seats per session and address: see NEW_SEATS and newSeatKey. */
	newSeats: new RateLimiter(NEW_SEATS),
	/** Verdict requests per seat (retries included): far above one per round. */
	verdicts: new RateLimiter({ capacity: 10, perSecond: 2 }),
	/** Event streams opened per seat or host: reconnect storms are cut short. */
	streams: new RateLimiter({ capacity: 20, perSecond: 1 }),
	/** Host commands per session. */
	commands: new RateLimiter({ capacity: 30, perSecond: 5 })
};

/**
 * Each limit as callers use it: an address's counted in Redis, shared by every server, when
 * REDIS_URL is set (rate-limit-redis.ts), else in this process's buckets (chosen at first use,
 * after start-up has connected to Redis); a session's in the memory of the process serving it.
 */
export const limits = {
	...(Object.fromEntries(
		Object.entries(buckets).map(([name, limiter]) => [name, sharedWhenConfigured(name, limiter)])
	) as Record<keyof typeof buckets, Limiter>),
	...(Object.fromEntries(
		Object.entries(sessionBuckets).map(([name, limiter]) => [name, memoryLimiter(limiter)])
	) as Record<keyof typeof sessionBuckets, Limiter>)
};

function sharedWhenConfigured(name: string, limiter: RateLimiter): Limiter {
	let chosen: Limiter | undefined;
	const choose = () =>
		(chosen ??= redisUrl()
			? new RedisLimiter(app().redis!, name, limiter.options, limiter)
			: memoryLimiter(limiter));
	return {
		take: (key) => choose().take(key),
		check: (key) => choose().check(key),
		giveBack: (key) => choose().giveBack(key)
	};
}

/** Takes a run start for a client address: 0 when it may start one, else seconds to wait. */
export async function takeRunStart(address: string): Promise<number> {
	const allowance = await limits.runs.take(address);
	return allowance.ok ? 0 : allowance.retryAfter;
}

/**
 * The key of a session's allowance of new seats at a client address. The limiter counts a bare
 * IPv6 address by its /64 itself; a key with the session in front is used as it is, so the
 * address goes in already reduced to its network.
 */
export function newSeatKey(sessionId: string, address: string): string {
	return `${sessionId} ${addressKey(address)}`;
}

/** Where each session's host and seats were lately: 4 hours covers a school day's lesson. */
export const places = new ClassPlaces({ keepMs: 4 * 3_600_000, perSession: 64 });

const sweeper = setInterval(() => {
	for (const limiter of [...Object.values(buckets), ...Object.values(sessionBuckets)]) {
		limiter.sweep();
	}
	places.sweep();
}, 60_000);
sweeper.unref();
