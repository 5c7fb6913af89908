import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { app, openApp } from '$lib/server/store/app';
import { heldPack, packStore } from '$lib/server/packs/store';
import { migrateData } from '$lib/server/store/data-migrations';
import { classHub } from '$lib/server/class/instance';
import { classHotPath } from '$lib/server/class/hot-path';
import { registerHotPath } from '$lib/server/http/hot-path.js';
import { compressPage } from '$lib/server/http/compression';
import { isPrivateRoute } from '$lib/server/http/private-pages';
import { runs } from '$lib/server/play/runs';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import { securityHeaders } from '$lib/server/http/security-headers';
import { localeRedirect } from '$lib/server/http/locale-choice';
import { m } from '$lib/paraglide/messages.js';
import { inTurn } from '$lib/server/http/render-turns';

const SESSION_PAGE = '/class/[id]';

/**
 * Open the databases and the signing secret at start-up, so a bad data directory or database
 * fails loudly.
 */
export const init: ServerInit = async () => {
	await openApp();
	// Load the packs now, so a broken pack is reported (and skipped) at start-up.
	packStore();
	// Purge expired class sessions now (and hourly after), not at the first class request.
	const hub = classHub();
	// Class sessions (kept by this process) find the teacher pack versions they play in memory.
	await teacherPacks().holdVersions(await hub.store.packVersions());
	// Stored data only the packs can bring up to date, before any class session is loaded.
	migrateData(app().db, { getPack: heldPack });
	// The class's verdicts and event streams, served in front of SvelteKit by the server that
	// runs it (src/server.js; vite.config.ts for `vite dev` and `vite preview`) on this hub.
	registerHotPath(classHotPath);
	// Purge solo runs older than RUN_TTL_DAYS now (and hourly after) too, not at the first game;
	// teacher packs unused for TEACHER_PACK_TTL_DAYS are, from teacherPacks() above.
	runs();
};

export const handle: Handle = ({ event, resolve }) => {
	const ownLanguage = localeRedirect(event.request);
	if (ownLanguage) {
		// Vary: the same address answers differently by the visitor's language and switch cookie.
		return new Response(null, {
			status: 307,
			headers: { Location: ownLanguage.href, Vary: 'Accept-Language, Cookie', ...securityHeaders }
		});
	}
	return paraglideMiddleware(event.request, async ({ request, locale }) => {
		event.request = request;
		const render = () =>
			resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
				// A round's pictures are what the player looks at first, and its server-rendered form
				// works before the script arrives: preloading ~25 script chunks ahead of them delays the
				// pictures by about 0.7 s on a slow phone connection (BENCHMARKS.md), so the browser
				// finds the scripts through their imports instead.
				preload: ({ type }) => type !== 'js' || event.route.id !== '/play/[id]'
			});
		// The page a class's phones load all at once takes turns (render-turns.ts); a form posted
		// to it does not, nor do the class's pictures, whose answers wait on files, not renders.
		const response = await (event.route.id === SESSION_PAGE && event.request.method === 'GET'
			? inTurn(render)
			: render());
		// src/server.js sets these on every response in production; here for `vite dev` and
		// `vite preview`, which do not run it, and for a page that sets one of its own.
		for (const [name, value] of Object.entries(securityHeaders)) {
			if (!response.headers.has(name)) response.headers.set(name, value);
		}
		if (isPrivateRoute(event.route.id)) response.headers.set('Cache-Control', 'no-store');
		return compressPage(event.request, response);
	});
};

/**
 * Errors no route caught. A client's mistake (404, 405, 415: Kit's own refusals) is one line in
 * the log; only a real fault (5xx) logs its stack trace, and the page gets the reader's words
 * for it, never the error itself.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const where = `${event.request.method} ${event.url.pathname}`;
	if (status < 500) {
		const detail = error instanceof Error && error.message ? error.message : message;
		console.warn(`[${status}] ${where}: ${detail}`);
		// An unknown address gets the reader's words (Kit's "Not found: /path" is English); Kit's
		// other refusals (405, 415) name what the request got wrong, which is what its sender needs.
		return { message: status === 404 ? m.error_not_found() : detail };
	}
	console.error(`[${status}] ${where}`, error);
	return { message: m.error_server() };
};
