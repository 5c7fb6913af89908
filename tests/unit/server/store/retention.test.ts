import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS, expiryCutoff, purgeHourly } from '$lib/server/store/retention';

describe('expiryCutoff', () => {
	it('is the instant `ttlDays` before now', () => {
		expect(expiryCutoff(10 * DAY_MS, 7)).toBe(3 * DAY_MS);
		expect(expiryCutoff(DAY_MS, 0.5)).toBe(DAY_MS / 2);
	});
});

describe('purgeHourly', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('purges at once, then every hour until stopped', () => {
		const purge = vi.fn();
		const stop = purgeHourly(purge);
		expect(purge).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(60 * 60 * 1000 - 1);
		expect(purge).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(1);
		expect(purge).toHaveBeenCalledTimes(2);
		stop();
		vi.advanceTimersByTime(5 * 60 * 60 * 1000);
		expect(purge).toHaveBeenCalledTimes(2);
	});

	it('fails loudly at start-up, but an hourly failure is logged and retried', () => {
		expect(() =>
			purgeHourly(() => {
				throw new Error('database is locked');
			})
		).toThrow('database is locked');

		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		let calls = 0;
		const stop = purgeHourly(() => {
			calls++;
			if (calls === 2) throw new Error('database is locked');
		});
		vi.advanceTimersByTime(2 * 60 * 60 * 1000);
		expect(calls).toBe(3);
		expect(logged).toHaveBeenCalledTimes(1);
		stop();
		logged.mockRestore();
	});
});
