import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { devices, type Browser, type Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { startServer, type TestServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';
import { createSession, join, lookUp, request, verdict } from '../bench/class-client.js';

/**
 * The server is restarted in the middle of a class: every verdict it acknowledged must still be
 * there afterwards, and the host screen and the phones must carry on by themselves.
 */

const hydrated = (page: Page) => page.locator('body[data-hydrated="true"]').waitFor();

async function phonePage(browser: Browser, base: string) {
	// A context cannot take a browser type; the rest of the device profile applies.
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, baseURL: base });
	return context.newPage();
}

function verdictRows(dataDir: string) {
	const db = new Database(path.join(dataDir, 'telltale.sqlite'), { readonly: true });
	try {
		return db
			.prepare(
				`SELECT s.nickname AS nickname, v.round AS round, v.answer AS answer
				FROM class_verdicts v JOIN class_seats s ON s.session_id = v.session_id AND s.id = v.seat_id
				ORDER BY s.nickname, v.round`
			)
			.all() as Array<{ nickname: string; round: number; answer: string }>;
	} finally {
		db.close();
	}
}

test('a restart mid-session loses no acknowledged verdict and the session goes on', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-class-restart-'));
	// Not SPARE_PORT_BASE + 10: 4190 is on the Fetch standard's list of blocked ports (ManageSieve),
	// which both fetch() and Chromium refuse to connect to.
	const port = SPARE_PORT_BASE + 11;
	let server: TestServer = await startServer({ port, dataDir });
	const base = server.url;
	try {
		// The host creates the session in a browser, like a teacher.
		const hostContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const host = await hostContext.newPage();
		await host.goto(`${base}/host`);
		await hydrated(host);
		await host.getByLabel('Rounds', { exact: true }).fill('3');
		await host.getByRole('radio', { name: 'No timer' }).check();
		await host.getByRole('button', { name: 'Create the session' }).click();
		await host.waitForURL(/\/host$/);
		await hydrated(host);
		const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');
		const { id } = await lookUp(base, code);
		expect(id).toBeTruthy();

		// Two phones in browsers, twenty more over plain HTTP.
		const ada = await phonePage(browser, base);
		const bo = await phonePage(browser, base);
		for (const [page, name] of [
			[ada, 'Ada'],
			[bo, 'Bo']
		] as const) {
			await page.goto(`/j/${code}`);
			await hydrated(page);
			await page.getByLabel('Nickname').fill(name);
			await page.getByRole('button', { name: 'Join with this name' }).click();
			await expect(page.getByRole('heading', { name: "You're in!" })).toBeVisible();
		}
		const others = await Promise.all(
			Array.from({ length: 20 }, async (_, i) => ({
				nickname: `Student ${i + 1}`,
				cookie: await join(base, id!, `Student ${i + 1}`)
			}))
		);
		await expect(host.getByRole('heading', { name: '22 students' })).toBeVisible();
		await host.getByRole('button', { name: /^Start/ }).click();

		await expect(ada.getByText('Round 1 of 3')).toBeVisible();
		await ada.getByRole('radio').first().check();
		await ada.getByRole('button', { name: /Certain/ }).click();
		await expect(ada.getByTestId('saved')).toBeVisible();

		// Twenty verdicts in flight while the server shuts down: some are acknowledged, some not.
		const posted = others.map(async (student, i) => {
			const answer = i % 2 === 0 ? 'left' : 'right';
			try {
				const result = await verdict(base, id!, student.cookie, {
					round: 0,
					answer,
					confidence: 0.7
				});
				return result.status === 200 ? { ...student, answer } : null;
			} catch {
				return null;
			}
		});
		await server.stop();
		const acknowledged = (await Promise.all(posted)).filter((entry) => entry !== null);
		test.info().annotations.push({
			type: 'verdicts acknowledged before the restart',
			description: `${acknowledged.length} of ${others.length}`
		});

		server = await startServer({ port, dataDir });
		const rows = verdictRows(dataDir);
		expect(rows).toContainEqual({ nickname: 'Ada', round: 0, answer: expect.any(String) });
		for (const entry of acknowledged) {
			expect(rows).toContainEqual({ nickname: entry!.nickname, round: 0, answer: entry!.answer });
		}

		// The browsers reconnect by themselves and find the session where it was.
		const before = acknowledged.length + 1;
		await expect(host.getByTestId('answered-count')).toHaveText(`${before} of 22 answered`, {
			timeout: 30_000
		});
		await expect(ada.getByTestId('saved')).toBeVisible();
		await expect(bo.getByRole('radio').first()).toBeVisible({ timeout: 30_000 });

		// Phones whose verdict was lost in the shutdown send it again; answers already stored stay.
		for (const [i, student] of others.entries()) {
			const answer = i % 2 === 0 ? 'left' : 'right';
			const retry = await verdict(base, id!, student.cookie, { round: 0, answer, confidence: 0.7 });
			expect(retry.status).toBe(200);
			const stored = acknowledged.some((entry) => entry!.nickname === student.nickname);
			expect(retry.body.duplicate).toBe(stored);
		}
		await bo.getByRole('radio').first().check();
		await bo.getByRole('button', { name: /Leaning/ }).click();
		await expect(bo.getByTestId('saved')).toBeVisible();
		await expect(host.getByTestId('answered-count')).toHaveText('22 of 22 answered');

		// And the class goes on.
		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(ada.getByTestId('result')).toContainText(/Right!|Not this time/);
		await expect(bo.getByTestId('result')).toContainText(/Right!|Not this time/);
		await host.getByRole('button', { name: 'Next round' }).click();
		await expect(ada.getByText('Round 2 of 3')).toBeVisible();
		await ada.getByRole('radio').first().check();
		await ada.getByRole('button', { name: /Certain/ }).click();
		await expect(host.getByTestId('answered-count')).toHaveText('1 of 22 answered');

		const final = verdictRows(dataDir);
		expect(final.filter((row) => row.round === 0)).toHaveLength(22);
		expect(final.filter((row) => row.round === 1)).toEqual([
			{ nickname: 'Ada', round: 1, answer: expect.any(String) }
		]);
		await hostContext.close();
		await ada.context().close();
		await bo.context().close();
	} finally {
		await server.stop();
	}
});

test('join codes cannot be enumerated: wrong guesses are cut off per address', async () => {
	test.setTimeout(60_000);
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-class-codes-'));
	// Each request names its address (X-Forwarded-For), as behind a proxy, so two networks differ.
	const server = await startServer({
		port: SPARE_PORT_BASE + 12,
		dataDir,
		env: { ADDRESS_HEADER: 'x-forwarded-for' }
	});
	try {
		// The teacher is on another network than the guesser (127.0.0.1): a right code from the
		// class's own network passes whatever the count (see the class-room tests).
		const teacher = '192.0.2.200';
		const session = await createSession(
			server.url,
			{ packId: 'default', rounds: 3, timer: 0, mode: 'pairs' },
			teacher
		);
		const hostPage = await request(server.url, 'GET', `/class/${session.id}/host`, {
			ip: teacher,
			headers: { cookie: session.hostCookie }
		});
		const shown = /data-testid="join-code"[^>]*>(\d{3}) (\d{3})</.exec(hostPage.text)!;
		const code = shown[1] + shown[2];
		const wrong = (guess: number) => {
			const text = String(100000 + ((guess * 7919) % 900000));
			return text === code ? String(100000 + ((guess * 7919 + 1) % 900000)) : text;
		};
		// A class's worth of typos (40) is answered: "no class uses that code", with a 404.
		let guess = 0;
		for (; guess < 40; guess++) {
			const answer = await lookUp(server.url, wrong(guess));
			expect(answer.status, `guess ${guess + 1}`).toBe(404);
			expect(answer.text).toContain('No class uses that code');
		}
		// Then the address waits a few seconds per guess (a million codes: about 35 days), and
		// so does a right code: answering it would tell a guesser which code is live.
		const refused = await request(server.url, 'GET', `/j/${wrong(guess++)}`);
		expect(refused.status).toBe(429);
		const seconds = Number(refused.headers['retry-after']);
		expect(seconds).toBeGreaterThanOrEqual(1);
		expect(seconds).toBeLessThanOrEqual(3);
		expect(refused.text).toContain('Too many wrong codes');
		expect(refused.text).toMatch(/Wait [1-3] seconds?, then try again/);
		expect((await lookUp(server.url, code)).status).toBe(429);
		// Another network is not affected.
		expect((await lookUp(server.url, code, '192.0.2.7')).id).toBe(session.id);

		// A student who waits as told gets in.
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));
		expect((await lookUp(server.url, code)).id).toBe(session.id);
	} finally {
		await server.stop();
	}
});
