import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sharedRun } from './share-helpers';
import { test, expect } from './support/fixtures';
import { startServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

test('a score link stays valid, and still starts a challenge, after a restart purged its expired run', async ({
	playwright
}) => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-share-restart-'));
	const port = SPARE_PORT_BASE + 20;
	const first = await startServer({ port, dataDir });
	let link: Awaited<ReturnType<typeof sharedRun>>;
	try {
		const request = await playwright.request.newContext({ baseURL: first.url });
		link = await sharedRun(request, first.url);
		await request.dispose();
	} finally {
		await first.stop();
	}

	// Last played long before RUN_TTL_DAYS (30 by default), as if the server had been off for months.
	const file = path.join(dataDir, 'telltale.sqlite');
	const db = new Database(file);
	expect(db.prepare('UPDATE runs SET active_at = 0 WHERE id = ?').run(link.runId).changes).toBe(1);
	db.close();

	const second = await startServer({ port, dataDir });
	try {
		// Purged at start-up, before any request asked for it, with its rounds and verdicts.
		const after = new Database(file, { readonly: true });
		for (const [table, column] of [
			['runs', 'id'],
			['run_rounds', 'run_id'],
			['run_verdicts', 'run_id']
		]) {
			const { n } = after
				.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`)
				.get(link.runId) as { n: number };
			expect(n, table).toBe(0);
		}
		after.close();

		// Links are stateless: verifying one needs only the signing key, not the run's record.
		const request = await playwright.request.newContext({ baseURL: second.url });
		const page = await request.get(`/s/${link.code}`);
		expect(page.status()).toBe(200);
		expect(await page.text()).toContain('Verified score');
		const card = await request.get(`/s/${link.code}/card.png`);
		expect(card.status()).toBe(200);
		expect(card.headers()['content-type']).toBe('image/png');
		// The run itself is gone, so it has no code to hand out any more, and its pages say why.
		expect((await request.get(`/api/share/runs/${link.runId}`)).status()).toBe(404);
		const results = await request.get(`/play/${link.runId}/results`);
		expect(results.status()).toBe(404);
		expect(await results.text()).toContain('Games are deleted 30 days after they were last played');
		// Play the same rounds needs only the code: a new run with the same rounds starts.
		const challenge = await request.post(`/s/${link.code}?/challenge`, {
			form: {},
			headers: { origin: second.url, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(challenge.status()).toBe(303);
		const runId = challenge.headers()['location'].split('/').pop()!;
		expect(runId).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect((await request.get(`/play/${runId}`)).status()).toBe(200);
		await request.dispose();
	} finally {
		await second.stop();
	}
});
