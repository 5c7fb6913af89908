/**
 * A throwaway Redis server for tests: Debian's redis-server on 127.0.0.1 and a free port, keeping
 * nothing on disk, stopped (and restartable on the same port, as a Redis restart during a round
 * is) by the test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface ThrowawayRedis {
	/** redis://127.0.0.1:<port> */
	url: string;
	port: number;
	/** Stops the server at once (SIGKILL: what it holds is lost, as in a crash). */
	kill(): Promise<void>;
	/** Starts it again on the same port, empty. */
	restart(): Promise<void>;
	/** Stops it for good. */
	stop(): Promise<void>;
}

/** Why no server can be started here, or null when one can. */
export function redisUnavailable(): string | null {
	return spawnSync('redis-server', ['--version']).status === 0
		? null
		: 'redis-server is not installed';
}

/** Why the Redis tests skip here, or null when they run: never skipped on CI, which installs it. */
export function redisSkipped(): string | null {
	return process.env.CI ? null : redisUnavailable();
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Resolves once `port` accepts connections, or rejects after `timeoutMs`. */
async function listening(port: number, timeoutMs = 10_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = createConnection({ port, host: '127.0.0.1' });
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > until) throw new Error(`redis-server did not listen on ${port}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export async function startRedis(): Promise<ThrowawayRedis> {
	const unavailable = redisUnavailable();
	if (unavailable) throw new Error(`cannot start Redis: ${unavailable}`);
	const port = await freePort();
	let child: ChildProcess | undefined;
	const launch = async () => {
		child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' }
		);
		await listening(port);
	};
	const kill = async () => {
		const running = child;
		child = undefined;
		if (!running || running.exitCode !== null) return;
		await new Promise((resolve) => {
			running.once('exit', resolve);
			running.kill('SIGKILL');
		});
	};
	await launch();
	// A test run that ends without its afterAll (an error, Ctrl-C) leaves no server behind.
	process.once('exit', () => child?.kill('SIGKILL'));
	return { url: `redis://127.0.0.1:${port}`, port, kill, restart: launch, stop: kill };
}
