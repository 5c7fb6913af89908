import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { postedSession } from './class-helpers';

/**
 * The class session's endpoints as a misbehaving or unlucky client meets them: double and late
 * answers, a removed player, a wrong host key, malformed requests. The server must refuse each
 * with a clear reason and carry on.
 */

test.skip(({ isMobile }) => isMobile, 'plain HTTP: one run is enough');

let origin: string;
const devices: APIRequestContext[] = [];

async function device(): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL: origin });
	devices.push(context);
	return context;
}

test.beforeEach(({ baseURL }) => {
	origin = baseURL!;
});

test.afterEach(async () => {
	for (const context of devices.splice(0)) await context.dispose();
});

/** Creates a session as a host (no timer); returns the host's device and the session id. */
async function hostSession(rounds = 3) {
	const host = await device();
	return { host, id: await postedSession(host, origin, rounds) };
}

async function student(id: string, nickname: string) {
	const phone = await device();
	const joined = await phone.post(`/class/${id}?/join`, {
		form: { nickname },
		headers: { origin }
	});
	expect(joined.ok()).toBe(true);
	return phone;
}

/** Posts `body` as JSON bytes, exactly as given (strings and null included). */
const postJson = (client: APIRequestContext, path: string, body: unknown) =>
	client.post(path, {
		data: Buffer.from(JSON.stringify(body)),
		headers: { 'content-type': 'application/json' }
	});

const command = (host: APIRequestContext, id: string, body: unknown) =>
	postJson(host, `/class/${id}/host/command`, body);

const answer = (phone: APIRequestContext, id: string, body: unknown) =>
	postJson(phone, `/class/${id}/verdict`, body);

test('a double answer keeps the first verdict', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	expect((await command(host, id, { command: 'start' })).status()).toBe(200);

	const first = await answer(ada, id, { round: 0, answer: 'left', confidence: 0.7 });
	expect(await first.json()).toEqual({
		ok: true,
		verdict: { round: 0, answer: 'left', confidence: 0.7 },
		duplicate: false
	});
	// A double tap and a replayed request with another answer: acknowledged, never counted.
	const [again, changed] = await Promise.all([
		answer(ada, id, { round: 0, answer: 'left', confidence: 0.7 }),
		answer(ada, id, { round: 0, answer: 'right', confidence: 1 })
	]);
	for (const response of [again, changed]) {
		expect(await response.json()).toEqual({
			ok: true,
			verdict: { round: 0, answer: 'left', confidence: 0.7 },
			duplicate: true
		});
	}
	const csv = (await (await host.get(`/class/${id}/host/verdicts.csv`)).text())
		.trim()
		.split('\r\n');
	expect(csv).toHaveLength(2);
	expect(csv[1]).toContain(',Ada,');
	expect(csv[1]).toContain(',left,');
});

test('an answer after the reveal never counts, not even for the next round', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	await command(host, id, { command: 'start' });
	await command(host, id, { command: 'close', round: 0 });
	// Closed a moment ago, but the answer is out: no grace for a network blip after the reveal.
	await command(host, id, { command: 'reveal', round: 0 });

	const late = await answer(ada, id, { round: 0, answer: 'left', confidence: 1 });
	expect(late.status()).toBe(409);
	expect(await late.json()).toMatchObject({
		error: 'too-late',
		message: expect.stringContaining('Time is up')
	});

	await command(host, id, { command: 'next', round: 0 });
	// The same answer arriving after the next round opened: it names round 0, so it is refused.
	const stale = await answer(ada, id, { round: 0, answer: 'left', confidence: 1 });
	expect(stale.status()).toBe(409);
	expect((await stale.json()).error).toBe('wrong-round');
	const csv = (await (await host.get(`/class/${id}/host/verdicts.csv`)).text())
		.trim()
		.split('\r\n');
	expect(csv).toHaveLength(1);

	// A stale host command (a double tap on "Next") does not skip round 1.
	const skip = await command(host, id, { command: 'next', round: 0 });
	expect(skip.status()).toBe(409);
	expect((await skip.json()).error).toBe('stale');
	expect((await answer(ada, id, { round: 1, answer: 'right', confidence: 1 })).status()).toBe(200);
});

test('a removed player cannot answer; a blocked device cannot come back', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	const bo = await student(id, 'Bo');
	await command(host, id, { command: 'late-join', allow: true });
	await command(host, id, { command: 'start' });
	const seats = await seatIds(host, id);
	expect(Object.keys(seats).sort()).toEqual(['Ada', 'Bo']);
	expect((await command(host, id, { command: 'kick', seat: seats.Ada })).status()).toBe(200);
	expect((await command(host, id, { command: 'ban', seat: seats.Bo })).status()).toBe(200);

	const kicked = await answer(ada, id, { round: 0, answer: 'left', confidence: 1 });
	expect(kicked.status()).toBe(403);
	expect((await kicked.json()).error).toBe('removed');
	const events = await (await ada.get(`/class/${id}/events`)).text();
	expect(events).toContain('event: removed');
	expect(events).toContain('"reason":"kicked"');

	const blocked = await answer(bo, id, { round: 0, answer: 'left', confidence: 1 });
	expect(blocked.status()).toBe(403);
	const rejoin = await bo.post(`/class/${id}?/join`, {
		form: { nickname: 'Bo Again' },
		headers: { origin, accept: 'application/json' }
	});
	expect(await rejoin.text()).toContain('blocked this device');
	// A removed (not blocked) player may rejoin under a new name and answer again.
	await ada.post(`/class/${id}?/join`, {
		form: { nickname: 'Ada Two' },
		headers: { origin, accept: 'text/html' }
	});
	expect((await answer(ada, id, { round: 0, answer: 'left', confidence: 1 })).status()).toBe(200);
});

/** Seat ids by nickname, from the host's own live state (the host may see them). */
async function seatIds(host: APIRequestContext, id: string): Promise<Record<string, string>> {
	const data = await (await host.get(`/class/${id}/host/__data.json`)).text();
	const seats: Record<string, string> = {};
	// Kit's page data is devalue-encoded: each seat is {id, nickname, ...} with values by index.
	const parsed = JSON.parse(data) as { nodes: Array<{ data?: unknown[] } | null> };
	for (const node of parsed.nodes) {
		const values = node?.data;
		if (!values) continue;
		for (const value of values) {
			if (value && typeof value === 'object' && 'nickname' in value && 'id' in value) {
				const entry = value as { id: number; nickname: number };
				seats[values[entry.nickname] as string] = values[entry.id] as string;
			}
		}
	}
	return seats;
}

test('a wrong host key gets nothing and changes nothing', async () => {
	const { host, id } = await hostSession();
	await student(id, 'Ada');
	const intruder = await device();
	const forged = await playwrightRequest.newContext({
		baseURL: origin,
		extraHTTPHeaders: { cookie: 'tt_host=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }
	});
	devices.push(forged);
	for (const client of [intruder, forged]) {
		expect((await client.get(`/class/${id}/host`)).status()).toBe(403);
		expect((await client.get(`/class/${id}/host/report`)).status()).toBe(403);
		expect((await client.get(`/class/${id}/host/verdicts.csv`)).status()).toBe(403);
		expect((await client.get(`/class/${id}/host/summary.csv`)).status()).toBe(403);
		const events = await client.get(`/class/${id}/host/events`);
		expect(events.status()).toBe(403);
		const start = await command(client, id, { command: 'start' });
		expect(start.status()).toBe(403);
		expect(await start.json()).toMatchObject({ error: 'not-host' });
	}
	const claim = await intruder.post(`/class/${id}/claim`, {
		form: { key: 'not-the-key' },
		headers: { origin, accept: 'application/json' }
	});
	expect(await claim.text()).toContain('not right for this session');
	// The session is still in its lobby: nothing the intruder sent took effect.
	expect((await command(host, id, { command: 'start' })).status()).toBe(200);
});

test('malformed requests are refused with a reason and the server carries on', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	await command(host, id, { command: 'start' });

	const notJson = await ada.post(`/class/${id}/verdict`, {
		data: 'round=0&answer=left',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin }
	});
	expect([403, 415]).toContain(notJson.status());
	const broken = await ada.post(`/class/${id}/verdict`, {
		// A Buffer, so Playwright sends the bytes as they are (a string would be JSON-encoded).
		data: Buffer.from('{"round": 0, "answer": '),
		headers: { 'content-type': 'application/json' }
	});
	expect(broken.status()).toBe(400);
	expect(await broken.json()).toMatchObject({ error: 'malformed' });
	const huge = await ada.post(`/class/${id}/verdict`, {
		data: JSON.stringify({ round: 0, answer: 'left', confidence: 1, pad: 'x'.repeat(10_000) }),
		headers: { 'content-type': 'application/json' }
	});
	expect(huge.status()).toBe(413);

	for (const [body, field] of [
		[{ round: 0, answer: 'maybe', confidence: 1 }, 'answer'],
		[{ round: 0, answer: 'left', confidence: 7 }, 'confidence'],
		[{ round: 0, answer: 'left' }, 'confidence'],
		[{ round: 'zero', answer: 'left', confidence: 1 }, 'round'],
		[{ round: 0, answer: 'left', confidence: 1, score: 100 }, 'score'],
		[[1, 2, 3], ''],
		['left', ''],
		[null, '']
	] as const) {
		const response = await answer(ada, id, body);
		expect(response.status(), JSON.stringify(body)).toBe(400);
		const problem = await response.json();
		expect(problem.error).toBe('invalid');
		expect(problem.message).toContain(field);
	}
	for (const body of [
		{},
		{ command: 'explode' },
		{ command: 'next' },
		{ command: 'kick', seat: '../../etc' },
		'start'
	]) {
		const response = await command(host, id, body);
		expect(response.status(), JSON.stringify(body)).toBe(400);
		expect((await response.json()).message).toMatch(/not understood/);
	}
	const stranger = await device();
	expect((await answer(stranger, id, { round: 0, answer: 'left', confidence: 1 })).status()).toBe(
		401
	);
	expect(
		(
			await answer(ada, 'no-such-session-id-000', { round: 0, answer: 'left', confidence: 1 })
		).status()
	).toBe(404);
	expect((await stranger.get('/class/no-such-session-id-000')).status()).toBe(404);
	expect((await stranger.get(`/j/12ab56`)).status()).toBe(400);

	// After all that, the server and the session still work.
	expect((await stranger.get('/healthz')).status()).toBe(200);
	expect((await answer(ada, id, { round: 0, answer: 'right', confidence: 0.85 })).status()).toBe(
		200
	);
});

test('a form join whose attempt key is malformed is refused as such, and takes no seat', async () => {
	const { id } = await hostSession();
	const phone = await device();
	const join = (form: Record<string, string>) =>
		phone.post(`/class/${id}?/join`, { form, headers: { origin, accept: 'text/html' } });
	for (const attempt of ['', 'short', 'x'.repeat(200), 'A'.repeat(21) + '+']) {
		const refused = await join({ nickname: 'Ada', attempt });
		expect(refused.status(), attempt).toBe(400);
		expect(await refused.text()).toContain('its attempt key is not valid');
	}
	// A form from a page cached before it had the field joins as ever, with the name still free.
	const joined = await join({ nickname: 'Ada' });
	expect(joined.ok()).toBe(true);
	expect(await joined.text()).toContain("You're in!");
});

test('a short link with a code that leads nowhere says so with its status and the code form', async () => {
	const { host, id } = await hostSession();
	const page = await (await host.get(`/class/${id}/host`)).text();
	const code = /data-testid="join-code"[^>]*>(\d{3}) (\d{3})</.exec(page)!.slice(1).join('');
	const phone = await device();

	const right = await phone.get(`/j/${code}`, { maxRedirects: 0 });
	expect(right.status()).toBe(303);
	expect(right.headers().location).toBe(`/class/${id}`);

	// One digit off: no class uses it (a neighbour of a live code is as unlikely as any other).
	const typo = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
	const unknown = await phone.get(`/j/${typo}`);
	expect(unknown.status()).toBe(404);
	const body = await unknown.text();
	expect(body).toContain('No class uses that code');
	expect(body).toMatch(
		new RegExp(`name="code"[^>]*value="${typo}"|value="${typo}"[^>]*name="code"`)
	);

	const malformed = await phone.get('/j/12345');
	expect(malformed.status()).toBe(400);
	expect(await malformed.text()).toContain('A class code is 6 digits');

	// The code form answers the same way.
	const typed = await phone.post('/join', {
		form: { code: typo },
		headers: { origin, accept: 'text/html' }
	});
	expect(typed.status()).toBe(404);
});

test('the host link moves the host screen to another device', async () => {
	const { host, id } = await hostSession();
	// The projected page does not carry the link; the host asks for it.
	const page = await (await host.get(`/class/${id}/host`)).text();
	expect(page).not.toContain('/claim#');
	const asked = await host.get(`/class/${id}/host/link`);
	expect(asked.headers()['cache-control']).toBe('no-store');
	const { link } = (await asked.json()) as { link: string };
	const key = new RegExp(`/class/${id}/claim#([\\w-]+)`).exec(link)?.[1];
	expect(key).toBeTruthy();
	const laptop = await device();
	expect((await laptop.get(`/class/${id}/host`)).status()).toBe(403);
	const claimed = await laptop.post(`/class/${id}/claim`, {
		form: { key: key! },
		headers: { origin, accept: 'text/html' }
	});
	expect(claimed.url()).toMatch(new RegExp(`/class/${id}/host$`));
	expect((await laptop.get(`/class/${id}/host`)).status()).toBe(200);
	// Both devices are hosts now: either may run the session.
	expect((await command(laptop, id, { command: 'start' })).status()).toBe(200);
	expect((await command(host, id, { command: 'close', round: 0 })).status()).toBe(200);
});

test('a pre/post session hides test answers until the end and reports the change', async () => {
	const host = await device();
	const setup = await host.get('/host');
	const packId = /<option value="([^"]+)"/.exec(await setup.text())![1];
	const created = await host.post('/host', {
		form: { packId, rounds: '1', timer: '0', mode: 'pairs', prePost: 'on', testRounds: '1' },
		headers: { origin, accept: 'text/html' }
	});
	const id = /\/class\/([\w-]+)\/host$/.exec(created.url())![1];
	const ada = await student(id, 'Ada');
	await command(host, id, { command: 'start' });

	// Round 1 is the pre-test: answered, closed, never revealed.
	expect((await answer(ada, id, { round: 0, answer: 'left', confidence: 0.7 })).status()).toBe(200);
	const reveal = await command(host, id, { command: 'reveal', round: 0 });
	expect(reveal.status()).toBe(409);
	expect((await reveal.json()).error).toBe('not-now');
	await command(host, id, { command: 'close', round: 0 });
	const phone = await (await ada.get(`/class/${id}`)).text();
	expect(phone).toContain('Pre-test');
	expect(phone).toContain('the answers are shown at the end');
	expect(phone).not.toContain('"truth"');

	// Round 2 trains with a reveal; round 3 is the post-test.
	await command(host, id, { command: 'next', round: 0 });
	await answer(ada, id, { round: 1, answer: 'left', confidence: 0.7 });
	expect((await command(host, id, { command: 'reveal', round: 1 })).status()).toBe(200);
	await command(host, id, { command: 'next', round: 1 });
	await answer(ada, id, { round: 2, answer: 'right', confidence: 0.85 });
	await command(host, id, { command: 'close', round: 2 });
	await command(host, id, { command: 'next', round: 2 });

	const report = await (await host.get(`/class/${id}/host/report`)).text();
	expect(report).toContain('Before and after the training');
	expect(report).toMatch(/data-testid="prepost-accuracy"[^>]*>[^<]*pp/);
	const summary = (await (await host.get(`/class/${id}/host/summary.csv`)).text()).split('\r\n');
	expect(summary[0]).toContain('pre_accuracy,post_accuracy,accuracy_change');
	expect(summary[1]).toMatch(/^Ada,/);
});

test('answering is rate limited per seat', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	await command(host, id, { command: 'start' });
	const statuses: number[] = [];
	for (let i = 0; i < 14; i++) {
		statuses.push((await answer(ada, id, { round: 0, answer: 'left', confidence: 1 })).status());
	}
	expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
	expect(statuses.slice(10)).toContain(429);
});

test('the host can delete the session: everything is gone, and the phones are told', async () => {
	const { host, id } = await hostSession();
	const ada = await student(id, 'Ada');
	await command(host, id, { command: 'start' });
	await answer(ada, id, { round: 0, answer: 'left', confidence: 1 });
	const deleted = await host.post(`/class/${id}/host/report?/delete`, {
		form: { confirm: 'yes' },
		headers: { origin, accept: 'text/html' }
	});
	expect(deleted.url()).toMatch(/\/host\?deleted/);
	expect(await deleted.text()).toContain('were deleted');
	expect((await host.get(`/class/${id}/host`)).status()).toBe(404);
	expect((await host.get(`/class/${id}/host/verdicts.csv`)).status()).toBe(404);
	expect((await ada.get(`/class/${id}`)).status()).toBe(404);
	expect(await (await ada.get(`/class/${id}/events`)).text()).toContain('event: gone');
});
