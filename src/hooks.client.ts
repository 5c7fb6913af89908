import type { ClientInit } from '@sveltejs/kit';

/**
 * SvelteKit awaits this between evaluating the app's scripts and starting the page (parsing every
 * route, loading the page's modules, hydrating). Returning to the event loop here splits one long
 * start-up task in two, so input and frames on a slow phone wait for half of it, not all of it
 * (BENCHMARKS.md). `scheduler.yield()` resumes ahead of other queued tasks; browsers without it
 * resume after a zero timeout.
 */
export const init: ClientInit = () =>
	typeof scheduler !== 'undefined' && 'yield' in scheduler
		? scheduler.yield()
		: new Promise<void>((resume) => setTimeout(resume, 0));
