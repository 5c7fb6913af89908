import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedis, type Redis } from '$lib/server/store/redis';
import { RateLimiter } from '$lib/server/class/rate-limit';
import { LIMIT_KEY_PREFIX, RedisLimiter } from '$lib/server/class/rate-limit-redis';
import { redisSkipped, startRedis, type ThrowawayRedis } from '../../../support/redis';

/** A limit as one server holds it: its own connection, its own fallback buckets. */
function server(redis: Redis, name: string, capacity: number, perSecond: number) {
	const options = { capacity, perSecond };
	return new RedisLimiter(redis, name, options, new RateLimiter(options));
}

describe.skipIf(redisSkipped() !== null)('rate limits shared through Redis', () => {
	let redisServer: ThrowawayRedis;
	const clients: Redis[] = [];
	const connect = async () => {
		const client = await openRedis(redisServer.url);
		clients.push(client);
		return client;
	};

	beforeAll(async () => {
		redisServer = await startRedis();
	}, 30_000);
	afterAll(async () => {
		for (const client of clients) client.disconnect();
		await redisServer?.stop();
	});

	it('count one allowance across servers: three servers do not allow three times as much', async () => {
		const [a, b, c] = await Promise.all([connect(), connect(), connect()]);
		const servers = [a, b, c].map((redis) => server(redis, 'runs', 9, 0.001));
		const taken = await Promise.all(
			Array.from({ length: 30 }, (_, i) => servers[i % 3].take('198.51.100.7'))
		);
		expect(taken.filter((allowance) => allowance.ok)).toHaveLength(9);
		const refused = await servers[1].take('198.51.100.7');
		expect(refused).toEqual({ ok: false, retryAfter: expect.any(Number) });
		expect(refused.ok || refused.retryAfter).toBeGreaterThanOrEqual(1);
		// Another address, and the same address under another limit, have their own.
		expect((await servers[2].take('198.51.100.8')).ok).toBe(true);
		expect((await server(a, 'uploads', 1, 0.001).take('198.51.100.7')).ok).toBe(true);
	});

	it('count an IPv6 /64 as one client, as the in-memory limits do', async () => {
		const limiter = server(await connect(), 'v6', 1, 0.001);
		expect((await limiter.take('2001:db8:aa:bb::1')).ok).toBe(true);
		expect((await limiter.check('2001:db8:aa:bb:9:9:9:9')).ok).toBe(false);
		expect((await limiter.check('2001:db8:aa:bc::1')).ok).toBe(true);
	});

	it('refill at the allowance rate, check without taking, and take back a token given back', async () => {
		const limiter = server(await connect(), 'refill', 2, 10);
		expect((await limiter.take('seat-1')).ok).toBe(true);
		expect((await limiter.take('seat-1')).ok).toBe(true);
		expect((await limiter.check('seat-1')).ok).toBe(false);
		await limiter.giveBack('seat-1');
		expect((await limiter.check('seat-1')).ok).toBe(true);
		expect((await limiter.check('seat-1')).ok).toBe(true);
		expect((await limiter.take('seat-1')).ok).toBe(true);
		expect((await limiter.take('seat-1')).ok).toBe(false);
		// 10 a second: a token is back within about 100 ms.
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect((await limiter.take('seat-1')).ok).toBe(true);
	});

	it('keep only recently used keys, each expiring once its bucket would be full', async () => {
		const redis = await connect();
		const limiter = server(redis, 'expiry', 2, 1);
		await limiter.take('203.0.113.9');
		const key = `${LIMIT_KEY_PREFIX}expiry:203.0.113.9`;
		const ttl = await redis.pttl(key);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(1_000);
		// A check writes nothing; a bucket given back to full is no key at all.
		await limiter.check('203.0.113.10');
		expect(await redis.exists(`${LIMIT_KEY_PREFIX}expiry:203.0.113.10`)).toBe(0);
		await limiter.giveBack('203.0.113.9');
		expect(await redis.exists(key)).toBe(0);
	});

	it('count in this server alone while Redis is down, say so once, and share again once it is back', async () => {
		const redis = await connect();
		const limiter = server(redis, 'outage', 2, 0.001);
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			await redisServer.kill();
			const started = Date.now();
			const during = [];
			for (let i = 0; i < 3; i++) during.push(await limiter.take('198.51.100.20'));
			// Answered at once, by this server's own buckets: two, then a wait.
			expect(Date.now() - started).toBeLessThan(2_000);
			expect(during.map((allowance) => allowance.ok)).toEqual([true, true, false]);
			const outageLines = logged.mock.calls.filter(([line]) =>
				String(line).startsWith('Redis did not answer')
			);
			expect(outageLines).toHaveLength(1);
			await redisServer.restart();
			// The connection comes back by itself; the restarted Redis starts every bucket full.
			await expect
				.poll(async () => (await limiter.take('198.51.100.21')).ok && redis.status, {
					timeout: 10_000
				})
				.toBe('ready');
			expect(await redis.exists(`${LIMIT_KEY_PREFIX}outage:198.51.100.21`)).toBe(1);
		} finally {
			logged.mockRestore();
		}
	}, 30_000);
	it('send the script again after Redis forgot it (a restart, SCRIPT FLUSH)', async () => {
		const limiter = server(await connect(), 'forgotten', 2, 0.001);
		expect((await limiter.take('198.51.100.30')).ok).toBe(true);
		await (await connect()).script('FLUSH');
		// Still one bucket: the second take is the last token, the third waits.
		expect((await limiter.take('198.51.100.30')).ok).toBe(true);
		expect((await limiter.take('198.51.100.30')).ok).toBe(false);
	});

	it('count in this server when Redis is connected but does not answer in time', async () => {
		const limiter = server(await connect(), 'paused', 1, 0.001);
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			// Every client of this Redis waits 3 s for its next command's answer.
			await (await connect()).client('PAUSE', 3_000, 'ALL');
			const started = Date.now();
			expect((await limiter.take('198.51.100.31')).ok).toBe(true);
			// Answered by this server's buckets once the command timed out, not after the pause.
			expect(Date.now() - started).toBeLessThan(2_000);
			expect(logged.mock.calls.some(([line]) => /Command timed out/.test(String(line)))).toBe(true);
		} finally {
			logged.mockRestore();
		}
	}, 15_000);
});
