import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis, type Redis } from '$lib/server/store/redis';
import { redisUrl } from '$lib/server/config';
import { SettingProblem } from '$lib/server/setting-problem';
import { redisSkipped, startRedis, type ThrowawayRedis } from '../../../support/redis';

describe.skipIf(redisSkipped() !== null)('Redis shared by several servers', () => {
	let server: ThrowawayRedis;
	const clients: Redis[] = [];

	beforeAll(async () => {
		server = await startRedis();
	}, 30_000);
	afterAll(async () => {
		for (const client of clients) client.disconnect();
		await server?.stop();
	});

	it('connects and carries on by itself after Redis restarts', async () => {
		const redis = await openRedis(server.url);
		clients.push(redis);
		await redis.set('telltale:test', 'before');
		await server.kill();
		await server.restart();
		// The restarted server kept nothing; the connection came back without being told to.
		await expect.poll(() => redis.get('telltale:test').catch(() => 'down')).toBeNull();
		await redis.set('telltale:test', 'after');
		expect(await redis.get('telltale:test')).toBe('after');
	});

	it('lets a stopping server exit once its requests are answered', async () => {
		// As src/server.js does: SIGTERM starts a graceful stop instead of ending the process, which
		// then exits when nothing is left running. The Redis connection must not be left running.
		const module = path.resolve('src/lib/server/store/redis.ts');
		const script = `process.on('SIGTERM', () => {});
			const { openRedis } = await import(${JSON.stringify(module)});
			await openRedis(${JSON.stringify(server.url)});
			process.kill(process.pid, 'SIGTERM');`;
		// Its own process group, so a process that does not stop is killed with npx and tsx.
		const child = spawn('npx', ['tsx', '--input-type=module', '-e', script], {
			stdio: 'ignore',
			detached: true
		});
		const exit = await new Promise<number | null>((resolve) => {
			const timer = setTimeout(() => (process.kill(-child.pid!, 'SIGKILL'), resolve(null)), 20_000);
			child.once('exit', (code) => (clearTimeout(timer), resolve(code)));
		});
		expect(exit).toBe(0);
	}, 30_000);

	it('stops the start-up with the address when nothing answers there', async () => {
		const free = server.port === 1 ? 2 : 1;
		await expect(openRedis(`redis://127.0.0.1:${free}`)).rejects.toThrow(SettingProblem);
		await expect(openRedis(`redis://127.0.0.1:${free}`)).rejects.toThrow(
			/Redis server in REDIS_URL could not be reached/
		);
	});
});

describe('REDIS_URL', () => {
	it('is a redis:// or rediss:// address, or unset', () => {
		expect(redisUrl(undefined)).toBeUndefined();
		expect(redisUrl('  ')).toBeUndefined();
		expect(redisUrl('redis://cache:6379')).toBe('redis://cache:6379');
		expect(redisUrl(' rediss://user:pw@cache:6380/2 ')).toBe('rediss://user:pw@cache:6380/2');
		expect(() => redisUrl('http://cache:6379')).toThrow(SettingProblem);
		expect(() => redisUrl('cache:6379')).toThrow(/REDIS_URL must be a redis:\/\//);
	});
});
