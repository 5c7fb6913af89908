import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { RECENT_RUNS_COOKIE, recentRuns, rememberRun } from '$lib/server/play/recent-runs';

const id = (n: number) => `run${String(n).padStart(19, '0')}`;

/** A cookie jar that keeps what was set, path by path, as a browser would. */
function jar(value?: string) {
	const set: Array<{ value: string; path: string; httpOnly?: boolean; maxAge?: number }> = [];
	const cookies = {
		get: (name: string) => (name === RECENT_RUNS_COOKIE ? value : undefined),
		set: (name: string, stored: string, options: { path: string; httpOnly?: boolean }) => {
			expect(name).toBe(RECENT_RUNS_COOKIE);
			set.push({ value: stored, ...options });
		}
	} as unknown as Cookies;
	return { cookies, set };
}

describe('recent runs', () => {
	it('reads run ids only, each once, newest first, at most four', () => {
		expect(recentRuns(jar().cookies)).toEqual([]);
		const stored = [id(1), 'not-a-run', id(1), id(2), '', id(3), id(4), id(5)].join('.');
		expect(recentRuns(jar(stored).cookies)).toEqual([id(1), id(2), id(3), id(4)]);
		expect(recentRuns(jar('<script>').cookies)).toEqual([]);
	});

	it('puts the new run first, drops the oldest, and sets it on the play pages in every language', () => {
		const { cookies, set } = jar([id(1), id(2), id(3), id(4)].join('.'));
		rememberRun({ cookies, url: new URL('http://localhost/play') }, id(9));
		expect(set.map((cookie) => cookie.path).sort()).toEqual(['/play', '/zh-CN/play']);
		for (const cookie of set) {
			expect(cookie.value).toBe([id(9), id(1), id(2), id(3)].join('.'));
			expect(cookie.httpOnly).toBe(true);
			expect(cookie.maxAge).toBeGreaterThan(0);
		}
	});

	it('does not list a run twice when it is started again', () => {
		const { cookies, set } = jar([id(1), id(2)].join('.'));
		rememberRun({ cookies, url: new URL('http://localhost/play') }, id(2));
		expect(set[0].value).toBe([id(2), id(1)].join('.'));
	});
});
