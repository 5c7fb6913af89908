/**
 * Rate limits shared through Redis (REDIS_URL): the same token buckets as RateLimiter, kept in
 * Redis so that every server counts against one allowance and N servers do not allow N times as
 * much. Each action is one Lua script, which Redis runs atomically: it refills the bucket by the
 * time since its last use (Redis's own clock, so servers whose clocks differ agree), takes, checks
 * or gives back a token, and sets the key to expire once the bucket would be full again, so Redis
 * holds only the recently active keys, as the in-memory buckets do.
 *
 * Without Redis (it restarted, the network dropped) a limit falls back to this process's own
 * buckets: play goes on, each server counting alone until Redis answers again, and the outage is
 * logged once. A limit is a guard against abuse; refusing every player because Redis is away would
 * do more harm than a few minutes of per-server counting.
 */
import type { Result } from 'ioredis';
import type { Redis } from '../store/redis';
import {
	addressKey,
	memoryLimiter,
	type Allowance,
	type Limiter,
	type RateLimitOptions,
	type RateLimiter
} from './rate-limit';

/** Every limit's keys start with this, so they are told apart from anything else in Redis. */
export const LIMIT_KEY_PREFIX = 'telltale:limit:';

/**
 * KEYS[1]: the bucket. ARGV: capacity, tokens per second, cost (1 take, 0 check, -1 give back).
 * Returns { 1 if allowed (always for a give back), seconds until a token is free }. The bucket is
 * a hash of its tokens (t) and when they were counted (a, ms); a full bucket is no key at all.
 */
const SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = capacity
if bucket[1] then
  tokens = math.min(capacity, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) / 1000 * rate)
end
local allowed = 1
if cost == 1 then
  if tokens >= 1 then tokens = tokens - 1 else allowed = 0 end
elseif cost == -1 then
  tokens = math.min(capacity, tokens + 1)
elseif tokens < 1 then
  allowed = 0
end
if cost ~= 0 then
  if tokens >= capacity then
    redis.call('DEL', KEYS[1])
  else
    redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(now))
    redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000))
  end
end
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / rate) end
return { allowed, wait }
`;

declare module 'ioredis' {
	interface RedisCommander<Context> {
		/** SCRIPT, which ioredis sends by its hash and again in full when Redis has forgotten it. */
		limitBucket(
			key: string,
			capacity: number,
			perSecond: number,
			cost: number
		): Result<[allowed: number, wait: number], Context>;
	}
}

/** Teaches `redis` the bucket script, once however many limits share the connection. */
function withBucketScript(redis: Redis): Redis {
	if (typeof redis.limitBucket !== 'function') {
		redis.defineCommand('limitBucket', { numberOfKeys: 1, lua: SCRIPT });
	}
	return redis;
}

/** Whether the Redis outage has been logged (once per outage, for every limit). */
let outageLogged = false;

export class RedisLimiter implements Limiter {
	readonly #redis: Redis;
	readonly #prefix: string;
	readonly #options: RateLimitOptions;
	readonly #fallback: Limiter;

	/**
	 * `name` tells this limit's keys from other limits'; `fallback` holds this process's buckets,
	 * used while Redis does not answer.
	 */
	constructor(redis: Redis, name: string, options: RateLimitOptions, fallback: RateLimiter) {
		this.#redis = withBucketScript(redis);
		this.#prefix = `${LIMIT_KEY_PREFIX}${name}:`;
		this.#options = options;
		this.#fallback = memoryLimiter(fallback);
	}

	take(key: string): Promise<Allowance> {
		return this.#run(key, 1, () => this.#fallback.take(key));
	}

	check(key: string): Promise<Allowance> {
		return this.#run(key, 0, () => this.#fallback.check(key));
	}

	async giveBack(key: string): Promise<void> {
		await this.#run(key, -1, async () => {
			await this.#fallback.giveBack(key);
			return { ok: true };
		});
	}

	async #run(key: string, cost: number, fallback: () => Promise<Allowance>): Promise<Allowance> {
		// A connection that is down fails at once rather than queueing the request behind it.
		if (this.#redis.status !== 'ready') return outage('not connected', fallback);
		try {
			// A Redis that is slow to answer fails the command after the connection's
			// commandTimeout (store/redis.ts) and this process counts instead.
			const [allowed, wait] = await this.#redis.limitBucket(
				this.#prefix + addressKey(key),
				this.#options.capacity,
				this.#options.perSecond,
				cost
			);
			outageLogged = false;
			return allowed === 1 ? { ok: true } : { ok: false, retryAfter: Math.max(1, wait) };
		} catch (error) {
			return outage((error as Error).message, fallback);
		}
	}
}

function outage(reason: string, fallback: () => Promise<Allowance>): Promise<Allowance> {
	if (!outageLogged) {
		console.error(`Redis did not answer (${reason}): limits count per server until it does.`);
		outageLogged = true;
	}
	return fallback();
}
