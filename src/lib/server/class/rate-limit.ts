/**
 * Token-bucket rate limits. Each key (an address, a seat) has a bucket of `capacity` tokens
 * refilled at `perSecond`; an action takes a token or is refused. Buckets that have refilled
 * completely are forgotten, so memory follows the number of recently active keys.
 *
 * Callers use a Limiter (async, since with REDIS_URL the buckets are in Redis, shared by every
 * server: rate-limit-redis.ts); RateLimiter below keeps them in this process's memory, the default.
 *
 * A key that is an IPv6 address is counted by its /64 (see addressKey), here rather than in each
 * caller, so every per-address limit treats a network as one client.
 */

/** What a limit says about an action: go ahead, or wait this many seconds (at least 1). */
export type Allowance = { ok: true } | { ok: false; retryAfter: number };

/** A rate limit as callers use it, wherever its buckets are kept. */
export interface Limiter {
	/** Takes a token for `key`, or says how long to wait (and takes nothing). */
	take(key: string): Promise<Allowance>;
	/** Whether `key` has a token left, without taking it. */
	check(key: string): Promise<Allowance>;
	/** Gives back a token taken for an action that then did not happen. */
	giveBack(key: string): Promise<void>;
}

export interface RateLimitOptions {
	capacity: number;
	perSecond: number;
	/** The clock, in milliseconds; injectable for tests. */
	now?: () => number;
}

interface Bucket {
	tokens: number;
	at: number;
}

export class RateLimiter {
	readonly #capacity: number;
	readonly #perSecond: number;
	readonly #now: () => number;
	#buckets = new Map<string, Bucket>();
	/** The allowance, for a shared limiter counting the same. */
	readonly options: RateLimitOptions;

	constructor({ capacity, perSecond, now = Date.now }: RateLimitOptions) {
		this.options = { capacity, perSecond };
		this.#capacity = capacity;
		this.#perSecond = perSecond;
		this.#now = now;
	}

	#bucket(key: string): Bucket {
		const now = this.#now();
		const bucket = this.#buckets.get(addressKey(key)) ?? { tokens: this.#capacity, at: now };
		bucket.tokens = Math.min(
			this.#capacity,
			bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond
		);
		bucket.at = now;
		return bucket;
	}

	/** Takes a token for `key`; false (and nothing taken) when the bucket is empty. */
	take(key: string): boolean {
		const bucket = this.#bucket(key);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		this.#buckets.set(addressKey(key), bucket);
		return true;
	}

	/** Returns a token to `key` (up to a full bucket). */
	giveBack(key: string): void {
		const bucket = this.#bucket(key);
		bucket.tokens = Math.min(this.#capacity, bucket.tokens + 1);
		this.#buckets.set(addressKey(key), bucket);
	}

	/** Whether `key` has a token left, without taking it. */
	allows(key: string): boolean {
		return this.#bucket(key).tokens >= 1;
	}

	/** Seconds until `key` has a token again (0 if it has one). */
	retryAfter(key: string): number {
		const bucket = this.#bucket(key);
		return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / this.#perSecond);
	}

	/** Forgets buckets that are full again; call now and then. */
	sweep(): void {
		for (const key of [...this.#buckets.keys()]) {
			if (this.#bucket(key).tokens >= this.#capacity) this.#buckets.delete(key);
		}
	}

	/** Keys currently tracked (for tests and memory checks). */
	get size(): number {
		return this.#buckets.size;
	}
}

/** This process's buckets as a Limiter: the default, without REDIS_URL. */
export function memoryLimiter(limiter: RateLimiter): Limiter {
	const allowance = (ok: boolean, key: string): Allowance =>
		ok ? { ok: true } : { ok: false, retryAfter: Math.max(1, limiter.retryAfter(key)) };
	return {
		take: async (key) => allowance(limiter.take(key), key),
		check: async (key) => allowance(limiter.allows(key), key),
		giveBack: async (key) => limiter.giveBack(key)
	};
}

/**
 * The key an address is limited under. An IPv6 client picks any address in its /64 network (a
 * home or a school gets a whole /64), so IPv6 addresses are counted per /64; an IPv4-mapped IPv6
 * address counts as its IPv4 address. Anything else (an IPv4 address, a seat id) is used as it is.
 */
export function addressKey(address: string): string {
	if (!address.includes(':')) return address;
	const groups = ipv6Groups(address.trim().toLowerCase().replace(/%.*$/, ''));
	if (!groups) return address;
	if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') {
		const [high, low] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
		return [high >> 8, high & 255, low >> 8, low & 255].join('.');
	}
	return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (hex, no leading zeros), or null if malformed. */
function ipv6Groups(address: string): string[] | null {
	let text = address;
	// A trailing dotted IPv4 part stands for the last two groups.
	const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
	if (v4) {
		const bytes = v4.slice(1).map(Number);
		if (bytes.some((byte) => byte > 255)) return null;
		const high = ((bytes[0] << 8) | bytes[1]).toString(16);
		const low = ((bytes[2] << 8) | bytes[3]).toString(16);
		text = `${text.slice(0, v4.index)}${high}:${low}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const split = (part: string) => (part === '' ? [] : part.split(':'));
	const head = split(halves[0]);
	const tail = halves.length === 2 ? split(halves[1]) : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
	const groups = [...head, ...new Array<string>(missing).fill('0'), ...tail];
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
	return groups.map((group) => parseInt(group, 16).toString(16));
}
