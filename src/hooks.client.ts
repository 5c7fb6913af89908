import type { ClientInit } from '@sveltejs/kit';
import { nextTask } from '$lib/client/start-up';

/**
 * SvelteKit awaits this between evaluating the app's scripts and starting the page (parsing every
 * route, loading the page's modules, hydrating): one long start-up task becomes two.
 */
export const init: ClientInit = nextTask;
