/**
 * Redis, when REDIS_URL is set: what several servers must see at once and need not keep (a class
 * session's live events, rate limits). Durable records stay in the database; Redis holds nothing
 * that a restart of it may not lose.
 */
import { Redis } from 'ioredis';
import { SettingProblem } from '../setting-problem';

export type { Redis };

/** How long a start-up waits for Redis before it says the address is wrong. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a command waits for Redis's answer before it fails. What Redis carries lets a request
 * go on without it (a limit counts in this process), and a player should not wait longer.
 */
const COMMAND_TIMEOUT_MS = 500;

/**
 * Connects to `url` and checks it answers. The connection then reconnects by itself when Redis
 * restarts; a command sent meanwhile waits for it, up to two reconnection attempts and never
 * more than COMMAND_TIMEOUT_MS, then fails (its caller decides what a request does without Redis),
 * so no request hangs on a Redis that is gone or slow.
 */
export async function openRedis(url: string): Promise<Redis> {
	const redis = new Redis(url, {
		lazyConnect: true,
		connectTimeout: CONNECT_TIMEOUT_MS,
		maxRetriesPerRequest: 2,
		commandTimeout: COMMAND_TIMEOUT_MS,
		retryStrategy: (attempt) => Math.min(attempt * 100, 2_000)
	});
	watched(redis, 'Redis connection lost');
	try {
		await redis.connect();
		await redis.ping();
	} catch (error) {
		redis.disconnect();
		throw new SettingProblem(
			`the Redis server in REDIS_URL could not be reached (${(error as Error).message})`,
			{ cause: error }
		);
	}
	return redis;
}

/**
 * A second connection to the same Redis for subscribing (a connection that subscribes takes no
 * other commands), connecting in the background. It does not subscribe again by itself after
 * Redis restarts: whoever subscribed learns of the drop ('close') and subscribes afresh.
 */
export function subscriberOf(redis: Redis): Redis {
	const subscriber = redis.duplicate({ autoResubscribe: false, lazyConnect: false });
	watched(subscriber, 'Redis subscription lost');
	return subscriber;
}

/**
 * A connection Redis dropped is replaced by itself; it must not take the process down with an
 * unhandled 'error' event: one line per outage, not one per attempt, and none before the first
 * connection (a start-up that cannot connect says so itself). A stopping server exits once its
 * requests are answered (src/server.js); an open connection would keep it running until it is
 * killed, so it is closed.
 */
function watched(redis: Redis, lost: string): void {
	let quiet = true;
	redis.on('error', (error: Error) => {
		if (!quiet) console.error(`${lost}:`, error.message);
		quiet = true;
	});
	redis.on('ready', () => (quiet = false));
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => void redis.quit().catch(() => redis.disconnect()));
	}
}
