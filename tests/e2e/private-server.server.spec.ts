import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SPARE_PORT_BASE } from './support/ports.js';
import { startServer } from './support/server';
import { postVerdict } from './support/verdicts';

/**
 * What the server keeps to itself: its data files (private whatever the umask), the answer to a
 * round (not recoverable from the addresses of earlier runs), host pages (never cached), and a
 * server without a pack says so instead of failing.
 */

const FORM = 'application/x-www-form-urlencoded';
const mode = (file: string) => statSync(file).mode & 0o777;

/** Starts a Quick play run over HTTP, as the play form does without JavaScript; its id. */
async function startRun(url: string): Promise<string> {
	const response = await fetch(`${url}/play?/start`, {
		method: 'POST',
		headers: { origin: url, accept: 'text/html', 'content-type': FORM },
		body: 'mode=pairs&count=10&difficulty=any',
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	return response.headers.get('location')!.split('/').pop()!;
}

/** The media addresses a round page makes the browser fetch. */
function mediaIn(html: string): string[] {
	return [...new Set([...html.matchAll(/\/(?:media|packs)\/[^"'\s,)]+/g)].map((m) => m[0]))].filter(
		(address) => !address.endsWith('.json')
	);
}

test('the data directory is 0700 and every file in it 0600 after start-up under umask 022', async () => {
	const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'telltale-modes-')), 'data');
	const server = await startServer({ port: SPARE_PORT_BASE + 22, dataDir, umask: '022' });
	try {
		// A run served, so the database has written its WAL.
		const runId = await startRun(server.url);
		await fetch(`${server.url}/play/${runId}`);
		const files = readdirSync(dataDir, { recursive: true, withFileTypes: true });
		const names = files.map((entry) =>
			path.relative(dataDir, path.join(entry.parentPath, entry.name))
		);
		expect(names).toEqual(
			expect.arrayContaining([
				'telltale.sqlite',
				'telltale.sqlite-wal',
				'telltale.sqlite-shm',
				'signing-secret'
			])
		);
		expect(mode(dataDir)).toBe(0o700);
		for (const entry of files) {
			const file = path.join(entry.parentPath, entry.name);
			expect([file, mode(file)]).toEqual([file, entry.isDirectory() ? 0o700 : 0o600]);
		}
	} finally {
		await server.stop();
	}
});

test('addresses and reveals collected over six runs predict nothing about the next run', async () => {
	test.setTimeout(120_000);
	const server = await startServer({
		port: SPARE_PORT_BASE + 23,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-harvest-'))
	});
	const { url } = server;
	try {
		/** The answer each address's round had, as the reveal said. */
		const known = new Map<string, string>();
		/** Which picture (by its bytes) each address showed, to see items come back. */
		const pictureOf = new Map<string, string>();
		const fingerprint = async (address: string) =>
			createHash('sha256')
				.update(new Uint8Array(await (await fetch(`${url}${address}`)).arrayBuffer()))
				.digest('hex');

		const play = async (record: boolean) => {
			const runId = await startRun(url);
			const rounds: Array<{ addresses: string[]; answer: string }> = [];
			for (let round = 0; round < 10; round++) {
				const page = await fetch(`${url}/play/${runId}`);
				const addresses = mediaIn(await page.text());
				expect(addresses.length).toBeGreaterThan(0);
				// Only addresses made for this run: no public path of a pack file.
				for (const address of addresses) expect(address).toMatch(new RegExp(`^/media/r/${runId}/`));
				const verdict = await postVerdict(url, runId, { round, answer: 'left', confidence: 0.7 });
				const { reveal } = verdict.outcome!;
				rounds.push({ addresses, answer: reveal.answer });
				for (const address of addresses) {
					pictureOf.set(address, await fingerprint(address));
					if (record) known.set(address, reveal.answer);
				}
			}
			return rounds;
		};

		for (let run = 0; run < 6; run++) await play(true);
		const fresh = await play(false);

		// The harvester's best use of what it collected: answer a round as the round with one of
		// its addresses was answered. It never gets to, so it can only guess.
		const predicted = fresh.filter((round) =>
			round.addresses.some((address) => known.has(address))
		);
		expect(predicted).toEqual([]);

		// Not because the new run showed new pictures: the same pictures came back, at new addresses.
		const seenPictures = new Set([...known.keys()].map((address) => pictureOf.get(address)));
		const repeats = fresh
			.flatMap((round) => round.addresses)
			.filter((address) => seenPictures.has(pictureOf.get(address)));
		expect(repeats.length).toBeGreaterThan(0);

		// Nor does a response say which file it is: no validator to match across runs.
		const sample = await fetch(`${url}${fresh[0].addresses[0]}`);
		expect(sample.headers.get('etag')).toBeNull();
		expect(sample.headers.get('last-modified')).toBeNull();
		expect(sample.headers.get('cache-control')).toMatch(/^private\b/);
		// Video and voices seek with byte ranges.
		const range = await fetch(`${url}${fresh[0].addresses[0]}`, {
			headers: { range: 'bytes=0-9' }
		});
		expect(range.status).toBe(206);
		expect((await range.arrayBuffer()).byteLength).toBe(10);
	} finally {
		await server.stop();
	}
});

test('host pages, the host link and the host-key page are never stored by a cache', async () => {
	const server = await startServer({
		port: SPARE_PORT_BASE + 23,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-nostore-'))
	});
	const { url } = server;
	try {
		const hosted = await fetch(`${url}/host`, {
			method: 'POST',
			headers: { origin: url, accept: 'text/html', 'content-type': FORM },
			body: 'packId=default',
			redirect: 'manual'
		});
		const hostPage = hosted.headers.get('location')!;
		const cookie = hosted.headers.get('set-cookie')!.split(';')[0];
		const id = hostPage.split('/')[2];
		for (const page of [
			hostPage,
			`${hostPage}/report`,
			`${hostPage}/summary.csv`,
			`${hostPage}/link`,
			`/class/${id}/claim`
		]) {
			const response = await fetch(`${url}${page}`, { headers: { cookie } });
			expect([page, response.status]).toEqual([page, 200]);
			expect([page, response.headers.get('cache-control')]).toEqual([page, 'no-store']);
		}
		// The host key itself is only in the host-link answer (asked for on purpose), never in the
		// page that is on the projector.
		const html = await (await fetch(`${url}${hostPage}`, { headers: { cookie } })).text();
		expect(html).not.toContain(cookie.split('=')[1]);
		const link = await (await fetch(`${url}${hostPage}/link`, { headers: { cookie } })).json();
		expect(link.link).toContain(cookie.split('=')[1]);
	} finally {
		await server.stop();
	}
});

test('a server with no valid pack says so on every page that needs one, never a 500', async () => {
	const empty = mkdtempSync(path.join(tmpdir(), 'telltale-nopacks-'));
	mkdirSync(path.join(empty, 'broken'));
	const server = await startServer({
		port: SPARE_PORT_BASE + 24,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-nopack-data-')),
		env: { PACKS_DIR: empty }
	});
	const { url } = server;
	try {
		for (const page of ['/', '/play', '/learn', '/about', '/host', '/join', '/play/offline']) {
			const response = await fetch(`${url}${page}`);
			expect([page, response.status]).toEqual([page, 200]);
			if (['/play', '/learn'].includes(page))
				expect(await response.text()).toContain('Nothing to play yet');
			if (page === '/host')
				expect(await response.text()).toContain('No pack is available on this server');
		}
		expect((await fetch(`${url}/packs/default/practice.json`)).status).toBe(404);
		const start = await fetch(`${url}/play?/start`, {
			method: 'POST',
			headers: { origin: url, accept: 'text/html', 'content-type': FORM },
			body: 'mode=pairs',
			redirect: 'manual'
		});
		expect(start.status).toBe(400);
		const hosted = await fetch(`${url}/host`, {
			method: 'POST',
			headers: { origin: url, accept: 'text/html', 'content-type': FORM },
			body: 'packId=default',
			redirect: 'manual'
		});
		expect(hosted.status).toBe(400);
		// The log says why.
		expect(server.log()).toContain(`no valid pack in ${empty}`);
		expect(server.log()).toContain(`skipped the pack in ${path.join(empty, 'broken')}`);
		expect(server.log()).not.toMatch(/^\s+at /m);
	} finally {
		await server.stop();
	}
});
