/**
 * Three app processes behind nginx on PostgreSQL and Redis, started by `npm run cluster`'s own
 * module (src/cluster/cluster.js) as README's "Several servers" runs them: a player's rounds are
 * answered through different processes, one process is killed (-9) mid-run and the player carries
 * on through nginx with every acknowledged verdict kept, a score link made through one process is
 * verified by each, a Redis restart during solo play loses nothing, and the run-start limit holds
 * across the processes. A class session is served by one process at a time, and carried on by
 * another from PostgreSQL when that one is killed. nginx's access log says which process served
 * each request.
 */
import { spawnSync } from 'node:child_process';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { answerRound, goOn, quickPlay } from './solo-helpers';
import { test, expect } from './support/fixtures';
import { E2E_PORT } from './support/ports.js';
import { startCluster, type Cluster } from '../../src/cluster/cluster.js';
import { postgresSkipped } from '../support/engines';
import { redisSkipped } from '../support/redis';

test.skip(postgresSkipped() !== null, `PostgreSQL cannot start here: ${postgresSkipped()}`);
test.skip(redisSkipped() !== null, `Redis cannot start here: ${redisSkipped()}`);
// As root, the cluster installs nginx itself; CI never skips.
const nginxMissing =
	!process.env.CI && process.getuid?.() !== 0 && spawnSync('nginx', ['-v']).status !== 0;
test.skip(nginxMissing, 'nginx is not installed');

/** New solo runs per address at once (README, "Limits"; RUN_STARTS in limits.ts). */
const RUN_START_BURST = 120;

/** The cluster's ports: nginx, then its processes, Redis and PostgreSQL (E2E_PORT + 27 to + 33). */
const CLUSTER_PORT = E2E_PORT + 27;

/**
 * The process (upstream address) that served each request matching `request`, from nginx's log,
 * and the ones nginx tried first and found down (it lists every one it tried).
 */
function servedBy(
	cluster: Cluster,
	request: RegExp
): { upstream: string; tried: string[]; status: number }[] {
	return cluster
		.accessLog()
		.split('\n')
		.flatMap((line) => {
			const match = /"([^"]*)" (\d{3}) (.+)$/.exec(line);
			if (!match || !request.test(match[1])) return [];
			const tried = match[3].split(', ');
			return [{ upstream: tried.pop()!, tried, status: Number(match[2]) }];
		});
}

/** How many verdicts PostgreSQL holds for the run. */
async function storedVerdicts(cluster: Cluster, runId: string): Promise<number> {
	const client = new pg.Client({ connectionString: cluster.databaseUrl });
	await client.connect();
	try {
		const { rows } = await client.query(
			'SELECT count(*)::int AS n FROM run_verdicts WHERE run_id = $1',
			[runId]
		);
		return rows[0].n as number;
	} finally {
		await client.end();
	}
}

/** Plays the run on screen to its results; `between(round)` runs after each reveal. */
async function playToResults(
	page: import('@playwright/test').Page,
	between: (round: number) => Promise<void> = async () => {}
): Promise<number> {
	let round = 0;
	for (;;) {
		await answerRound(page, round, (round % 2) as 0 | 1);
		await between(round);
		round++;
		const results = page.getByRole('link', { name: /^See your results/ });
		if (await results.isVisible()) {
			await results.click();
			await page.waitForURL(/\/results$/);
			return round;
		}
		await goOn(page);
	}
}

test('three processes behind nginx share solo runs, score links and limits, and survive a kill -9', async ({
	browser
}) => {
	test.setTimeout(300_000);
	let cluster: Cluster | undefined;
	try {
		const started = performance.now();
		cluster = await startCluster({ port: CLUSTER_PORT, host: '127.0.0.1', processes: 3 });
		test.info().annotations.push({
			type: 'cluster start',
			description: `${((performance.now() - started) / 1000).toFixed(1)} s`
		});
		const context = await browser.newContext({ baseURL: cluster.url });
		const page = await context.newPage();

		// A run whose rounds reach different processes; the first is killed after round 2.
		await quickPlay(page);
		const runId = new URL(page.url()).pathname.split('/').pop()!;
		const [killed, ...alive] = cluster.apps;
		const rounds = await playToResults(page, async (round) => {
			if (round === 1) await killed.kill();
		});
		await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
		// Every verdict the player saw revealed is stored: none lost with the killed process.
		expect(await storedVerdicts(cluster, runId)).toBe(rounds);
		const verdicts = servedBy(cluster, new RegExp(`^POST /play/${runId}\\?/verdict`));
		expect(verdicts).toHaveLength(rounds);
		expect(verdicts.every((verdict) => verdict.status === 200)).toBe(true);
		expect(new Set(verdicts.map((verdict) => verdict.upstream)).size).toBeGreaterThan(1);
		// After the kill no verdict was served by the dead process: nginx, finding it down, passed
		// them to the others.
		const afterKill = verdicts.slice(2).map((verdict) => verdict.upstream);
		expect(afterKill).not.toContain(`127.0.0.1:${killed.port}`);

		// A score link made through nginx is verified by every process, the restarted one too.
		await killed.start();
		const share = await fetch(`${cluster.url}/api/share/runs/${runId}`);
		const { code } = (await share.json()) as { code: string };
		for (const app of [killed, ...alive]) {
			const html = await (await fetch(`${app.url}/s/${code}`)).text();
			expect(html, `the score link on ${app.url}`).toContain('Verified score');
		}

		// Redis goes away as a run starts and comes back during it: solo play loses nothing.
		await cluster.redis!.kill();
		await quickPlay(page);
		const secondRun = new URL(page.url()).pathname.split('/').pop()!;
		const secondRounds = await playToResults(page, async (round) => {
			if (round === 0) await cluster!.redis!.start();
		});
		expect(await storedVerdicts(cluster, secondRun)).toBe(secondRounds);
		const logs = cluster.apps.map((app) => readLog(app.logFile)).join('\n');
		expect(logs).toContain('Redis did not answer');
		await context.close();

		// The run-start allowance of one address is one across the processes (Redis restarted
		// empty, so it is whole): N processes do not allow N times as much.
		const exhausting = performance.now();
		let allowed = 0;
		let refusal: Response | undefined;
		while (!refusal && allowed <= RUN_START_BURST * 3) {
			const response = await fetch(`${cluster.url}/play?/start`, {
				method: 'POST',
				// As a browser posts the play form (no JavaScript): a 303 to the run, or the page
				// with 429 and the sentence.
				headers: {
					Accept: 'text/html',
					Origin: cluster.url,
					'Content-Type': 'application/x-www-form-urlencoded'
				},
				body: 'mode=pairs',
				redirect: 'manual'
			});
			if (response.status === 429) refusal = response;
			else {
				expect(response.status, await response.text()).toBeLessThan(400);
				allowed++;
			}
		}
		// The burst, and the one start every 2 s that refilled while the loop ran; one process's
		// own allowance would have let three bursts through.
		const refilled = Math.ceil((performance.now() - exhausting) / 1000 / 2);
		expect(allowed).toBeGreaterThanOrEqual(RUN_START_BURST);
		expect(allowed).toBeLessThanOrEqual(RUN_START_BURST + refilled);
		expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refusal!.text()).toMatch(/Many runs have started from your network just now/);
		const starts = servedBy(cluster, /^POST \/play\?\/start/);
		expect(new Set(starts.map((start) => start.upstream)).size).toBe(3);
	} finally {
		await cluster?.stop();
	}
});

test('a class is carried on by another process when the one serving it is killed', async () => {
	test.setTimeout(300_000);
	let cluster: Cluster | undefined;
	const devices: APIRequestContext[] = [];
	try {
		cluster = await startCluster({ port: CLUSTER_PORT, host: '127.0.0.1', processes: 3 });
		const origin = cluster.url;
		const device = async () => {
			const context = await playwrightRequest.newContext({ baseURL: origin });
			devices.push(context);
			return context;
		};
		const json = (client: APIRequestContext, path: string, body: unknown) =>
			client.post(path, {
				data: Buffer.from(JSON.stringify(body)),
				headers: { 'content-type': 'application/json' }
			});

		// A host makes a session and three students join, all through nginx.
		const host = await device();
		const setup = await host.get('/host');
		const packId = /<option value="([^"]+)"/.exec(await setup.text())![1];
		const created = await host.post('/host', {
			form: { packId, rounds: '3', timer: '0', mode: 'pairs' },
			headers: { origin, accept: 'text/html' }
		});
		const id = /\/class\/([\w-]+)\/host$/.exec(created.url())?.[1];
		expect(id, await created.text()).toBeTruthy();
		const students = [];
		for (const nickname of ['Ada', 'Bo', 'Cy']) {
			const phone = await device();
			const joined = await phone.post(`/class/${id}?/join`, {
				form: { nickname },
				headers: { origin }
			});
			expect(joined.ok()).toBe(true);
			students.push(phone);
		}
		const [ada, bo, cy] = students;
		expect((await json(host, `/class/${id}/host/command`, { command: 'start' })).status()).toBe(
			200
		);
		for (const phone of [ada, bo]) {
			const answered = await json(phone, `/class/${id}/verdict`, {
				round: 0,
				answer: 'left',
				confidence: 0.7
			});
			expect(await answered.json()).toMatchObject({ ok: true, duplicate: false });
		}

		// Every request of the session went to one process; it is killed mid-round.
		const served = servedBy(cluster, new RegExp(`^\\w+ /class/${id}[/?]`));
		const owners = new Set(served.map((request) => request.upstream));
		expect(owners.size).toBe(1);
		const owner = cluster.apps.find((app) => owners.has(`127.0.0.1:${app.port}`))!;
		await owner.kill();

		// Another process takes the session from the database: the last student answers, the two
		// answers acknowledged before the kill are there, a replayed one is not counted twice.
		const late = await json(cy, `/class/${id}/verdict`, {
			round: 0,
			answer: 'right',
			confidence: 1
		});
		expect(await late.json()).toMatchObject({ ok: true, duplicate: false });
		const replayed = await json(ada, `/class/${id}/verdict`, {
			round: 0,
			answer: 'right',
			confidence: 1
		});
		expect(await replayed.json()).toMatchObject({
			ok: true,
			duplicate: true,
			verdict: { answer: 'left' }
		});
		for (const step of ['close', 'reveal'] as const) {
			const command = await json(host, `/class/${id}/host/command`, { command: step, round: 0 });
			expect(command.status(), await command.text()).toBe(200);
		}
		const csv = (await (await host.get(`/class/${id}/host/verdicts.csv`)).text())
			.trim()
			.split('\r\n');
		expect(
			csv
				.slice(1)
				.map((line) => line.split(',').find((cell) => /^(Ada|Bo|Cy)$/.test(cell)))
				.sort()
		).toEqual(['Ada', 'Bo', 'Cy']);
		const after = servedBy(cluster, new RegExp(`^\\w+ /class/${id}[/?]`)).slice(served.length);
		expect(after.every((request) => request.upstream !== `127.0.0.1:${owner.port}`)).toBe(true);
		expect(new Set(after.map((request) => request.upstream)).size).toBe(1);
	} finally {
		for (const context of devices) await context.dispose();
		await cluster?.stop();
	}
});

function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
