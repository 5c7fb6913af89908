/**
 * The class's hot path as a Node server runs it: a real HTTP server on a free port whose handler
 * asks classHotPath first, as src/server.js does, in front of nothing (what it declines is a 404
 * here). The app's own class hub, on a fresh data folder.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSessionSettings } from '$lib/game/class/settings';
import { newJoinAttempt } from '$lib/game/class/join-attempt';
import type { LiveSession } from '$lib/server/class/session';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'telltale-hot-path-'));
// The app opens its databases at start-up (hooks.server.ts), before anything uses them.
await (await import('$lib/server/store/app')).openApp();
const { classHotPath } = await import('$lib/server/class/hot-path');
const { classHub } = await import('$lib/server/class/instance');

let server: http.Server;
let base: string;
let nextAddress = 0;

/** A fresh client address, so one test's refusals never count against another's limits. */
const someone = () => `198.51.100.${++nextAddress}`;

beforeAll(async () => {
	server = http.createServer((request, response) => {
		const address = String(request.headers['x-test-address'] ?? request.socket.remoteAddress);
		const declined = () => {
			response.statusCode = 404;
			response.end('declined');
		};
		if (
			!classHotPath(request, response, { scheme: 'http', address: () => address, kit: declined })
		) {
			declined();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

/** One request; `body` as given (a string, or bytes), sent chunked when no length is given. */
function send(
	method: string,
	url: string,
	options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}
): Promise<Answer> {
	const { headers = {}, body, chunked = false } = options;
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${base}${url}`,
			{
				method,
				headers: {
					'x-test-address': headers['x-test-address'] ?? someone(),
					...(body !== undefined && !chunked ? { 'content-length': Buffer.byteLength(body) } : {}),
					...headers
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode!, headers: response.headers, text })
				);
			}
		);
		request.on('error', reject);
		if (body !== undefined) request.write(body);
		request.end();
	});
}

/** Opens an event stream and resolves with its status, headers and first event; then closes it. */
function firstEvent(
	url: string,
	cookie?: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders; event?: string; data?: unknown }> {
	return new Promise((resolve, reject) => {
		const request = http.get(
			`${base}${url}`,
			{ headers: { 'x-test-address': someone(), ...(cookie ? { cookie } : {}) } },
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				const done = () => {
					const block = text.split('\n\n').find((part) => part.includes('event: '));
					request.destroy();
					resolve({
						status: response.statusCode!,
						headers: response.headers,
						event: block && /^event: (.*)$/m.exec(block)?.[1],
						data: block && JSON.parse(/^data: (.*)$/m.exec(block)![1])
					});
				};
				response.on('data', (chunk) => {
					text += chunk;
					if (/event: .*\ndata: .*\n\n/.test(text)) done();
				});
				response.on('end', done);
			}
		);
		request.on('error', reject);
	});
}

async function newSession(): Promise<{ session: LiveSession; hostCookie: string }> {
	const settings = parseSessionSettings({ packId: 'default', rounds: 3, timer: 0 });
	if (!settings.ok) throw new Error(settings.error);
	const created = await classHub().create(settings.settings);
	if (!created.ok) throw new Error(created.problem);
	const session = (await classHub().get(created.id))!;
	return { session, hostCookie: `tt_host=${created.hostToken}` };
}

function seated(session: LiveSession, nickname: string): string {
	const joined = session.join(null, { nickname });
	if (!joined.ok || !joined.token) throw new Error(`could not join: ${JSON.stringify(joined)}`);
	return `tt_seat=${joined.token}`;
}

const json = { 'content-type': 'application/json' };
const verdict = { round: 0, answer: 'left', confidence: 0.85 };

/** A JSON problem: the status, the code and a sentence. */
function expectProblem(answer: Answer, status: number, code: string): void {
	expect(answer.status).toBe(status);
	expect(answer.headers['content-type']).toBe('application/json');
	const body = JSON.parse(answer.text);
	expect(body.error).toBe(code);
	expect(typeof body.message).toBe('string');
	expect(body.message.length).toBeGreaterThan(10);
}

describe('a verdict', () => {
	it('is committed and acknowledged once; a repeat is acknowledged as a duplicate', async () => {
		const { session } = await newSession();
		const cookie = seated(session, 'Ada');
		session.command({ command: 'start' });
		const body = JSON.stringify(verdict);
		const first = await send('POST', `/class/${session.id}/verdict`, {
			headers: { ...json, cookie },
			body
		});
		expect(first.status).toBe(200);
		expect(first.headers['cache-control']).toBe('no-store');
		expect(JSON.parse(first.text)).toMatchObject({ ok: true, duplicate: false });
		const again = await send('POST', `/class/${session.id}/verdict`, {
			headers: { ...json, cookie },
			body
		});
		expect(JSON.parse(again.text)).toMatchObject({ ok: true, duplicate: true });
		expect(session.hostState('en').answered).toBe(1);
	});

	it('refuses every malformed body with a 4xx JSON problem, never a 5xx', async () => {
		const { session } = await newSession();
		const cookie = seated(session, 'Ada');
		session.command({ command: 'start' });
		const url = `/class/${session.id}/verdict`;
		const post = (headers: Record<string, string>, body?: string | Buffer, chunked = false) =>
			send('POST', url, { headers: { cookie, ...headers }, body, chunked });
		expectProblem(await post({ 'content-type': 'text/plain' }, '{}'), 415, 'not-json');
		expectProblem(await post({}, JSON.stringify(verdict)), 415, 'not-json');
		expectProblem(await post(json, '{"round":'), 400, 'malformed');
		expectProblem(await post(json, ''), 400, 'malformed');
		expectProblem(await post(json, Buffer.from([0x7b, 0xff, 0x7d])), 400, 'malformed');
		expectProblem(await post(json, '[]'), 400, 'invalid');
		expectProblem(await post(json, '{"round":-1,"answer":"up","confidence":7}'), 400, 'invalid');
		// Too large, whether it says so in advance or only once it is sent.
		const large = JSON.stringify({ ...verdict, padding: 'x'.repeat(5000) });
		expectProblem(await post(json, large), 413, 'too-large');
		const streamed = await post(json, large, true);
		expectProblem(streamed, 413, 'too-large');
		expect(streamed.headers.connection).toBe('close');
		// The server carries on: the seat's real verdict still counts.
		const answered = await post(json, JSON.stringify(verdict));
		expect(answered.status).toBe(200);
	});

	it('is refused without a seat: no cookie, a forged one, an unknown session', async () => {
		const { session } = await newSession();
		session.command({ command: 'start' });
		const url = `/class/${session.id}/verdict`;
		const body = JSON.stringify(verdict);
		expectProblem(await send('POST', url, { headers: json, body }), 401, 'no-seat');
		const forged = { ...json, cookie: `tt_seat=${'A'.repeat(43)}` };
		expectProblem(await send('POST', url, { headers: forged, body }), 401, 'no-seat');
		const odd = { ...json, cookie: 'tt_seat=; tt_seat="x y"; =;;' };
		expectProblem(await send('POST', url, { headers: odd, body }), 401, 'no-seat');
		const gone = `/class/${'x'.repeat(22)}/verdict`;
		expectProblem(await send('POST', gone, { headers: json, body }), 404, 'not-found');
	});

	it('answers in the language of its address', async () => {
		const { session } = await newSession();
		const answer = await send('POST', `/zh-CN/class/${session.id}/verdict`, {
			headers: json,
			body: JSON.stringify(verdict)
		});
		expectProblem(answer, 401, 'no-seat');
		expect(JSON.parse(answer.text).message).toMatch(/[\u4e00-\u9fff]/);
	});

	it('is rate limited per seat, with the time to wait', async () => {
		const { session } = await newSession();
		const cookie = seated(session, 'Ada');
		session.command({ command: 'start' });
		const statuses: number[] = [];
		let last: Answer | undefined;
		for (let i = 0; i < 14; i++) {
			last = await send('POST', `/class/${session.id}/verdict`, {
				headers: { ...json, cookie },
				body: JSON.stringify(verdict)
			});
			statuses.push(last.status);
		}
		expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
		expectProblem(last!, 429, 'rate-limited');
		expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
	});
});

describe('joining', () => {
	const joinAt = (id: string, body: unknown, headers: Record<string, string> = {}) =>
		send('POST', `/class/${id}/join`, {
			headers: { ...json, ...headers },
			body: JSON.stringify(body)
		});

	it("gives a seat, its cookie on every language's path, and where to go next", async () => {
		const { session } = await newSession();
		const answer = await joinAt(session.id, { nickname: 'Ada' });
		expect(answer.status).toBe(200);
		expect(answer.headers['cache-control']).toBe('no-store');
		expect(JSON.parse(answer.text)).toEqual({ ok: true, location: `/class/${session.id}` });
		const cookies = answer.headers['set-cookie']!;
		expect(cookies.map((line) => /Path=([^;]+)/.exec(line)?.[1]).sort()).toEqual([
			`/class/${session.id}`,
			`/zh-CN/class/${session.id}`
		]);
		for (const line of cookies) {
			expect(line).toMatch(/^tt_seat=[\w-]{43}; Max-Age=\d+; Path=\S+; HttpOnly; SameSite=Lax$/);
		}
		const cookie = cookies[0].split(';')[0];
		expect(session.seatByToken(cookie.slice('tt_seat='.length))?.nickname).toBe('Ada');
		expect(session.hostState('en').seated).toBe(1);

		// The same device again: its seat is resumed, no new cookie, no second seat.
		const again = await joinAt(session.id, { nickname: 'Someone else' }, { cookie });
		expect(again.status).toBe(200);
		expect(again.headers['set-cookie']).toBeUndefined();
		expect(session.hostState('en').seated).toBe(1);
	});

	it('picks a friendly name when asked, in the language of its address', async () => {
		const { session } = await newSession();
		const answer = await send('POST', `/zh-CN/class/${session.id}/join`, {
			headers: json,
			body: JSON.stringify({ generate: true })
		});
		expect(JSON.parse(answer.text)).toEqual({ ok: true, location: `/zh-CN/class/${session.id}` });
		expect(answer.headers['set-cookie']).toHaveLength(2);
		expect(session.hostState('en').seated).toBe(1);
	});

	it('refuses a name, a closed door, a bad body or an unknown session with a JSON problem', async () => {
		const { session } = await newSession();
		await joinAt(session.id, { nickname: 'Ada' });
		expectProblem(await joinAt(session.id, { nickname: 'ada' }), 409, 'taken');
		expectProblem(await joinAt(session.id, { nickname: 'A' }), 400, 'too-short');
		expectProblem(await joinAt(session.id, { nickname: 7 }), 400, 'unreadable');
		expectProblem(await joinAt(session.id, []), 400, 'unreadable');
		const text = await send('POST', `/class/${session.id}/join`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'nickname=Bo'
		});
		expectProblem(text, 415, 'not-json');
		expectProblem(await joinAt('z'.repeat(22), { nickname: 'Bo' }), 404, 'not-found');
		session.command({ command: 'end' });
		expectProblem(await joinAt(session.id, { nickname: 'Bo' }), 400, 'ended');
		const zh = await send('POST', `/zh-CN/class/${session.id}/join`, {
			headers: json,
			body: JSON.stringify({ nickname: 'Bo' })
		});
		expect(JSON.parse(zh.text).message).toMatch(/[\u4e00-\u9fff]/);
	});

	it('answers a join whose seat could not be stored 503 moving, to be sent again', async () => {
		const { session } = await newSession();
		// The write fails as a stale owner's does once another process took the lease.
		const { stores } = (await import('$lib/server/store/app')).app();
		const insertSeat = stores.classes.insertSeat;
		stores.classes.insertSeat = () => Promise.reject(new Error('owned by another process now'));
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const refused = await joinAt(session.id, { nickname: 'Ada' });
		stores.classes.insertSeat = insertSeat;
		logged.mockRestore();
		expectProblem(refused, 503, 'moving');
		expect(refused.headers['retry-after']).toBe('1');
		expect(refused.headers['set-cookie']).toBeUndefined();
		// Sent again, it reaches the session loaded afresh from the records, and is stored there.
		expect((await joinAt(session.id, { nickname: 'Ada' })).status).toBe(200);
		const again = await classHub().get(session.id);
		expect(again).not.toBe(session);
		expect(again!.records().seats.map((seat) => seat.nickname)).toEqual(['Ada']);
	});

	it('gives a join sent again with its attempt key the seat it made, with the same cookies', async () => {
		const { session } = await newSession();
		const address = someone();
		const attempt = newJoinAttempt();
		const first = await joinAt(
			session.id,
			{ nickname: 'Ada', attempt },
			{ 'x-test-address': address }
		);
		expect(first.status).toBe(200);
		// The phone never got that answer (its owner died, or a relay said "moving"): no cookie,
		// and its script sends the same join again.
		const again = await joinAt(
			session.id,
			{ nickname: 'Ada', attempt },
			{ 'x-test-address': address }
		);
		expect(again.status).toBe(200);
		expect(JSON.parse(again.text)).toEqual(JSON.parse(first.text));
		expect(again.headers['set-cookie']).toEqual(first.headers['set-cookie']);
		expect(session.hostState('en').seated).toBe(1);
		// Another phone with the same name and its own attempt, or none: taken.
		expectProblem(
			await joinAt(session.id, { nickname: 'Ada', attempt: newJoinAttempt() }),
			409,
			'taken'
		);
		expectProblem(await joinAt(session.id, { nickname: 'Ada' }), 409, 'taken');
		expect(session.hostState('en').seated).toBe(1);
	});

	it('sends a join again for free once the address has used its new seats', async () => {
		const { session } = await newSession();
		const address = someone();
		const attempt = newJoinAttempt();
		const from = { 'x-test-address': address };
		expect((await joinAt(session.id, { nickname: 'Ada', attempt }, from)).status).toBe(200);
		let last: Answer | undefined;
		for (let i = 0; i < 200 && last?.status !== 429; i++) {
			last = await joinAt(session.id, { nickname: `Student ${i}` }, from);
		}
		expectProblem(last!, 429, 'busy');
		expect((await joinAt(session.id, { nickname: 'Ada', attempt }, from)).status).toBe(200);
	});

	it('refuses a join whose attempt key is malformed, saying so', async () => {
		const { session } = await newSession();
		const key = newJoinAttempt();
		for (const attempt of [key.slice(1), `${key}A`, `${key.slice(0, 21)}=`, 'x'.repeat(200), 42]) {
			const refused = await joinAt(session.id, { nickname: 'Ada', attempt });
			expectProblem(refused, 400, 'bad-attempt');
			expect(refused.headers['set-cookie']).toBeUndefined();
		}
		const zh = await send('POST', `/zh-CN/class/${session.id}/join`, {
			headers: json,
			body: JSON.stringify({ nickname: 'Ada', attempt: 'short' })
		});
		expect(JSON.parse(zh.text).message).toMatch(/[\u4e00-\u9fff]/);
		expect(session.hostState('en').seated).toBe(0);
	});

	it('limits the new seats one address adds, with the time to wait', async () => {
		const { session } = await newSession();
		const address = someone();
		let last: Answer | undefined;
		for (let i = 0; i < 200 && last?.status !== 429; i++) {
			last = await joinAt(session.id, { nickname: `Student ${i}` }, { 'x-test-address': address });
		}
		expectProblem(last!, 429, 'busy');
		expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
	});
});

describe('the event streams', () => {
	it("start a seat's stream with its state, in its language", async () => {
		const { session } = await newSession();
		const cookie = seated(session, 'Ada');
		const opened = await firstEvent(`/class/${session.id}/events`, cookie);
		expect(opened.status).toBe(200);
		expect(opened.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		expect(opened.headers['cache-control']).toBe('no-store');
		expect(opened.headers['x-accel-buffering']).toBe('no');
		expect(opened.event).toBe('state');
		expect(opened.data).toMatchObject({ shared: { phase: 'lobby' } });
	});

	it('tell a device without a seat, or a session that is gone, and end', async () => {
		const { session } = await newSession();
		expect(await firstEvent(`/class/${session.id}/events`)).toMatchObject({
			status: 200,
			event: 'removed',
			data: { reason: 'no-seat' }
		});
		const forged = `tt_seat=${'B'.repeat(43)}`;
		expect(await firstEvent(`/class/${session.id}/events`, forged)).toMatchObject({
			event: 'removed'
		});
		expect(await firstEvent(`/class/${'y'.repeat(22)}/events`)).toMatchObject({ event: 'gone' });
		expect(await firstEvent(`/class/${'y'.repeat(22)}/host/events`)).toMatchObject({
			event: 'gone'
		});
	});

	it("open the host's stream only with the host key", async () => {
		const { session, hostCookie } = await newSession();
		const host = await firstEvent(`/class/${session.id}/host/events`, hostCookie);
		expect(host).toMatchObject({ status: 200, event: 'state', data: { phase: 'lobby' } });
		const stranger = await send('GET', `/class/${session.id}/host/events`, {
			headers: { cookie: `tt_host=${'C'.repeat(43)}` }
		});
		expectProblem(stranger, 403, 'not-host');
	});

	it('are rate limited per seat: a reconnect storm is cut short', async () => {
		const { session } = await newSession();
		const cookie = seated(session, 'Ada');
		let last: Awaited<ReturnType<typeof firstEvent>> | undefined;
		for (let i = 0; i < 22; i++) last = await firstEvent(`/class/${session.id}/events`, cookie);
		expect(last!.status).toBe(429);
	});
});

describe('the addresses', () => {
	it('refuse a wrong method with 405 and the method allowed', async () => {
		const { session } = await newSession();
		const get = await send('GET', `/class/${session.id}/verdict`);
		expectProblem(get, 405, 'method-not-allowed');
		expect(get.headers.allow).toBe('POST');
		const post = await send('POST', `/class/${session.id}/events`, { headers: json, body: '{}' });
		expectProblem(post, 405, 'method-not-allowed');
		expect(post.headers.allow).toBe('GET');
	});

	it('leave every other address to SvelteKit, untouched', async () => {
		for (const url of [
			'/class/abc',
			'/class/abc/verdict/',
			'/class/abc/host',
			'/fr/class/abc/verdict',
			'/play'
		]) {
			const answer = await send('GET', url);
			expect(answer).toMatchObject({ status: 404, text: 'declined' });
		}
	});
});
