/**
 * The page's start in the browser, in tasks short enough for a slow phone to answer a tap
 * between them. SvelteKit evaluates the app's scripts, starts the router and hydrates the page,
 * and on a phone each of those was a long task (BENCHMARKS.md). The client `init` hook, a round
 * page's `load` and each `InOwnTask` part of a round screen return to the event loop first.
 */

import { browser } from '$app/environment';

/**
 * Resolves in a later task. `scheduler.yield()` resumes ahead of other queued tasks; browsers
 * without it resume after a zero timeout.
 */
export function nextTask(): Promise<void> {
	return typeof scheduler !== 'undefined' && 'yield' in scheduler
		? scheduler.yield()
		: new Promise<void>((resume) => setTimeout(resume, 0));
}

let started = false;

/** The root layout calls this once the page has hydrated: from then on, nothing waits. */
export function pageStarted(): void {
	started = true;
}

/**
 * `true`: in the browser while the page starts, in a later task of its own (each call gets its
 * own task); on the server and once the page has started, at once.
 */
export function inOwnTaskWhileStarting(): Promise<true> | true {
	if (!browser || started) return true;
	return nextTask().then(() => true);
}
