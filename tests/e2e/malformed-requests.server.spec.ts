import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { m } from '../../src/lib/paraglide/messages.js';
import { mulberry32 } from '../../src/lib/game/play/random';
import { SPARE_PORT_BASE } from './support/ports.js';
import { startServer, type TestServer } from './support/server';
import { postVerdict } from './support/verdicts';

/**
 * A bounded fuzz of every route and form action: a few hundred malformed requests (wrong or
 * missing content types, broken multipart, invalid UTF-8, bad JSON, oversized bodies, path
 * tricks, wrong methods, and seeded random ones). None may answer 5xx; each answers in its
 * endpoint's own format; and a client's mistake costs the log one line, not a stack trace.
 */

let server: TestServer;
let url: string;
let runId: string;
/** A run still being played: its verdict form reads the body before anything else. */
let openRunId: string;
let sessionId: string;
let hostCookie: string;
let shareCode: string;

interface Probe {
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
	/** The endpoint answers JSON. */
	json?: boolean;
	/** The form error this probe must show (the action reads its body first). */
	formError?: string;
}

async function send(probe: Probe): Promise<{ status: number; type: string; text: string }> {
	const response = await fetch(`${url}${probe.path}`, {
		method: probe.method,
		headers: { origin: url, accept: 'text/html', ...probe.headers },
		body: typeof probe.body === 'string' || !probe.body ? probe.body : Buffer.from(probe.body),
		redirect: 'manual'
	});
	return {
		status: response.status,
		type: response.headers.get('content-type') ?? '',
		text: await response.text()
	};
}

const FORM = 'application/x-www-form-urlencoded';

/** Bodies that are not a readable form, each with the content type it claims. */
function unreadableForms(): Array<{
	name: string;
	headers: Record<string, string>;
	body: string | Uint8Array;
}> {
	return [
		{ name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: 'code=1' },
		{
			name: 'multipart without boundary',
			headers: { 'content-type': 'multipart/form-data' },
			body: 'code=1'
		},
		{
			name: 'multipart, garbage',
			headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
			body: '--xyz\r\nnot a part\r\n'
		},
		{
			name: 'multipart, cut short',
			headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
			body: '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\n12'
		}
	];
}

/** Bodies that are forms, but odd ones: the action must still answer 4xx or its redirect. */
function oddForms(): Array<{
	name: string;
	headers: Record<string, string>;
	body: string | Uint8Array;
}> {
	return [
		{ name: 'empty form', headers: { 'content-type': FORM }, body: '' },
		{
			name: 'invalid UTF-8 escapes',
			headers: { 'content-type': FORM },
			body: 'code=%ff%fe&nickname=%c3%28&mode=%80'
		},
		{
			name: 'raw invalid UTF-8',
			headers: { 'content-type': FORM },
			body: Uint8Array.from([0x63, 0x6f, 0x64, 0x65, 0x3d, 0xff, 0xfe, 0xc3, 0x28])
		},
		{
			name: 'NUL and odd values',
			headers: { 'content-type': FORM },
			body: 'mode=%00&count=-1&difficulty=NaN&round=1e309&confidence=Infinity&answer=%00&key=%00&confirm=no&nickname=%00'
		},
		{
			name: 'one field many times',
			headers: { 'content-type': FORM },
			body: Array.from({ length: 2000 }, () => 'focus=eyes&kinds=image').join('&')
		},
		{
			name: 'a 200 KB field',
			headers: { 'content-type': FORM },
			body: `nickname=${'x'.repeat(200_000)}&code=${'9'.repeat(1000)}`
		},
		{
			name: 'over the body limit',
			headers: { 'content-type': FORM },
			body: `nickname=${'x'.repeat(600_000)}`
		},
		{
			name: 'JSON to a form action',
			headers: { 'content-type': 'application/json' },
			body: '{"code":"123456"}'
		},
		{ name: 'no content type', headers: {}, body: 'code=123456' }
	];
}

/** Bodies a JSON endpoint must refuse with a JSON problem. */
function badJson(): Array<{
	name: string;
	headers: Record<string, string>;
	body: string | Uint8Array;
}> {
	const deep = `${'['.repeat(1500)}${']'.repeat(1500)}`;
	return [
		{ name: 'no content type', headers: {}, body: '{"round":0}' },
		{ name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: '{"round":0}' },
		{ name: 'form', headers: { 'content-type': FORM }, body: 'round=0' },
		{ name: 'bad JSON', headers: { 'content-type': 'application/json' }, body: '{"round":' },
		{ name: 'empty', headers: { 'content-type': 'application/json' }, body: '' },
		{
			name: 'invalid UTF-8',
			headers: { 'content-type': 'application/json' },
			body: Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])
		},
		{
			name: 'too large',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ pad: 'x'.repeat(8000) })
		},
		{ name: 'an array', headers: { 'content-type': 'application/json' }, body: '[1,2,3]' },
		{ name: 'null', headers: { 'content-type': 'application/json' }, body: 'null' },
		{ name: 'deeply nested', headers: { 'content-type': 'application/json' }, body: deep },
		{
			name: 'wrong types',
			headers: { 'content-type': 'application/json' },
			body: '{"round":"0","answer":7,"confidence":"high","type":"start","seat":{}}'
		},
		{
			name: 'huge numbers',
			headers: { 'content-type': 'application/json' },
			body: '{"round":1e400,"answer":"left","confidence":1e-400}'
		}
	];
}

test.beforeAll(async () => {
	server = await startServer({
		port: SPARE_PORT_BASE + 21,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-fuzz-'))
	});
	url = server.url;
	const started = await fetch(`${url}/play?/start`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'mode=pairs&count=10&difficulty=any',
		redirect: 'manual'
	});
	runId = started.headers.get('location')!.split('/').pop()!;
	const open = await fetch(`${url}/play?/start`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'mode=pairs&count=10&difficulty=any',
		redirect: 'manual'
	});
	openRunId = open.headers.get('location')!.split('/').pop()!;
	await fetch(`${url}/play/${openRunId}`);
	const hosted = await fetch(`${url}/host`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'packId=default',
		redirect: 'manual'
	});
	sessionId = hosted.headers.get('location')!.split('/')[2];
	hostCookie = hosted.headers.get('set-cookie')!.split(';')[0];
	// A finished run's score link, for the score pages.
	for (let round = 0; round < 10; round++) {
		await fetch(`${url}/play/${runId}`);
		await postVerdict(url, runId, { round, answer: 'left', confidence: 0.7 });
	}
	shareCode = ((await (await fetch(`${url}/api/share/runs/${runId}`)).json()) as { code: string })
		.code;
	expect(runId).toMatch(/^[\w-]{22}$/);
	expect(sessionId).toMatch(/^[\w-]{16,64}$/);
	expect(shareCode.length).toBeGreaterThan(20);
});

test.afterAll(async () => {
	await server?.stop();
});

test('no malformed request gets a 5xx, each gets its endpoint’s format, and the log stays short', async () => {
	test.setTimeout(180_000);
	const unreadable = m.form_unreadable();
	const host = { cookie: hostCookie };
	const forms: Array<{ path: string; headers?: Record<string, string>; readsFirst: boolean }> = [
		{ path: '/play?/start', readsFirst: true },
		{ path: `/play/${openRunId}?/verdict`, readsFirst: true },
		// Finished or unknown runs: the page answers with its results redirect or its 404.
		{ path: `/play/${runId}?/verdict`, readsFirst: false },
		{ path: '/host', readsFirst: true },
		{ path: '/join', readsFirst: true },
		{ path: `/class/${sessionId}?/join`, readsFirst: true },
		{ path: `/class/${sessionId}/claim`, readsFirst: true },
		{ path: `/class/${sessionId}/host/report?/delete`, headers: host, readsFirst: true },
		{ path: `/class/${sessionId}/host/report?/delete`, readsFirst: false },
		{ path: `/s/${shareCode}?/challenge`, readsFirst: false },
		{ path: '/class/not-a-session-id-at-all?/join', readsFirst: false },
		{ path: '/play/AAAAAAAAAAAAAAAAAAAAAA?/verdict', readsFirst: false },
		{ path: '/play?/nope', readsFirst: false },
		{ path: '/learn', readsFirst: false }
	];
	const jsonEndpoints = [
		{ path: `/class/${sessionId}/verdict` },
		{ path: `/class/${sessionId}/host/command`, headers: host },
		{ path: `/class/${sessionId}/host/command` }
	];

	const probes: Probe[] = [];
	for (const form of forms) {
		for (const variant of unreadableForms()) {
			probes.push({
				method: 'POST',
				path: form.path,
				headers: { ...form.headers, ...variant.headers },
				body: variant.body,
				formError: form.readsFirst ? unreadable : undefined
			});
		}
		for (const variant of oddForms()) {
			probes.push({
				method: 'POST',
				path: form.path,
				headers: { ...form.headers, ...variant.headers },
				body: variant.body
			});
		}
	}
	for (const endpoint of jsonEndpoints) {
		for (const variant of badJson()) {
			probes.push({
				method: 'POST',
				path: endpoint.path,
				headers: { ...endpoint.headers, ...variant.headers },
				body: variant.body,
				json: true
			});
		}
	}
	const pages = [
		'/',
		'/play',
		'/learn',
		'/about',
		'/host',
		'/join',
		'/healthz',
		'/play/offline',
		`/play/${runId}`,
		`/play/${runId}/results`,
		`/play/${runId}?reveal=999`,
		`/play/${runId}?reveal=-1`,
		'/play/AAAAAAAAAAAAAAAAAAAAAA',
		'/play/%ff',
		'/play/..%2f..%2fetc%2fpasswd',
		`/s/${shareCode}`,
		`/s/${shareCode}/card.png`,
		`/s/${shareCode.slice(0, -1)}`,
		'/s/%00',
		`/s/${'A'.repeat(5000)}`,
		'/s/🎉',
		'/j/000000',
		'/j/abc',
		'/j/%ff',
		`/class/${sessionId}`,
		`/class/${sessionId}/claim`,
		`/class/${sessionId}/host`,
		`/class/${sessionId}/host/report`,
		`/class/${sessionId}/host/summary.csv`,
		`/class/${sessionId}/host/verdicts.csv`,
		'/class/x/host',
		'/class/%2e%2e/host',
		'/packs/default/practice.json',
		'/packs/%2e%2e/practice.json',
		'/packs/default/manifest.json',
		'/packs/../src/hooks.server.ts',
		`/media/r/${runId}/AAAAAAAAAAAAAAAAAAAAAA`,
		`/media/r/${runId}/%00`,
		'/media/x/y/z',
		`/media/c/${sessionId}/..%2f..%2fmanifest.json`,
		'/media/r/../../etc/passwd',
		'/api/share/runs/AAAAAAAAAAAAAAAAAAAAAA',
		`/api/share/runs/${runId}`,
		'/api/share/runs/x/open',
		'/%2e%2e/%2e%2e/etc/passwd',
		'//',
		'/learn?x=%ff%fe',
		`/${'a'.repeat(4000)}`,
		'/nope'
	];
	for (const page of pages) probes.push({ method: 'GET', path: page });
	for (const method of ['PUT', 'DELETE', 'PATCH']) {
		for (const page of ['/', '/play', `/play/${runId}`, '/healthz']) {
			probes.push({ method, path: page, headers: { 'content-type': FORM }, body: 'a=1' });
		}
	}
	// Seeded random requests: random targets, content types and bytes.
	// A deterministic generator, so a failure names the same requests on every run.
	const next = mulberry32(21);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const types = [
		'text/plain',
		FORM,
		'multipart/form-data; boundary=b',
		'application/json',
		'application/octet-stream',
		''
	];
	const targets = [
		...forms.map((form) => form.path),
		...jsonEndpoints.map((endpoint) => endpoint.path)
	];
	for (let i = 0; i < 120; i++) {
		const bytes = Uint8Array.from({ length: Math.floor(next() * 300) }, () =>
			Math.floor(next() * 256)
		);
		const type = pick(types);
		const target = pick(targets);
		probes.push({
			method: 'POST',
			path: target,
			headers: type ? { 'content-type': type } : {},
			body: bytes,
			json: jsonEndpoints.some((endpoint) => endpoint.path === target)
		});
	}
	expect(probes.length).toBeGreaterThan(300);

	const linesBefore = server.log().split('\n').length;
	const failures: string[] = [];
	for (const probe of probes) {
		const name = `${probe.method} ${probe.path.slice(0, 80)} ${JSON.stringify(probe.headers ?? {})}`;
		const { status, type, text } = await send(probe);
		if (status >= 500) failures.push(`${name} -> ${status}`);
		if (probe.json) {
			const body = type.startsWith('application/json') ? JSON.parse(text) : null;
			if (typeof body?.error !== 'string' && typeof body?.message !== 'string') {
				failures.push(`${name} -> ${status} not a JSON problem: ${type} ${text.slice(0, 80)}`);
			}
		}
		if (probe.formError) {
			if (status !== 400 || !type.startsWith('text/html') || !text.includes(probe.formError)) {
				failures.push(`${name} -> ${status} ${type} without the form's error`);
			}
		}
	}
	expect(failures).toEqual([]);

	const log = server
		.log()
		.split('\n')
		.slice(linesBefore - 1);
	expect(
		log.filter((line) => /^\s+at /.test(line)),
		'stack trace lines'
	).toEqual([]);
	expect(log.length).toBeLessThanOrEqual(probes.length);
});

test('bodies of no stated length, and over 512 KB except the editor’s uploads, are refused unread', async () => {
	/**
	 * Posts `size` bytes of form, with a Content-Length or chunked, and reads the answer. A body
	 * the server refuses unread is not sent: it answers from the headers and closes, and a client
	 * still sending would see the connection reset before the answer.
	 */
	const post = (address: string, size: number, chunked: boolean, refused: boolean) =>
		new Promise<{ status: number; text: string }>((resolve, reject) => {
			const request = http.request(`${url}${address}`, {
				// A connection of its own: a refusal closes it.
				agent: false,
				method: 'POST',
				headers: {
					origin: url,
					'content-type': FORM,
					...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': size })
				}
			});
			request.on('response', (response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => {
					resolve({ status: response.statusCode ?? 0, text });
					request.destroy();
				});
			});
			request.on('error', reject);
			if (refused) request.flushHeaders();
			else request.end(Buffer.alloc(size, 'a'));
		});
	const start = await post('/play?/start', 600 * 1024, false, true);
	expect(start).toEqual({ status: 413, text: 'The request body is too large.' });
	const chunked = await post('/zh-CN/play?/start', 100, true, true);
	expect(chunked).toEqual({
		status: 411,
		text: 'Send the length of the request body (Content-Length).'
	});
	// The editor takes uploads of up to 20 MB, of a stated length, in every language: these
	// reach the app, which answers for an editor link that does not exist.
	for (const address of ['/packs/edit/not-a-secret?/upload', '/zh-CN/packs/edit/not-a-secret']) {
		const upload = await post(address, 600 * 1024, false, false);
		expect(upload.text, address).not.toMatch(/too large|Content-Length/);
		expect([200, 404], address).toContain(upload.status);
		expect(await post(address, 100, true, true), address).toMatchObject({ status: 411 });
	}
});
