/**
 * The nickname form's join action as a browser without JavaScript posts it: the form's attempt
 * key (one per render of the page) read by the join's schema, so the browser sending the same
 * form again gets the seat it made and the same cookie, whatever became of the first answer.
 * The app's own class hub, on a fresh data folder; each post the part of SvelteKit's request
 * event that the action reads.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { parseSessionSettings } from '$lib/game/class/settings';
import { isJoinAttempt, newJoinAttempt } from '$lib/game/class/join-attempt';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'telltale-join-form-'));
// The app opens its databases at start-up (hooks.server.ts), before anything uses them.
await (await import('$lib/server/store/app')).openApp();
const { classHub } = await import('$lib/server/class/instance');
const { actions, load } = await import('../../../../src/routes/class/[id]/+page.server');

let nextAddress = 0;

async function newSession(): Promise<string> {
	const settings = parseSessionSettings({ packId: 'default', rounds: 3, timer: 0 });
	if (!settings.ok) throw new Error(settings.error);
	const created = await classHub().create(settings.settings);
	if (!created.ok) throw new Error(created.problem);
	return created.id;
}

/** What one post of the form came to: its status, the seat cookie set and the form's data. */
interface Posted {
	status: number;
	cookie?: string;
	data?: Record<string, unknown>;
}

/** Posts the form's `fields` to the session's join action from a device without a cookie. */
async function post(id: string, fields: Record<string, string>): Promise<Posted> {
	const url = new URL(`http://127.0.0.1/class/${id}?/join`);
	let cookie: string | undefined;
	const event = {
		params: { id },
		url,
		request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
		cookies: {
			get: () => undefined,
			set: (name: string, value: string) => {
				if (name === 'tt_seat') cookie = value;
			}
		},
		getClientAddress: () => `198.51.100.${++nextAddress}`,
		setHeaders: () => {}
	};
	try {
		const answer = await actions.join(event as never);
		if (isActionFailure(answer)) return { status: answer.status, cookie, data: answer.data };
		throw new Error(`neither a redirect nor a failure: ${JSON.stringify(answer)}`);
	} catch (thrown) {
		if (isRedirect(thrown)) return { status: thrown.status, cookie };
		throw thrown;
	}
}

describe('the join form without JavaScript', () => {
	it('gives the same form sent again the seat it made, with the same cookie', async () => {
		const id = await newSession();
		const attempt = newJoinAttempt();
		const first = await post(id, { nickname: 'Ada', attempt });
		expect(first.status).toBe(303);
		expect(first.cookie).toBeTruthy();
		const again = await post(id, { nickname: 'Ada', attempt });
		expect(again).toEqual(first);
		// Another render's form, or one from before the field: the name is taken.
		const others: Record<string, string>[] = [
			{ nickname: 'Ada', attempt: newJoinAttempt() },
			{ nickname: 'Ada' }
		];
		for (const other of others) {
			const taken = await post(id, other);
			expect(taken.status).toBe(409);
			expect(taken.cookie).toBeUndefined();
		}
		expect((await classHub().get(id))!.hostState('en').seated).toBe(1);
	});

	it('renders each page with a new key of its own', async () => {
		const id = await newSession();
		const render = async () => {
			const data = await load({ params: { id }, cookies: { get: () => undefined } } as never);
			return (data as { attempt: string }).attempt;
		};
		const keys = [await render(), await render()];
		expect(keys.every(isJoinAttempt)).toBe(true);
		expect(keys[0]).not.toBe(keys[1]);
	});

	it('refuses a malformed key with the reason, taking no seat; a form without one joins', async () => {
		const id = await newSession();
		for (const attempt of ['', 'short', `${newJoinAttempt()}A`]) {
			const refused = await post(id, { nickname: 'Ada', attempt });
			expect(refused.status, attempt).toBe(400);
			expect(refused.data?.message).toMatch(/attempt key is not valid/);
			expect(refused.data?.nickname).toBe('Ada');
			expect(refused.cookie).toBeUndefined();
		}
		expect((await post(id, { nickname: 'Ada' })).status).toBe(303);
	});

	it('renders the form again with its key while the outcome is unknown, with a new one once refused', async () => {
		const id = await newSession();
		const attempt = newJoinAttempt();
		// The write fails as a stale owner's does once another process took the lease: "moving".
		const { stores } = (await import('$lib/server/store/app')).app();
		const insertSeat = stores.classes.insertSeat;
		stores.classes.insertSeat = () => Promise.reject(new Error('owned by another process now'));
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const moving = await post(id, { nickname: 'Ada', attempt });
		stores.classes.insertSeat = insertSeat;
		logged.mockRestore();
		expect(moving.status).toBe(503);
		expect(moving.data?.attempt).toBe(attempt);
		expect((await post(id, { nickname: 'Ada', attempt })).status).toBe(303);
		const taken = await post(id, { nickname: 'Ada', attempt: newJoinAttempt() });
		expect(taken.status).toBe(409);
		expect(taken.data?.attempt).toBeUndefined();
	});
});
