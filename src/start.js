// `npm start`: serve the production build on one port, building it first when the sources are
// newer than the last build, so a fresh clone needs nothing but `npm install && npm start`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
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

const sources = Math.max(...inputs.map((input) => newestChange(path.join(root, input))));
if (sources > lastBuild()) {
	console.log('Building Telltale (the sources changed since the last build)...');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(stampFile, new Date().toISOString() + '\n');
}

process.env.PORT ??= '3000';
// Open live-session streams would otherwise hold a restart for adapter-node's default 30 s.
process.env.SHUTDOWN_TIMEOUT ??= '3';
await import(path.join(root, 'build', 'index.js'));
