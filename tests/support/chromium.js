// One place that knows where the test browser is and how it must be started on this machine.
import { existsSync } from 'node:fs';

/** The Chromium binary to drive: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Without the background-networking flags Chromium floods a closed network with refused connections. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--autoplay-policy=no-user-gesture-required'
];

/** Whether the browser is there. */
export function hasChromium() {
	return existsSync(chromiumPath());
}
