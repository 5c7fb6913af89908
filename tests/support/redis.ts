/**
 * A throwaway Redis server for tests, on a free port, keeping nothing on disk: the cluster's own
 * (src/cluster/services.js). The test can kill it and start it again on the same port, as a
 * Redis restart during a round does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, redisUnavailable, throwawayRedis } from '../../src/cluster/services.js';

export interface ThrowawayRedis {
	/** redis://127.0.0.1:<port> */
	url: string;
	port: number;
	/** Stops the server at once (SIGKILL: what it holds is lost, as in a crash). */
	kill(): Promise<void>;
	/** Starts it again on the same port, empty. */
	restart(): Promise<void>;
	/** Stops it for good and deletes its folder. */
	stop(): Promise<void>;
}

/** Why the Redis tests skip here, or null when they run: never skipped on CI, which installs it. */
export function redisSkipped(): string | null {
	return process.env.CI ? null : redisUnavailable();
}

export async function startRedis(): Promise<ThrowawayRedis> {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-redis-'));
	const port = await freePort();
	const server = throwawayRedis(port, dir);
	await server.start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		kill: () => server.kill(),
		restart: () => server.start(),
		async stop() {
			await server.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
