import type { Reroute } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { yieldToMain } from '$lib/client/yield-to-main';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/**
 * Maps /de/... style URLs onto the same routes, so each locale needs no route copies.
 *
 * In the browser it first returns to the event loop. Its first call comes in the middle of
 * SvelteKit's start-up, after the route table is built and before the page's modules are
 * requested, so start-up runs as one more, shorter task (BENCHMARKS.md); a navigation later
 * waits one task for it.
 */
export const reroute: Reroute = async (request) => {
	if (browser) await yieldToMain();
	return deLocalizeUrl(request.url).pathname;
};
