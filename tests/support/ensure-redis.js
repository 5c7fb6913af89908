// Runs before the unit tests: what several servers share through Redis is tested against a
// throwaway redis-server (tests/support/redis.ts). Installs Debian's redis-server when running as
// root and it is missing, as the end-to-end tests install chromium; elsewhere only says how, and
// those tests then skip (CI always installs it, so they never skip there).
import { spawnSync } from 'node:child_process';
import { aptInstall } from '../../src/cluster/apt-get.js';

const installed = () => spawnSync('redis-server', ['--version']).status === 0;

if (!installed()) {
	if (process.getuid?.() !== 0) {
		console.warn(
			'redis-server is not installed, so what servers share through Redis is not tested.\n' +
				'Install it (Debian/Ubuntu: sudo apt-get install redis-server) and run the tests again.'
		);
	} else {
		console.log('Installing Debian redis-server for the tests (a few seconds)...');
		aptInstall('redis-server');
		if (!installed()) {
			console.error('apt-get installed redis-server, but redis-server does not run.');
			process.exit(1);
		}
	}
}
