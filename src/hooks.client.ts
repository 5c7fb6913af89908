import type { ClientInit } from '@sveltejs/kit';
import { yieldToMain } from '$lib/client/yield-to-main';

/**
 * SvelteKit awaits this between evaluating the app's scripts and starting the page (parsing every
 * route, loading the page's modules, hydrating). Returning to the event loop here splits one long
 * start-up task in two (BENCHMARKS.md).
 */
export const init: ClientInit = yieldToMain;
