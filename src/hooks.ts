import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** Maps /de/... style URLs onto the same routes, so each locale needs no route copies. */
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
