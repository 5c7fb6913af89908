// Several Telltale processes on one machine, as README's "Several servers" runs them for real:
// PostgreSQL and Redis (throwaway ones in a temporary folder, unless DATABASE_URL and REDIS_URL
// are given), N app processes started as `npm start` starts one, and nginx in front of them.
// `npm run cluster` (run.js) uses it to try the set-up; the end-to-end tests use it to test it.
//
// Every process it starts runs in its own process group and is stopped through that group (or,
// for PostgreSQL, pg_ctl on its data folder): never by name, so nothing else on the machine is
// touched.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from './apt-get.js';
import { postgresBinDir } from './postgres-binaries.js';
import { asRoot, listening, startGroup, throwawayPostgres, throwawayRedis } from './services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(root, 'src', 'cluster');

/**
 * @typedef {object} AppProcess
 * @property {number} port
 * @property {string} url        the process's own address (nginx's upstream), e.g. http://127.0.0.1:8081
 * @property {string} dataDir
 * @property {string} logFile    what it printed
 * @property {number | undefined} pid  the running process's id (the class benchmark reads its CPU time)
 * @property {() => Promise<void>} kill  kill -9, as a crash
 * @property {() => Promise<void>} start starts it again (after kill)
 *
 * @typedef {object} Cluster
 * @property {string} url        nginx's address, where browsers go
 * @property {string} dir        the cluster's folder: logs, data folders, nginx's files
 * @property {AppProcess[]} apps
 * @property {string} databaseUrl
 * @property {string} redisUrl
 * @property {{ kill(): Promise<void>, start(): Promise<void> } | undefined} redis  the throwaway one
 * @property {() => string} accessLog  nginx's log: one line per request, with the process that served it
 * @property {() => Promise<void>} stop  stops everything it started
 */

/**
 * Starts the set-up. Ports: nginx on `port`, the app processes on the next `processes` ports,
 * then the throwaway Redis and PostgreSQL, all on 127.0.0.1 but nginx (on `host`).
 * @param {{ port?: number, host?: string, processes?: number, databaseUrl?: string,
 *   redisUrl?: string, say?: (line: string) => void }} [options]
 * @returns {Promise<Cluster>}
 */
export async function startCluster({
	port = 8080,
	host = '0.0.0.0',
	processes = 3,
	databaseUrl,
	redisUrl,
	say = () => {}
} = {}) {
	ensureInstalled({ nginx: true, redis: !redisUrl, postgres: !databaseUrl });
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-cluster-'));
	// nginx's workers (nobody, when started as root) must reach their temporary folders in here.
	chmodSync(dir, 0o711);
	/** @type {(() => void | Promise<void>)[]} stops, run in reverse order */
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		/** @type {Cluster['redis']} */
		let redis;
		if (!redisUrl) {
			const redisPort = port + processes + 1;
			const server = throwawayRedis(redisPort, dir);
			await server.start();
			stops.push(server.kill);
			redis = server;
			redisUrl = `redis://127.0.0.1:${redisPort}`;
			say(`Redis: ${redisUrl} (throwaway)`);
		}
		if (!databaseUrl) {
			const postgres = throwawayPostgres(port + processes + 2, dir);
			stops.push(postgres.stop);
			databaseUrl = postgres.url;
			say(`PostgreSQL: ${databaseUrl} (throwaway)`);
		}
		// Teacher pack pictures are files: every process's DATA_DIR/teacher-media is this folder.
		const sharedMedia = path.join(dir, 'teacher-media');
		mkdirSync(sharedMedia, { mode: 0o700 });
		const env = {
			...process.env,
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			REDIS_URL: redisUrl,
			// nginx overwrites these headers on every request (nginx-site.conf).
			ADDRESS_HEADER: 'x-forwarded-for',
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host'
		};
		/** @type {AppProcess[]} */
		const apps = [];
		for (let n = 1; n <= processes; n++) {
			const dataDir = path.join(dir, `app-${n}`);
			mkdirSync(dataDir, { mode: 0o700 });
			symlinkSync(sharedMedia, path.join(dataDir, 'teacher-media'));
			apps.push(appProcess(port + n, dataDir, path.join(dir, `app-${n}.log`), env));
		}
		stops.push(() => Promise.all(apps.map((app) => app.stop())).then(() => {}));
		// Started together: the first builds when the sources changed (start.js), the others wait
		// for that build rather than make their own.
		say(`Starting ${processes} app processes...`);
		await Promise.all(apps.map((app) => app.start()));

		const nginx = startNginx({ dir, listen: `${host}:${port}`, upstreams: apps });
		stops.push(nginx.stop);
		await nginx.started;
		const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
		await healthy(url, 'nginx');
		return {
			url,
			dir,
			apps,
			databaseUrl,
			redisUrl,
			redis,
			accessLog: () => readFileSync(path.join(dir, 'nginx-access.log'), 'utf8'),
			stop: stopAll
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * Installs with apt-get, as root, what is missing (as the tests' ensure-*.js scripts do); elsewhere
 * says what to install and stops.
 * @param {{ nginx: boolean, redis: boolean, postgres: boolean }} needed
 */
function ensureInstalled(needed) {
	const missing = [
		needed.nginx && !runs('nginx', ['-v']) && 'nginx',
		needed.redis && !runs('redis-server', ['--version']) && 'redis-server',
		needed.postgres && !postgresBinDir() && 'postgresql'
	].filter((name) => typeof name === 'string');
	if (missing.length === 0) return;
	if (!asRoot) {
		throw new Error(
			`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed. Install ` +
				`(Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}) and run it again.`
		);
	}
	for (const name of missing) {
		console.log(`Installing Debian ${name}...`);
		aptInstall(name);
	}
}

/** @param {string} command @param {string[]} args */
function runs(command, args) {
	return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * One app process, as `npm start` runs it (node src/start.js), on 127.0.0.1:`port`.
 * @param {number} port @param {string} dataDir @param {string} logFile @param {NodeJS.ProcessEnv} env
 */
function appProcess(port, dataDir, logFile, env) {
	/** @type {ReturnType<typeof startGroup> | undefined} */
	let running;
	const url = `http://127.0.0.1:${port}`;
	return {
		port,
		url,
		dataDir,
		logFile,
		get pid() {
			return running?.child.pid;
		},
		async start() {
			running = startGroup(process.execPath, [path.join(root, 'src', 'start.js')], {
				// Where the other processes pass the requests of a class this one owns.
				env: { ...env, PORT: String(port), DATA_DIR: dataDir, INTERNAL_URL: url },
				logFile,
				cwd: root
			});
			const child = running.child;
			await healthy(url, `the app process on port ${port}`, () =>
				child.exitCode !== null ? readFileSync(logFile, 'utf8') : undefined
			);
		},
		async kill() {
			await running?.stop('SIGKILL');
		},
		async stop() {
			await running?.stop('SIGTERM');
		}
	};
}

/**
 * Waits until `url`/healthz answers 200 (3 minutes: the first start may build the app).
 * @param {string} url @param {string} what
 * @param {() => string | undefined} [died] the process's output when it has exited
 */
async function healthy(url, what, died = () => undefined) {
	const until = Date.now() + 180_000;
	for (;;) {
		const output = died();
		if (output !== undefined) throw new Error(`${what} stopped:\n${output}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > until) throw new Error(`${what} did not answer ${url}/healthz`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/**
 * nginx in the foreground with the cluster's configuration (nginx-local.conf, nginx-site.conf).
 * @param {{ dir: string, listen: string, upstreams: { port: number }[] }} options
 */
function startNginx({ dir, listen, upstreams }) {
	const fill = (/** @type {string} */ file, /** @type {Record<string, string>} */ values) =>
		readFileSync(path.join(here, file), 'utf8').replace(
			/\{\{(\w+)\}\}/g,
			(_, name) => values[name]
		);
	const servers = upstreams.map((app) => `server 127.0.0.1:${app.port};`).join('\n\t');
	writeFileSync(path.join(dir, 'telltale-site.conf'), fill('nginx-site.conf', { servers, listen }));
	const conf = path.join(dir, 'nginx.conf');
	writeFileSync(conf, fill('nginx-local.conf', { dir }));
	const check = spawnSync('nginx', ['-t', '-q', '-p', dir, '-c', conf], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`nginx refused its configuration: ${check.stderr}`);
	const nginx = startGroup('nginx', ['-p', dir, '-c', conf, '-g', 'daemon off;'], {
		logFile: path.join(dir, 'nginx.log')
	});
	return {
		started: listening(Number(listen.split(':').pop())),
		// TERM: nginx stops at once; the app processes behind it then finish their own requests.
		stop: () => nginx.stop('SIGTERM')
	};
}
