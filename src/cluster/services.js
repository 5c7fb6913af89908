// The services a cluster runs beside its app processes, started here for trying the set-up and
// for the tests: a throwaway PostgreSQL and Redis on 127.0.0.1, each in its own process group (or,
// for PostgreSQL, under pg_ctl on its data folder), so stopping one never touches anything else
// on the machine. Used by cluster.js and by tests/support (postgres.ts, redis.ts).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, openSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';
import { postgresBinDir } from './postgres-binaries.js';

export const asRoot = process.getuid?.() === 0;
/** How long a process asked to stop may take before it is killed. */
const STOP_WAIT_MS = 10_000;

/** A port nothing listens on right now. @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** The uid and gid of Debian's `postgres` user, or null when there is none. */
export function postgresUser() {
	const id = (/** @type {string} */ flag) =>
		spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0 || gid.status !== 0) return null;
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Why no throwaway PostgreSQL can start here, or null when one can. */
export function postgresUnavailable() {
	if (!postgresBinDir()) return 'PostgreSQL is not installed (initdb, pg_ctl, postgres)';
	if (asRoot && !postgresUser()) return 'running as root, and there is no postgres user to run it';
	return null;
}

/** Why no throwaway Redis can start here, or null when one can. */
export function redisUnavailable() {
	return spawnSync('redis-server', ['--version']).status === 0
		? null
		: 'redis-server is not installed';
}

/**
 * Starts `command` in its own process group, its output appended to `logFile`; the group is what
 * is signalled to stop it.
 * @param {string} command @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, logFile: string, cwd?: string }} options
 */
export function startGroup(command, args, { env, logFile, cwd }) {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, {
		env,
		cwd,
		detached: true,
		stdio: ['ignore', log, log]
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const pid = /** @type {number} */ (child.pid);
	// Whatever happens to this script, what it started does not outlive it.
	const onExit = () => signalGroup(pid, 'SIGKILL');
	process.once('exit', onExit);
	return {
		child,
		exited,
		/** @param {NodeJS.Signals} signal */
		async stop(signal) {
			process.removeListener('exit', onExit);
			if (child.exitCode !== null || child.signalCode !== null) return;
			signalGroup(pid, signal);
			// A process that does not stop when asked is stopped anyway.
			const late = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_WAIT_MS);
			await exited;
			clearTimeout(late);
		}
	};
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Resolves once 127.0.0.1:`port` accepts connections.
 * @param {number} port
 */
export async function listening(port) {
	const until = Date.now() + 15_000;
	for (;;) {
		const open = await new Promise((resolve) => {
			const socket = createConnection({ port, host: '127.0.0.1' });
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * A Redis keeping nothing on disk, killable and restartable on its port (a Redis restart).
 * @param {number} port @param {string} dir
 */
export function throwawayRedis(port, dir) {
	/** @type {ReturnType<typeof startGroup> | undefined} */
	let running;
	return {
		async start() {
			const unavailable = redisUnavailable();
			if (unavailable) throw new Error(`cannot start Redis: ${unavailable}`);
			const args = [
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no'
			];
			running = startGroup('redis-server', args, { logFile: path.join(dir, 'redis.log') });
			await listening(port);
		},
		/** Stops it at once (SIGKILL: what it holds is lost, as in a crash). */
		async kill() {
			await running?.stop('SIGKILL');
		}
	};
}

/**
 * A PostgreSQL in `dir`/postgres on 127.0.0.1:`port`, trusting local connections, without fsync
 * (its data is thrown away). PostgreSQL refuses to run as root, so as root it runs as Debian's
 * `postgres` user, as Debian runs it. `stop()` stops it at once.
 * @param {number} port @param {string} dir
 */
export function throwawayPostgres(port, dir) {
	const unavailable = postgresUnavailable();
	if (unavailable) throw new Error(`cannot start PostgreSQL: ${unavailable}`);
	const bin = /** @type {string} */ (postgresBinDir());
	const user = asRoot ? postgresUser() : null;
	const folder = path.join(dir, 'postgres');
	mkdirSync(folder);
	if (user) {
		// The postgres user must get through `dir` (a temporary folder is private) to its own.
		chmodSync(dir, 0o711);
		chownSync(folder, user.uid, user.gid);
	}
	const run = (/** @type {string} */ program, /** @type {string[]} */ args) => {
		const command = path.join(bin, program);
		const result = user
			? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
			: spawnSync(command, args, { encoding: 'utf8' });
		if (result.status !== 0) {
			throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
		}
	};
	const data = path.join(folder, 'data');
	run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
	const settings = [
		'-c listen_addresses=127.0.0.1',
		`-p ${port}`,
		`-c unix_socket_directories=${folder}`,
		'-c fsync=off',
		'-c full_page_writes=off',
		// Several app processes' pools at once (a cluster's), besides the tests' own.
		'-c max_connections=200'
	].join(' ');
	run('pg_ctl', ['-D', data, '-l', path.join(folder, 'server.log'), '-w', '-o', settings, 'start']);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		process.removeListener('exit', stop);
		run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
	};
	// A run that ends without stopping it (an error, Ctrl-C) leaves no server behind.
	process.once('exit', stop);
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
