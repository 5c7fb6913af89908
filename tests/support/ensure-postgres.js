// Runs before the unit tests: the stores' contract tests run against a throwaway PostgreSQL
// server (tests/support/postgres.ts) as well as SQLite. Installs Debian's postgresql when running
// as root and it is missing, as the end-to-end tests install chromium; elsewhere only says how,
// and those tests then run on SQLite alone (CI always installs it, so they never skip there).
import { aptInstall } from '../../src/cluster/apt-get.js';
import { postgresBinDir } from '../../src/cluster/postgres-binaries.js';

if (!postgresBinDir()) {
	if (process.getuid?.() !== 0) {
		console.warn(
			'PostgreSQL is not installed, so the stores are tested on SQLite only. To test both,\n' +
				'install it (Debian/Ubuntu: sudo apt-get install postgresql) and run the tests again.'
		);
	} else {
		console.log('Installing Debian postgresql for the stores tests (about half a minute)...');
		aptInstall('postgresql');
		if (!postgresBinDir()) {
			console.error('apt-get installed postgresql, but initdb, pg_ctl and postgres are missing.');
			process.exit(1);
		}
	}
}
