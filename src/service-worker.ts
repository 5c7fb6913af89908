/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline play. On install it caches the app (this build's scripts, styles and static files),
 * the pages a player starts from, and the default pack's practice pool with the phone-sized
 * rendition of each of its items, so after one visit quick play works without a network (scored
 * on the device, as practice). Only the practice pool: its answers are public, while the pairs
 * played online keep theirs on the server (src/lib/game/pack/pools.ts). Caches are named after the
 * build version; activating a new build deletes the old ones. Requests it does not know (API
 * calls, live class streams, and the media of online rounds, whose /media/ addresses are made
 * for one run or class session and which the browser's own cache keeps privately) pass through
 * untouched.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const APP_CACHE = `telltale-app-${version}`;
const PAGE_CACHE = `telltale-pages-${version}`;
const PACK_CACHE = `telltale-pack-${version}`;
const CACHES = [APP_CACHE, PAGE_CACHE, PACK_CACHE];

const PACK_ROOT = '/packs/default/';
const PRACTICE_POOL = `${PACK_ROOT}practice.json`;
/** Where a player lands offline when the page they asked for was never cached. */
const OFFLINE_PAGE = '/play/offline';
/** Pages worth keeping for offline visits, refreshed whenever they load online. */
const START_PAGES = ['/', '/play', '/learn', OFFLINE_PAGE];

// Pack media are cached separately (and only the phone renditions), not with the app shell.
const APP_FILES = [
	...build,
	...files.filter((file) => !file.startsWith('/packs/')),
	...prerendered
];
const APP_SET = new Set(APP_FILES);

interface ManifestItem {
	kind: string;
	media: Array<{ src: string; width?: number }>;
}

/** The rendition a phone shows offline: the narrowest picture, the one voice or video file. */
function phoneRendition(item: ManifestItem): string | undefined {
	const [first] = [...item.media].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
	return first && `${PACK_ROOT}${first.src}`;
}

async function cachePack(): Promise<void> {
	const cache = await caches.open(PACK_CACHE);
	const response = await fetch(PRACTICE_POOL, { cache: 'no-cache' });
	if (!response.ok) return;
	await cache.put(PRACTICE_POOL, response.clone());
	const manifest = (await response.json()) as { items?: ManifestItem[] };
	const urls = (manifest.items ?? []).map(phoneRendition).filter((url): url is string => !!url);
	// One missing file must not stop the rest from being cached.
	await Promise.allSettled(urls.map((url) => cache.add(url)));
}

async function cachePages(): Promise<void> {
	const cache = await caches.open(PAGE_CACHE);
	await Promise.allSettled(START_PAGES.map((page) => cache.add(page)));
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(APP_CACHE)).addAll(APP_FILES);
			await Promise.allSettled([cachePages(), cachePack()]);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('telltale-') && !CACHES.includes(key)) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

/** A 206 slice of a cached whole file, for media elements that ask for byte ranges. */
async function withRange(request: Request, response: Response): Promise<Response> {
	const match = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
	if (!match || (!match[1] && !match[2])) return response;
	const body = await response.blob();
	const size = body.size;
	const start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
	const end = match[1] && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
	if (start > end || start >= size) {
		return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
	}
	return new Response(body.slice(start, end + 1), {
		status: 206,
		headers: {
			'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream',
			'Content-Range': `bytes ${start}-${end}/${size}`,
			'Content-Length': String(end - start + 1)
		}
	});
}

/** Pack media are content-addressed and never change: the cache answers, else the network. */
async function packFile(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(PACK_CACHE);
	const cached = await cache.match(url.pathname);
	if (cached) return withRange(request, cached);
	const response = await fetch(request);
	if (response.status === 200) await cache.put(url.pathname, response.clone());
	return response;
}

/** The practice pool can change with the pack: the network when there is one, else the copy. */
async function freshPracticePool(request: Request): Promise<Response> {
	const cache = await caches.open(PACK_CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(PRACTICE_POOL, response.clone());
		return response;
	} catch (error) {
		const cached = await cache.match(PRACTICE_POOL);
		if (cached) return cached;
		throw error;
	}
}

/** Pages: the network when there is one (and keep a copy of start pages), else the cache. */
async function page(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(PAGE_CACHE);
	try {
		const response = await fetch(request);
		if (response.ok && START_PAGES.includes(url.pathname) && !url.search) {
			await cache.put(url.pathname, response.clone());
		}
		return response;
	} catch (error) {
		const cached =
			(await cache.match(url.pathname)) ??
			(await (await caches.open(APP_CACHE)).match(url.pathname));
		if (cached) return cached;
		// Solo pages fall back to offline practice; others (a live class) get the browser's own
		// offline error, which their reconnect logic expects.
		if (url.pathname === '/' || /^\/(play|learn)(\/|$)/.test(url.pathname)) {
			return Response.redirect(OFFLINE_PAGE, 302);
		}
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (APP_SET.has(url.pathname)) {
		event.respondWith(
			caches
				.open(APP_CACHE)
				.then((cache) => cache.match(url.pathname))
				.then((cached) => cached ?? fetch(request))
		);
	} else if (url.pathname === PRACTICE_POOL) {
		event.respondWith(freshPracticePool(request));
	} else if (url.pathname.startsWith(PACK_ROOT)) {
		event.respondWith(packFile(request, url));
	} else if (request.mode === 'navigate') {
		event.respondWith(page(request, url));
	}
});
