// Plain JavaScript so that the production server (src/server.js, which Vite does not bundle) and
// the app's bundle meet here: the app registers its handler for the requests a live class sends
// by the thousand (src/lib/server/class/hot-path.ts) when SvelteKit starts it (the hooks' init),
// and the server asks it first, before SvelteKit's own handler. Kept on globalThis because the
// bundle carries its own copy of this module: one registry, so one handler and one class hub.

const KEY = Symbol.for('telltale.hot-path');

/**
 * How the server that received a request sees its client: the scheme the browser used and the
 * client's address (by the same rule as SvelteKit's getClientAddress there); and `kit`, which
 * hands the request to SvelteKit after all (a class session's page found to be served here only
 * once its owner was looked up: class/relay.ts).
 * @typedef {{ scheme: string, address: () => string, kit: () => void }} HotPathClient
 */

/**
 * Serves the request and returns true, or returns false (and touches nothing) when the request
 * is not one of its own, for SvelteKit to serve.
 * @typedef {(
 *   request: import('node:http').IncomingMessage,
 *   response: import('node:http').ServerResponse,
 *   client: HotPathClient
 * ) => boolean} HotPathHandler
 */

/** @param {HotPathHandler} handler */
export function registerHotPath(handler) {
	/** @type {Record<symbol, unknown>} */ (globalThis)[KEY] = handler;
}

/** The registered handler, once the app has started. @returns {HotPathHandler | undefined} */
export function hotPath() {
	return /** @type {HotPathHandler | undefined} */ (
		/** @type {Record<symbol, unknown>} */ (globalThis)[KEY]
	);
}
