/**
 * The rate limits of class sessions, per client address or per seat. Generous enough for a
 * class behind one school router (successful joins from one address are cheap), tight where
 * guessing would pay: wrong join codes and wrong host keys.
 */
import { RateLimiter } from './rate-limit';

/**
 * Wrong join codes per address (IPv6: per /64). A whole class types codes from behind one school
 * router, and any lookup is refused once the allowance is spent (letting right codes through
 * would tell a guesser which code is live), so the burst covers a class's typos: 40 at once.
 * After that one more every 3 s, so a student waits at most 3 s, while trying the million codes
 * takes about 35 days from one address.
 */
export const CODE_MISSES = { capacity: 40, perSecond: 1 / 3 } as const;

export const limits = {
	codeMisses: new RateLimiter(CODE_MISSES),
	/** Wrong host keys or seat tokens per address. */
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

const sweeper = setInterval(() => {
	for (const limiter of Object.values(limits)) limiter.sweep();
}, 60_000);
sweeper.unref();
