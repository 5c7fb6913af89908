/**
 * Several servers on one PostgreSQL (README: "Several servers"): a player whose requests reach a
 * different server each time plays one run to the end, its score link made by one server is
 * verified by the other, and a teacher pack made on one opens on the other. The servers have
 * separate data folders, so only the database and the signing key it keeps are shared.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { answerRound, quickPlay } from './solo-helpers';
import { test, expect, waitForReady } from './support/fixtures';
import { startServer, type TestServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';
import { startPostgres, type ThrowawayPostgres } from '../support/postgres';
import { postgresSkipped } from '../support/engines';

test.skip(postgresSkipped() !== null, `PostgreSQL cannot start here: ${postgresSkipped()}`);

test('two servers on one PostgreSQL share runs, score links and teacher packs', async ({
	browser
}) => {
	test.setTimeout(180_000);
	let database: ThrowawayPostgres | undefined;
	const servers: TestServer[] = [];
	try {
		database = await startPostgres();
		for (const port of [SPARE_PORT_BASE + 30, SPARE_PORT_BASE + 31]) {
			const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-several-'));
			servers.push(await startServer({ port, dataDir, env: { DATABASE_URL: database.url } }));
		}
		const [a, b] = servers;
		const context = await browser.newContext({ baseURL: a.url });
		const page = await context.newPage();

		// Each round's page comes from the other server, as a load balancer may send it.
		await quickPlay(page);
		const runId = new URL(page.url()).pathname.split('/').pop()!;
		let rounds = 0;
		for (;;) {
			await page.goto(`${servers[rounds % 2].url}/play/${runId}`);
			await waitForReady(page);
			if (new URL(page.url()).pathname.endsWith('/results')) break;
			await answerRound(page, rounds, (rounds % 2) as 0 | 1);
			rounds++;
		}
		expect(rounds).toBeGreaterThan(1);
		await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();

		// Signed by one server, verified by the other: they share the key kept in the database.
		const link = (await (await fetch(`${a.url}/api/share/runs/${runId}`)).json()) as {
			code: string;
		};
		await page.goto(`${b.url}/s/${link.code}`);
		await expect(page.getByText('Verified score')).toBeVisible();

		// A teacher pack made on one server opens in its editor on the other.
		await page.goto(`${b.url}/packs/new`);
		await waitForReady(page);
		await page.getByLabel('Title of the pack').fill('Shared between servers');
		await page.getByRole('button', { name: 'Create the pack' }).click();
		await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/);
		const editor = new URL(page.url()).pathname;
		await page.goto(`${a.url}${editor}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Edit: Shared between servers'
		);
		await context.close();

		for (const server of servers) {
			const health = await (await fetch(`${server.url}/healthz`)).json();
			expect(health.postgres).toMatchObject({ ok: true });
		}
	} finally {
		for (const server of servers) await server.stop();
		database?.stop();
	}
});
