import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { startServer, type TestServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';
import { createSession, events, join, lookUp, request } from '../bench/class-client.js';

/**
 * A class in a real school: every phone, the teacher's laptop and one mischievous student share
 * the school's one public address. The student floods wrong join codes and wrong host keys; the
 * class still joins and the teacher keeps control. Strangers still cannot guess codes or keys.
 * Each request names its address (X-Forwarded-For, read with ADDRESS_HEADER as behind a proxy).
 */

const SCHOOL = '203.0.113.50';
const STRANGER = '198.51.100.7';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;

test.beforeAll(async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-class-room-'));
	server = await startServer({
		port: SPARE_PORT_BASE + 13,
		dataDir,
		env: { ADDRESS_HEADER: 'x-forwarded-for' }
	});
});

test.afterAll(async () => {
	await server?.stop();
});

async function hostSession(ip: string) {
	const session = await createSession(
		server.url,
		{ packId: 'default', rounds: 3, timer: 0, mode: 'pairs' },
		ip
	);
	const page = await request(server.url, 'GET', `/class/${session.id}/host`, {
		ip,
		headers: { cookie: session.hostCookie }
	});
	expect(page.status).toBe(200);
	const code = /data-testid="join-code"[^>]*>(\d{3}) (\d{3})</.exec(page.text)!;
	return { ...session, code: code[1] + code[2] };
}

/** A code that is not `code` (nor any live one: the server holds only a few sessions). */
function wrongCode(code: string, n: number): string {
	const guess = String(100000 + ((n * 7919) % 900000));
	return guess === code ? String(100000 + ((n * 7919 + 1) % 900000)) : guess;
}

const hostCommand = (session: { id: string; hostCookie: string }, body: object, ip: string) =>
	request(server.url, 'POST', `/class/${session.id}/host/command`, {
		ip,
		body: JSON.stringify(body),
		headers: { cookie: session.hostCookie, 'content-type': 'application/json' }
	});

test('one student flooding wrong codes and host keys stops neither the class nor the teacher', async () => {
	test.setTimeout(150_000);
	const session = await hostSession(SCHOOL);
	const forged = {
		id: session.id,
		hostCookie: 'tt_host=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
	};

	// The mischief: a burst that spends the school's allowances at once, then a wrong code every
	// second and five forged host requests a second, for as long as the class takes.
	let guesses = 0;
	for (; guesses < 45; guesses++)
		await lookUp(server.url, wrongCode(session.code, guesses), SCHOOL);
	for (let i = 0; i < 25; i++) await hostCommand(forged, { command: 'end' }, SCHOOL);
	expect((await lookUp(server.url, wrongCode(session.code, guesses++), SCHOOL)).status).toBe(429);
	expect((await hostCommand(forged, { command: 'end' }, SCHOOL)).status).toBe(429);
	let flooding = true;
	const floodStarted = Date.now();
	const refusedGuesses: number[] = [];
	const flood = (async () => {
		while (flooding) {
			refusedGuesses.push(
				(await lookUp(server.url, wrongCode(session.code, guesses++), SCHOOL)).status
			);
			for (let i = 0; i < 5 && flooding; i++) {
				await Promise.all([
					hostCommand(forged, { command: 'end' }, SCHOOL),
					request(server.url, 'GET', `/class/${session.id}/host`, {
						ip: SCHOOL,
						headers: { cookie: forged.hostCookie }
					}),
					request(server.url, 'POST', `/class/${session.id}/claim`, {
						ip: SCHOOL,
						body: 'key=not-the-key',
						headers: {
							origin: server.url,
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'application/json'
						}
					})
				]);
				await sleep(200);
			}
		}
	})();

	try {
		// The teacher's own requests all go through while the flood runs.
		const before = await request(server.url, 'GET', `/class/${session.id}/host`, {
			ip: SCHOOL,
			headers: { cookie: session.hostCookie }
		});
		expect(before.status).toBe(200);
		let live = 0;
		const stream = events(
			server.url,
			`/class/${session.id}/host/events`,
			session.hostCookie,
			() => (live += 1),
			{ ip: SCHOOL }
		);

		// Forty students arrive over about 20 seconds; every fourth mistypes the code first.
		const started = Date.now();
		const joined = await Promise.all(
			Array.from({ length: 40 }, async (_, i) => {
				await sleep(i * 500);
				if (i % 4 === 0) {
					const typo = await lookUp(server.url, wrongCode(session.code, 500_000 + i), SCHOOL);
					// Told to wait (the allowance is spent), or that no class has it: never let in.
					expect([404, 429]).toContain(typo.status);
					expect(typo.id).toBeUndefined();
				}
				const found = await lookUp(server.url, session.code, SCHOOL);
				expect(found.id, `student ${i + 1} finds the class`).toBe(session.id);
				const cookie = await join(server.url, session.id, `Student ${i + 1}`, SCHOOL);
				return { cookie, at: Date.now() - started };
			})
		);
		expect(joined).toHaveLength(40);
		expect(Math.max(...joined.map((student) => student.at))).toBeLessThan(60_000);

		// The teacher runs a round, reads the report and downloads the CSVs: nothing refused.
		const statuses: number[] = [];
		statuses.push((await hostCommand(session, { command: 'start' }, SCHOOL)).status);
		statuses.push((await hostCommand(session, { command: 'close', round: 0 }, SCHOOL)).status);
		statuses.push((await hostCommand(session, { command: 'reveal', round: 0 }, SCHOOL)).status);
		statuses.push((await hostCommand(session, { command: 'next', round: 0 }, SCHOOL)).status);
		for (const page of ['report', 'verdicts.csv', 'summary.csv', '']) {
			const response = await request(
				server.url,
				'GET',
				`/class/${session.id}/host${page ? `/${page}` : ''}`,
				{ ip: SCHOOL, headers: { cookie: session.hostCookie } }
			);
			statuses.push(response.status);
		}
		expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
		expect(live).toBeGreaterThan(0);
		stream.close();

		// The flooder's guesses were answered no faster than the allowance refills (one per 3 s,
		// shared with the students' typos): the rest were refused.
		const seconds = (Date.now() - floodStarted) / 1000;
		const answered = refusedGuesses.filter((status) => status !== 429).length;
		expect(refusedGuesses.length).toBeGreaterThan(10);
		expect(answered).toBeLessThanOrEqual(Math.ceil(seconds / 3) + 1);
	} finally {
		flooding = false;
		await flood;
	}
});

/**
 * A join as a phone's form posts it (asking for JSON, as the page's script does): the status the
 * action gave (303 when seated) and the seat cookie, if one was set.
 */
async function tryJoin(id: string, nickname: string, ip: string, cookie?: string) {
	const response = await request(server.url, 'POST', `/class/${id}?/join`, {
		ip,
		body: new URLSearchParams({ nickname }).toString(),
		headers: {
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			...(cookie ? { cookie } : {})
		}
	});
	const answer = JSON.parse(response.text) as { type: string; status: number };
	const seat = /^tt_seat=([^;]+)/.exec(
		[response.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith('tt_seat=')) ?? ''
	);
	return {
		status: answer.type === 'redirect' ? 303 : answer.status,
		cookie: seat ? `tt_seat=${seat[1]}` : undefined,
		retryAfter: Number(response.headers['retry-after'] ?? 0)
	};
}

test('one student flooding join attempts stops neither the class nor another class joining', async () => {
	test.setTimeout(180_000);
	const SCHOOL_B = '203.0.113.77';
	const other = await hostSession(SCHOOL_B);
	const session = await hostSession(SCHOOL_B);

	// In another class at the same school, a script makes up names until it is told to wait:
	// seats a class could really need at once, then no more than the allowance refills.
	const junk: number[] = [];
	const junkStarted = Date.now();
	for (let n = 0; junk.at(-1) !== 429 && n < 400; n++) {
		junk.push((await tryJoin(other.id, `Junk ${n}`, SCHOOL_B)).status);
	}
	const refilled = Math.ceil(((Date.now() - junkStarted) / 1000) * 2);
	expect(junk.at(-1)).toBe(429);
	expect(junk.length - 1).toBeGreaterThanOrEqual(120);
	expect(junk.length - 1).toBeLessThanOrEqual(120 + refilled);

	// In this class, the prankster takes a seat, then sends join after join as fast as the server
	// answers: names too short, invisible or taken, the form again with the seat's own cookie,
	// and more made-up names in the other class.
	const prankster = await tryJoin(session.id, 'Prankster', SCHOOL_B);
	expect(prankster.status).toBe(303);
	let flooding = true;
	const sent: Record<number, number> = {};
	const spam = async (attempts: Array<() => Promise<{ status: number }>>) => {
		for (let n = 0; flooding; n++) {
			const { status } = await attempts[n % attempts.length]();
			sent[status] = (sent[status] ?? 0) + 1;
		}
	};
	let extra = 0;
	const flood = Promise.all([
		spam([
			() => tryJoin(session.id, 'x', SCHOOL_B),
			() => tryJoin(session.id, 'Pr\u034Fankster', SCHOOL_B),
			() => tryJoin(session.id, 'PRANKSTER', SCHOOL_B),
			() => tryJoin(session.id, ' prankster ', SCHOOL_B)
		]),
		spam([
			() => tryJoin(session.id, 'Someone Else', SCHOOL_B, prankster.cookie),
			() => tryJoin(other.id, `More Junk ${extra++}`, SCHOOL_B)
		])
	]);

	try {
		// Thirty-five students arrive; some mistype their name first, one picks a taken one.
		const seated = await Promise.all(
			Array.from({ length: 35 }, async (_, i) => {
				await sleep(i * 300);
				if (i % 5 === 0) expect((await tryJoin(session.id, 'J', SCHOOL_B)).status).toBe(400);
				if (i % 7 === 3) {
					expect((await tryJoin(session.id, 'prankster', SCHOOL_B)).status).toBe(409);
				}
				const joined = await tryJoin(session.id, `Student ${i + 1}`, SCHOOL_B);
				expect(joined.status, `student ${i + 1} gets a seat`).toBe(303);
				return joined.cookie;
			})
		);
		expect(seated.every((cookie) => cookie !== undefined)).toBe(true);
	} finally {
		flooding = false;
		await flood;
	}
	// The flood really ran: refused names (400), taken ones (409), the seat resumed (303), the
	// other class's allowance spent (429).
	expect(sent[400]).toBeGreaterThan(10);
	expect(sent[409]).toBeGreaterThan(10);
	expect(sent[303]).toBeGreaterThan(10);
	expect(sent[429]).toBeGreaterThan(0);

	const page = await request(server.url, 'GET', `/class/${session.id}/host`, {
		ip: SCHOOL_B,
		headers: { cookie: session.hostCookie }
	});
	expect(page.text).toContain('36 students');
	for (let i = 1; i <= 35; i++) expect(page.text).toContain(`>Student ${i}<`);
});

test('guessing limits still hold for strangers, and an IPv6 /64 counts as one address', async () => {
	test.setTimeout(60_000);
	const session = await hostSession(SCHOOL);

	// A stranger's wrong codes are cut off after the allowance; then even the right code waits,
	// since answering it would tell the stranger which code is live.
	for (let n = 0; n < 40; n++) {
		expect((await lookUp(server.url, wrongCode(session.code, 900 + n), STRANGER)).status).toBe(404);
	}
	expect((await lookUp(server.url, session.code, STRANGER)).status).toBe(429);

	// The same from a /64: each guess from another address in it, the right code from a third.
	const net = '2001:db8:5:6';
	for (let n = 0; n < 40; n++) {
		const status = (await lookUp(server.url, wrongCode(session.code, 2000 + n), `${net}::${n + 1}`))
			.status;
		expect(status).toBe(404);
	}
	expect((await lookUp(server.url, session.code, `${net}:ab:cd:ef:1`)).status).toBe(429);
	// The next /64 is another network.
	expect((await lookUp(server.url, session.code, '2001:db8:5:7::1')).id).toBe(session.id);

	// Once a seat of this class is at the stranger's address, its right code passes there even
	// with the allowance spent; the code of a class elsewhere still waits, so the address learns
	// nothing about other classes' codes.
	const elsewhere = await hostSession('192.0.2.99');
	await join(server.url, session.id, 'Visitor', STRANGER);
	expect((await lookUp(server.url, session.code, STRANGER)).id).toBe(session.id);
	expect((await lookUp(server.url, elsewhere.code, STRANGER)).status).toBe(429);

	// Wrong host keys from a stranger are cut off too.
	const forged = {
		id: session.id,
		hostCookie: 'tt_host=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'
	};
	const statuses: number[] = [];
	for (let n = 0; n < 21; n++)
		statuses.push((await hostCommand(forged, { command: 'end' }, STRANGER)).status);
	expect(statuses.slice(0, 20).every((status) => status === 403)).toBe(true);
	expect(statuses[20]).toBe(429);
});

test('a seat keeps at most three event streams; the oldest are told why they end', async () => {
	const session = await hostSession('192.0.2.120');
	const cookie = await join(server.url, session.id, 'Ada', '192.0.2.120');
	const ends: string[][] = [];
	// Opened one after another, each once the one before has its first state.
	const streams: Array<{ close(): void }> = [];
	for (let i = 0; i < 5; i++) {
		const names: string[] = [];
		ends.push(names);
		streams.push(
			events(server.url, `/class/${session.id}/events`, cookie, (name) => names.push(name), {
				ip: '192.0.2.120'
			})
		);
		await expect.poll(() => names.includes('state')).toBe(true);
	}
	try {
		await expect
			.poll(() => ends.slice(0, 2).map((names) => names.at(-1)))
			.toEqual(['elsewhere', 'elsewhere']);
		await hostCommand(session, { command: 'start' }, '192.0.2.120');
		// The three newest carry on: each gets the round opening.
		await expect
			.poll(() => ends.slice(2).map((names) => names.filter((name) => name === 'state').length))
			.toEqual([2, 2, 2]);
	} finally {
		for (const stream of streams) stream.close();
	}
});
