import { expect, test } from '@playwright/test';
import { securityHeaders } from '../../src/lib/server/http/security-headers.js';
import { E2E_PORT } from './support/ports.js';

/**
 * The class's verdicts and event streams are served in front of SvelteKit (hot-path.ts), by
 * `npm start`'s server: what every response of the app carries, they carry too, and what they
 * refuse is refused in the app's one JSON problem shape.
 */

const url = `http://127.0.0.1:${E2E_PORT}`;
const FORM = 'application/x-www-form-urlencoded';

function expectSecurityHeaders(headers: Headers, what: string): void {
	for (const [name, value] of Object.entries(securityHeaders)) {
		expect(headers.get(name), `${what}: ${name}`).toBe(value);
	}
}

/** Opens an event stream, reads its first bytes and closes it. */
async function openStream(path: string, cookie: string) {
	const abort = new AbortController();
	const response = await fetch(`${url}${path}`, { headers: { cookie }, signal: abort.signal });
	const reader = response.body!.getReader();
	let text = '';
	while (!text.includes('event: ')) {
		const { value, done } = await reader.read();
		if (done) break;
		text += new TextDecoder().decode(value);
	}
	abort.abort();
	return { response, text };
}

test('verdicts and event streams carry the security headers and answer problems as JSON', async () => {
	const hosted = await fetch(`${url}/host`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'packId=default&rounds=3&timer=0',
		redirect: 'manual'
	});
	const id = hosted.headers.get('location')!.split('/')[2];
	const hostCookie = hosted.headers.get('set-cookie')!.split(';')[0];
	const joined = await fetch(`${url}/class/${id}?/join`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'nickname=Ada',
		redirect: 'manual'
	});
	const seatCookie = joined.headers.get('set-cookie')!.split(';')[0];
	expect(seatCookie).toMatch(/^tt_seat=/);

	const phone = await openStream(`/class/${id}/events`, seatCookie);
	expect(phone.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
	expect(phone.text).toContain('event: state');
	expectSecurityHeaders(phone.response.headers, 'phone stream');
	const host = await openStream(`/class/${id}/host/events`, hostCookie);
	expect(host.text).toContain('event: state');
	expectSecurityHeaders(host.response.headers, 'host stream');

	const started = await fetch(`${url}/class/${id}/host/command`, {
		method: 'POST',
		headers: { cookie: hostCookie, 'content-type': 'application/json' },
		body: JSON.stringify({ command: 'start' })
	});
	expect(started.status).toBe(200);
	const answered = await fetch(`${url}/class/${id}/verdict`, {
		method: 'POST',
		headers: { cookie: seatCookie, 'content-type': 'application/json' },
		body: JSON.stringify({ round: 0, answer: 'left', confidence: 0.7 })
	});
	expect(answered.status).toBe(200);
	expect(await answered.json()).toMatchObject({ ok: true, duplicate: false });
	expectSecurityHeaders(answered.headers, 'verdict');

	const wrongMethod = await fetch(`${url}/zh-CN/class/${id}/verdict`);
	expect(wrongMethod.status).toBe(405);
	expect(wrongMethod.headers.get('allow')).toBe('POST');
	expectSecurityHeaders(wrongMethod.headers, '405');
	const problem = await wrongMethod.json();
	expect(problem.error).toBe('method-not-allowed');
	expect(problem.message).toMatch(/[\u4e00-\u9fff]/);

	const unreadable = await fetch(`${url}/class/${id}/verdict`, {
		method: 'POST',
		headers: { cookie: seatCookie, 'content-type': 'application/json' },
		body: '{"round": 0,'
	});
	expect(unreadable.status).toBe(400);
	expect(await unreadable.json()).toMatchObject({ error: 'malformed' });
	expectSecurityHeaders(unreadable.headers, '400');
});
