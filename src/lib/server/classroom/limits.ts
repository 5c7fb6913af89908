/**
 * The rate limits of class sessions, per client address (an IPv6 address by its /64, see
 * RateLimiter) or per seat. Generous enough for a class behind one school router (successful
 * joins from one address are cheap), tight where guessing would pay: wrong join codes and wrong
 * host keys. Only failures are counted against an address, and never checked before a valid
 * credential: a host with its cookie, or a right code of a class at that address (see places.ts).
 */
import { ClassPlaces } from './places';
import { RateLimiter } from './rate-limit';

/**
 * Wrong join codes per address. A whole class types codes from behind one school router, so the
 * burst covers a class's typos: 40 at once. After that one more every 3 s, so trying the million
 * codes takes about 35 days from one address. Once the allowance is spent, right codes still
 * pass for classes already seen at that address; other lookups wait (answering them would tell
 * a guesser which code is live).
 */
export const CODE_MISSES = { capacity: 40, perSecond: 1 / 3 } as const;

export const limits = {
	codeMisses: new RateLimiter(CODE_MISSES),
	/**
	 * Wrong host keys or seat tokens per address. A host key has 256 random bits, so this is a
	 * second line; it is only checked for requests without a valid key.
	 */
	authMisses: new RateLimiter({ capacity: 20, perSecond: 1 / 3 }),
	/** New seats per address: a class of 120 at once behind one router, then 2 a second. */
	joins: new RateLimiter({ capacity: 120, perSecond: 2 }),
	/**
	 * Sessions created per address: a school's teachers share one router, so 30 at once, then
	 * one every 20 s; enough to stop a script filling the database, not a staff room.
	 */
	sessions: new RateLimiter({ capacity: 30, perSecond: 1 / 20 }),
	/** Verdict requests per seat (retries included): far above one per round. */
	verdicts: new RateLimiter({ capacity: 10, perSecond: 2 }),
	/** Event streams opened per seat or host: reconnect storms are cut short. */
	streams: new RateLimiter({ capacity: 20, perSecond: 1 }),
	/** Host commands per session. */
	commands: new RateLimiter({ capacity: 30, perSecond: 5 })
};

/** Where each session's host and seats were lately: 4 hours covers a school day's lesson. */
export const places = new ClassPlaces({ keepMs: 4 * 3_600_000, perSession: 64 });

const sweeper = setInterval(() => {
	for (const limiter of Object.values(limits)) limiter.sweep();
	places.sweep();
}, 60_000);
sweeper.unref();
