// Installs a Debian package with apt-get, as root and without questions: what npm cannot bring
// (nginx, PostgreSQL and Redis for `npm run cluster`; the tests' Chromium, ffmpeg, PostgreSQL and
// Redis), on CI's fresh machine as on a newcomer's.
import { spawnSync } from 'node:child_process';

/**
 * Installs `name` (with its recommended packages only when `recommends`); if a step fails, says
 * which and how to go on (`instead`), and stops the test run.
 * @param {string} name
 * @param {{ recommends?: boolean, instead?: string }} [options]
 */
export function aptInstall(
	name,
	{ recommends = false, instead = `install ${name} yourself` } = {}
) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), name]
	]) {
		if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
			console.error(`apt-get ${args.join(' ')} failed; ${instead}.`);
			process.exit(1);
		}
	}
}
