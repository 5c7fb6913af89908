/**
 * The nickname form's script: every send of one attempt carries the same attempt key, so a join
 * whose answer was lost gets the seat it made (server/class/joining.ts); an attempt whose outcome
 * is known gives way to a new key on the next tap.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$app/navigation', () => ({ goto: vi.fn(async () => undefined) }));
const { goto } = await import('$app/navigation');
const { joinSession } = await import('$lib/client/class-join');
const { newJoinAttempt } = await import('$lib/game/class/join-attempt');

const SESSION = 'AbCdEfGhIjKlMnOpQrStUv';

const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), { status, headers });
const moving = () => answer(503, { error: 'moving', message: 'moving' }, { 'Retry-After': '1' });
const seated = () => answer(200, { ok: true, location: `/class/${SESSION}` });
const taken = () => answer(409, { error: 'taken', message: 'Someone has that nickname.' });

/** The nickname form's fields, with the attempt key its render carries for a phone without JavaScript. */
function form(nickname: string, attempt = newJoinAttempt()): FormData {
	const fields = new FormData();
	fields.set('nickname', nickname);
	fields.set('attempt', attempt);
	return fields;
}

/** The attempt key of each join the script sent, in order. */
let sent: string[];
let answers: (() => Response | Promise<Response>)[];

beforeEach(() => {
	vi.useFakeTimers();
	sent = [];
	answers = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (_url: string, init: RequestInit) => {
			sent.push(JSON.parse(String(init.body)).attempt);
			return answers.shift()!();
		})
	);
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	vi.mocked(goto).mockClear();
});

/** One tap of "Join", its resends included; what it resolved with. */
async function tap(nickname: string, fields = form(nickname)): Promise<string | null> {
	const joined = joinSession(SESSION, fields, () => {});
	await vi.advanceTimersByTimeAsync(10_000);
	return joined;
}

describe('joining with the script', () => {
	it('sends the same attempt key with every resend of a tap, and a new one on the next tap', async () => {
		answers.push(moving, moving, seated);
		expect(await tap('Ada')).toBeNull();
		expect(goto).toHaveBeenCalledWith(`/class/${SESSION}`, { invalidateAll: true });
		expect(sent).toHaveLength(3);
		expect(new Set(sent).size).toBe(1);
		expect(sent[0]).toMatch(/^[\w-]{22}$/);

		answers.push(taken, seated);
		expect(await tap('Ada')).toBe('Someone has that nickname.');
		expect(await tap('Bo')).toBeNull();
		expect(new Set(sent).size).toBe(3);
	});

	it('keeps the key for the next tap while the outcome is unknown: no answer, or no seat said', async () => {
		answers.push(() => Promise.reject(new TypeError('network error')));
		expect(await tap('Ada')).toMatch(/network|connection/i);
		answers.push(...Array<() => Response>(5).fill(moving));
		expect(typeof (await tap('Ada'))).toBe('string');
		answers.push(seated);
		expect(await tap('Ada')).toBeNull();
		expect(sent).toHaveLength(7);
		expect(new Set(sent).size).toBe(1);
		// Then a new attempt.
		answers.push(seated);
		await tap('Ada');
		expect(sent[7]).not.toBe(sent[0]);
	});

	it("sends its own key, not the form's: one page's key for every tap would outlive its attempt", async () => {
		const rendered = form('Ada');
		answers.push(taken, seated);
		await tap('Ada', rendered);
		await tap('Ada', rendered);
		expect(sent).not.toContain(rendered.get('attempt'));
		expect(new Set(sent).size).toBe(2);
	});
});
