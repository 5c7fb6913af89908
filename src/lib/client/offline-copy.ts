/**
 * Registers the offline service worker (src/service-worker.ts). Installing it downloads the app
 * and the practice pool's media, so it waits until the page has loaded, the main thread is idle
 * and a few seconds have passed: a first visit's first round gets the phone's CPU and network to
 * itself. Solo play calls it (the play layout), so class phones and the script-free pages never
 * download an offline copy they do not need.
 */

/** How long after the page has loaded the install may start. */
const DELAY_MS = 5000;
/** The worker's URL: the app is served from the root (svelte.config.js sets no base path). */
const WORKER_URL = '/service-worker.js';

/** Starts the countdown to registering; returns a function that cancels it if it has not run. */
export function registerOfflineCopy(): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	let timer: ReturnType<typeof setTimeout> | undefined;
	let idle: number | undefined;
	const register = () => {
		navigator.serviceWorker.register(WORKER_URL).catch(() => {
			// No offline play (private mode, blocked storage); online play is unaffected.
		});
	};
	const start = () => {
		timer = setTimeout(() => {
			if ('requestIdleCallback' in window)
				idle = requestIdleCallback(register, { timeout: 10_000 });
			else register();
		}, DELAY_MS);
	};
	if (document.readyState === 'complete') start();
	else addEventListener('load', start, { once: true });
	return () => {
		removeEventListener('load', start);
		clearTimeout(timer);
		if (idle !== undefined) cancelIdleCallback(idle);
	};
}
