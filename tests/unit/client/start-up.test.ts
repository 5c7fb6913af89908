import { afterEach, describe, expect, it, vi } from 'vitest';

/** Settles every queued microtask (but no timer or other task). */
async function drainMicrotasks() {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

/** A fresh copy of the module, in the browser or not: whether the page has started is module state. */
async function startUp({ browser = true } = {}) {
	vi.resetModules();
	vi.doMock('$app/environment', () => ({ browser }));
	return import('../../../src/lib/client/start-up');
}

afterEach(() => vi.unstubAllGlobals());

describe('client start-up', () => {
	it('returns to the event loop before the app starts', async () => {
		const { init } = await import('../../../src/hooks.client');
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
		const { nextTask } = await startUp();
		await nextTask();
		expect(yieldToMain).toHaveBeenCalledOnce();
	});
});

describe('parts of a page in tasks of their own', () => {
	it('wait for a later task while the page starts in the browser', async () => {
		const { inOwnTaskWhileStarting } = await startUp();
		const waiting = inOwnTaskWhileStarting();
		expect(waiting).toBeInstanceOf(Promise);
		let ready = false;
		void Promise.resolve(waiting).then(() => (ready = true));
		await drainMicrotasks();
		expect(ready).toBe(false);
		expect(await waiting).toBe(true);
	});

	it('render at once after the page has started', async () => {
		const { inOwnTaskWhileStarting, pageStarted } = await startUp();
		pageStarted();
		expect(inOwnTaskWhileStarting()).toBe(true);
	});

	it('render at once on the server', async () => {
		const { inOwnTaskWhileStarting } = await startUp({ browser: false });
		expect(inOwnTaskWhileStarting()).toBe(true);
	});
});
