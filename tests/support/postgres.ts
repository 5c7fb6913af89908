/**
 * A throwaway PostgreSQL server for tests: initdb and pg_ctl in a temporary folder, listening on
 * 127.0.0.1 on a free port, trusting local connections, without fsync (its data is thrown away).
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user Debian's package
 * makes (runuser), as Debian runs it.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresBinDir } from './postgres-binaries.js';

export interface ThrowawayPostgres {
	/** postgres://postgres@127.0.0.1:<port>/postgres */
	url: string;
	/** Stops the server at once and deletes its folder. */
	stop(): void;
}

const asRoot = process.getuid?.() === 0;

/** The uid and gid of the `postgres` user, or null when there is none. */
function postgresUser(): { uid: number; gid: number } | null {
	const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0 || gid.status !== 0) return null;
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Why no server can be started here, or null when one can. */
export function postgresUnavailable(): string | null {
	if (!postgresBinDir()) return 'PostgreSQL is not installed (initdb, pg_ctl, postgres)';
	if (asRoot && !postgresUser()) return 'running as root, and there is no postgres user to run it';
	return null;
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

export async function startPostgres(): Promise<ThrowawayPostgres> {
	const unavailable = postgresUnavailable();
	if (unavailable) throw new Error(`cannot start PostgreSQL: ${unavailable}`);
	const bin = postgresBinDir()!;
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-pg-'));
	const user = asRoot ? postgresUser()! : null;
	if (user) chownSync(dir, user.uid, user.gid);
	const run = (program: string, args: string[]) => {
		const command = path.join(bin, program);
		const result = user
			? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
			: spawnSync(command, args, { encoding: 'utf8' });
		if (result.status !== 0) {
			throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
		}
	};
	const data = path.join(dir, 'data');
	run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
	const port = await freePort();
	const options = [
		'-c listen_addresses=127.0.0.1',
		`-p ${port}`,
		`-c unix_socket_directories=${dir}`,
		'-c fsync=off',
		'-c full_page_writes=off'
	].join(' ');
	run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', options, 'start']);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		rmSync(dir, { recursive: true, force: true });
	};
	// A test run that ends without its afterAll (an error, Ctrl-C) leaves no server behind.
	process.once('exit', stop);
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
