/**
 * Token-bucket rate limits. Each key (an address, a seat) has a bucket of `capacity` tokens
 * refilled at `perSecond`; an action takes a token or is refused. Buckets that have refilled
 * completely are forgotten, so memory follows the number of recently active keys.
 */
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

	constructor({ capacity, perSecond, now = Date.now }: RateLimitOptions) {
		this.#capacity = capacity;
		this.#perSecond = perSecond;
		this.#now = now;
	}

	#bucket(key: string): Bucket {
		const now = this.#now();
		const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
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
		this.#buckets.set(key, bucket);
		return true;
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
