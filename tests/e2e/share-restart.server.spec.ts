import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sharedRun } from './share-helpers';
import { test, expect } from './support/fixtures';
import { startServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

test('a score link stays valid across a restart, even with the run gone from the database', async ({
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

	// Links are stateless: verifying one needs only the signing key, not the run's record.
	const db = new Database(path.join(dataDir, 'telltale.sqlite'));
	db.pragma('foreign_keys = ON');
	expect(db.prepare('DELETE FROM runs WHERE id = ?').run(link.runId).changes).toBe(1);
	db.close();

	const second = await startServer({ port, dataDir });
	try {
		const request = await playwright.request.newContext({ baseURL: second.url });
		const page = await request.get(`/s/${link.code}`);
		expect(page.status()).toBe(200);
		expect(await page.text()).toContain('Verified score');
		const card = await request.get(`/s/${link.code}/card.png`);
		expect(card.status()).toBe(200);
		expect(card.headers()['content-type']).toBe('image/png');
		// The run itself is gone, so it has no code to hand out any more.
		expect((await request.get(`/api/share/runs/${link.runId}`)).status()).toBe(404);
		await request.dispose();
	} finally {
		await second.stop();
	}
});
