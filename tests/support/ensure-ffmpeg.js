// Runs before the unit tests: the pack's give-away audit decodes the committed sound and video
// with ffmpeg. Installs Debian's when running as root, and otherwise stops with one message that
// says how to get it.
import { spawnSync } from 'node:child_process';
import { aptInstall } from '../../src/cluster/apt-get.js';

const hasFfmpeg = () => spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

if (!hasFfmpeg()) {
	if (process.getuid?.() !== 0) {
		console.error(
			'The unit tests decode the default pack with ffmpeg. Install it (Debian/Ubuntu:\n' +
				'sudo apt-get install ffmpeg), then run the tests again.'
		);
		process.exit(1);
	}
	console.log('Installing Debian ffmpeg for the pack audit (about half a minute)...');
	aptInstall('ffmpeg');
	if (!hasFfmpeg()) {
		console.error('apt-get installed ffmpeg, but it does not run.');
		process.exit(1);
	}
}
