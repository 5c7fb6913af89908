import { describe, expect, it } from 'vitest';
import { isPrivateRoute } from '$lib/server/http/private-pages';

describe('isPrivateRoute', () => {
	it('covers the host pages, their data and the host-key claim page', () => {
		for (const route of [
			'/class/[id]/host',
			'/class/[id]/host/report',
			'/class/[id]/host/summary.csv',
			'/class/[id]/host/verdicts.csv',
			'/class/[id]/host/command',
			'/class/[id]/claim'
		]) {
			expect([route, isPrivateRoute(route)]).toEqual([route, true]);
		}
	});

	it('leaves public pages to their own caching', () => {
		for (const route of ['/', '/host', '/class/[id]', '/s/[code]', null]) {
			expect([route, isPrivateRoute(route)]).toEqual([route, false]);
		}
	});
});
