import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../../../src/hooks.client';

/** Settles every queued microtask (but no timer or other task). */
async function drainMicrotasks() {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

afterEach(() => vi.unstubAllGlobals());

describe('client start-up', () => {
	it('returns to the event loop before the app starts', async () => {
		let resumed = false;
		const started = Promise.resolve(init()).then(() => (resumed = true));
		await drainMicrotasks();
		expect(resumed).toBe(false);
		await started;
		expect(resumed).toBe(true);
	});

	it("uses the browser's scheduler.yield where there is one", async () => {
		const yieldToMain = vi.fn(() => Promise.resolve());
		vi.stubGlobal('scheduler', { yield: yieldToMain });
		await init();
		expect(yieldToMain).toHaveBeenCalledOnce();
	});
});
