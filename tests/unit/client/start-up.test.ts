import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToMain } from '$lib/client/yield-to-main';
import { init } from '../../../src/hooks.client';
import { reroute } from '../../../src/hooks';

// The hooks below run in the browser; this file runs in Node.
vi.mock('$app/environment', () => ({ browser: true }));

/** Settles every queued microtask (but no timer or other task). */
async function drainMicrotasks() {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

/** Whether `promise` is still pending once every queued microtask has run. */
async function waitsForATask(promise: Promise<unknown>): Promise<boolean> {
	let settled = false;
	const watched = promise.then(() => (settled = true));
	await drainMicrotasks();
	const waited = !settled;
	await watched;
	return waited;
}

afterEach(() => vi.unstubAllGlobals());

describe('client start-up', () => {
	it('yieldToMain resumes in a later task, not among the microtasks', async () => {
		expect(await waitsForATask(yieldToMain())).toBe(true);
	});

	it("yieldToMain uses the browser's scheduler.yield where there is one", async () => {
		const schedulerYield = vi.fn(() => Promise.resolve());
		vi.stubGlobal('scheduler', { yield: schedulerYield });
		await yieldToMain();
		expect(schedulerYield).toHaveBeenCalledOnce();
	});

	it('returns to the event loop before SvelteKit starts the page', async () => {
		expect(await waitsForATask(Promise.resolve(init()))).toBe(true);
	});

	it('reroutes in a later task, to the route of the URL without its locale', async () => {
		const rerouted = Promise.resolve(
			reroute({ url: new URL('https://telltale.example/play/abc?x=1'), fetch })
		);
		expect(await waitsForATask(rerouted)).toBe(true);
		expect(await rerouted).toBe('/play/abc');
	});
});
