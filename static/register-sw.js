// Registers the offline service worker (src/service-worker.ts) on every page, including pages
// that ship no other script. Installing it downloads the app and the phone rendition of every
// item in the default pack (a few MB), so it waits until the page has loaded, the main thread
// is idle and a few seconds have passed: a first visit's first round gets the phone's CPU and
// network to itself.
(function () {
	if (!('serviceWorker' in navigator)) return;
	var worker = new URL('service-worker.js', document.currentScript.src).href;
	var DELAY_MS = 5000;
	function register() {
		navigator.serviceWorker.register(worker).catch(function () {
			// No offline play (private mode, blocked storage); online play is unaffected.
		});
	}
	function whenIdle(callback) {
		if ('requestIdleCallback' in window) requestIdleCallback(callback, { timeout: 10000 });
		else callback();
	}
	addEventListener('load', function () {
		setTimeout(function () {
			whenIdle(register);
		}, DELAY_MS);
	});
})();
