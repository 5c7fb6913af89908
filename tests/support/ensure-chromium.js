// Runs before the end-to-end tests: finds a browser, installs Debian's when running as root,
// and otherwise stops with one message that says how to get one. Never `playwright install`:
// its download cannot work here.
import { aptInstall } from '../../src/cluster/apt-get.js';
import { chromiumPath, hasChromium } from './chromium.js';

if (!hasChromium()) {
	if (process.env.CHROMIUM_PATH) {
		console.error(
			`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`
		);
		process.exit(1);
	}
	if (process.getuid?.() !== 0) {
		console.error(
			'The end-to-end tests need Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)\n' +
				'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run npm test again.'
		);
		process.exit(1);
	}
	console.log('Installing Debian chromium for the end-to-end tests (about a minute)...');
	aptInstall('chromium', {
		recommends: true,
		instead: 'install chromium yourself or set CHROMIUM_PATH'
	});
	if (!hasChromium()) {
		console.error(`apt-get installed chromium, but ${chromiumPath()} is still missing.`);
		process.exit(1);
	}
}
