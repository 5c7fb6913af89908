// `npm start`: serve the production build on one port, building it first when the sources are
// newer than the last build, so a fresh clone needs nothing but `npm install && npm start`.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'build', '.source-stamp');
const inputs = [
	'src',
	'static',
	'messages',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
// Written by the build itself; counting it would make every build look stale.
const generated = new Set([path.join(root, 'src', 'lib', 'paraglide')]);

/**
 * The newest modification time at or below `file`, in ms.
 * @param {string} file
 */
function newestChange(file) {
	if (generated.has(file)) return 0;
	let stat;
	try {
		stat = statSync(file);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(file)) {
		newest = Math.max(newest, newestChange(path.join(file, entry)));
	}
	return newest;
}

function lastBuild() {
	try {
		return statSync(stampFile).mtimeMs;
	} catch {
		return -1;
	}
}

const stale = () =>
	Math.max(...inputs.map((input) => newestChange(path.join(root, input)))) > lastBuild();

/**
 * Two servers started together (a test run's, or a second terminal) must not both write build/:
 * a mix of two builds' files serves pages that never come alive. The first takes this lock and
 * builds; the others wait for it, then build only if the sources are still newer. A lock left by
 * a process that died is taken over.
 */
const lockFile = path.join(root, '.build.lock');
function holdBuildLock() {
	for (;;) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		const holder = lockHolder();
		if (holder !== undefined && !isAlive(holder)) rmSync(lockFile, { force: true });
		else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
	}
}

/** The process holding the lock; undefined if it is gone or its id is not written yet. */
function lockHolder() {
	try {
		const pid = Number(readFileSync(lockFile, 'utf8'));
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

if (stale()) {
	holdBuildLock();
	try {
		if (stale()) build();
	} finally {
		rmSync(lockFile, { force: true });
	}
}

function build() {
	process.stdout.write('Building Telltale (the sources changed since the last build)... ');
	const started = performance.now();
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	// The bundler's ~300 lines of chunk sizes and notes about dependencies mean nothing to
	// someone starting the game: they are kept, and shown only if the build fails.
	const result = spawnSync(process.execPath, [vite, 'build'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (result.status !== 0) {
		console.log('failed:\n');
		console.log(result.stdout, result.stderr);
		rmSync(lockFile, { force: true });
		process.exit(result.status ?? 1);
	}
	console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
	writeFileSync(stampFile, new Date().toISOString() + '\n');
}

await import('./server.js');
