import { devices, type Browser, type Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { command, createSession, join, request, verdict } from '../bench/class-client.js';

/**
 * A class in a real room, seen from a phone: a network blip around an answer, students who try
 * look-alike or invisible names, and the teacher reading the report on a phone or on paper.
 */

test.skip(({ isMobile }) => isMobile, 'phones are made inside; the host is the desktop');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function phonePage(browser: Browser, baseURL: string): Promise<Page> {
	// A context cannot take a browser type; the rest of the device profile applies.
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, baseURL });
	return context.newPage();
}

async function hydrated(page: Page) {
	await page.locator('body[data-hydrated="true"]').waitFor();
}

/** A session of two untimed rounds of the default pack. */
function untimedSession(baseURL: string) {
	return createSession(baseURL, { packId: 'default', rounds: 2, timer: 0, mode: 'pairs' });
}

/**
 * Opens the session's host screen, or its page `at` (`/report`), in a browser page given the
 * host's cookie, as if it had created the session.
 */
async function openAsHost(
	page: Page,
	baseURL: string,
	session: { id: string; hostCookie: string },
	at = ''
) {
	const [name, value] = session.hostCookie.split('=');
	await page.context().addCookies([
		{
			name,
			value,
			domain: new URL(baseURL).hostname,
			path: `/class/${session.id}/host`,
			httpOnly: true
		}
	]);
	await page.goto(`/class/${session.id}/host${at}`);
	await hydrated(page);
}

async function joinOnPhone(page: Page, id: string, nickname: string) {
	await page.goto(`/class/${id}`);
	await hydrated(page);
	await page.getByLabel('Nickname').fill(nickname);
	await page.getByRole('button', { name: 'Join with this name' }).click();
}

test('an answer tapped during a 10 s network blip is sent when the phone is back, and counts', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const session = await createSession(baseURL!, {
		packId: 'default',
		rounds: 2,
		timer: 20,
		mode: 'pairs'
	});
	const phone = await phonePage(browser, baseURL!);
	await joinOnPhone(phone, session.id, 'Ada');
	await expect(phone.getByRole('heading', { name: "You're in!" })).toBeVisible();

	expect((await command(baseURL!, session, { command: 'start' })).status).toBe(200);
	const opened = Date.now();
	await expect(phone.getByText('Round 1 of 2')).toBeVisible();

	// Six seconds before the deadline the school wifi drops; the student answers anyway.
	await sleep(Math.max(0, opened + 14_000 - Date.now()));
	const offlineAt = Date.now();
	await phone.context().setOffline(true);
	await phone.getByRole('radio').first().check();
	await phone.getByRole('button', { name: /Certain/ }).click();
	expect(Date.now(), 'tapped before the deadline').toBeLessThan(opened + 19_000);
	await expect(phone.getByTestId('pending')).toContainText('Not received yet');
	await expect(phone.getByText(/No connection\. Your answer is kept on this phone/)).toBeVisible();
	await phone.screenshot({ path: test.info().outputPath('phone-pending.png') });

	// Ten seconds offline in all: the round's deadline passes in the middle of it.
	await sleep(Math.max(0, offlineAt + 10_000 - Date.now()));
	expect(Date.now()).toBeGreaterThan(opened + 20_000);
	await phone.context().setOffline(false);
	const back = Date.now();
	await expect(phone.getByTestId('saved')).toContainText('Received');
	const delay = Date.now() - back;
	test
		.info()
		.annotations.push({ type: 'answer received after reconnecting', description: `${delay} ms` });
	expect(delay).toBeLessThan(3000);

	// The server has it, for round 1, although it arrived after the deadline.
	const csv = await request(baseURL!, 'GET', `/class/${session.id}/host/verdicts.csv`, {
		headers: { cookie: session.hostCookie }
	});
	expect(csv.text.trim().split('\r\n')).toHaveLength(2);

	// The reveal shows the student's own result, not "You did not answer".
	expect((await command(baseURL!, session, { command: 'reveal', round: 0 })).status).toBe(200);
	await expect(phone.getByTestId('result')).toContainText(/Right!|Not this time/);
	await expect(phone.getByText('You did not answer this round.')).toHaveCount(0);
	await phone.context().close();
});

test('look-alike, invisible and stacked-accent nicknames are refused with the reason', async ({
	browser,
	baseURL,
	page
}) => {
	const session = await untimedSession(baseURL!);
	await join(baseURL!, session.id, 'Maria');
	const phone = await phonePage(browser, baseURL!);
	const refused: Array<[string, RegExp]> = [
		['M\u0430ria', /already has that nickname/], // Cyrillic а
		['MAR\u0406A', /already has that nickname/], // Ukrainian І
		['Mar\u034Fia', /invisible characters/],
		['Maria\u3164', /invisible characters/],
		['\u3164\u3164\u3164', /invisible characters/],
		['Ma' + '\u0301'.repeat(19) + 'ria', /too many accents/]
	];
	for (const [name, reason] of refused) {
		await joinOnPhone(phone, session.id, name);
		await expect(phone.getByRole('alert')).toContainText(reason);
	}
	// A different name is fine.
	await joinOnPhone(phone, session.id, 'Marta');
	await expect(phone.getByRole('heading', { name: "You're in!" })).toBeVisible();

	// The projector lists each name once, and no blank one.
	await openAsHost(page, baseURL!, session);
	await expect(page.getByText('Marta', { exact: true })).toBeVisible();
	await expect(page.getByText('Maria', { exact: true })).toHaveCount(1);
	await phone.context().close();
});

test('a join stored but never answered gets its own seat when sent again, not "taken" or a second seat', async ({
	browser,
	baseURL,
	page
}) => {
	const session = await untimedSession(baseURL!);
	/**
	 * The phone's next join reaches the server, which stores the seat, but its answer is lost
	 * on the way back: `lost` says how (a relay's 503 "moving", or the connection failing).
	 */
	async function loseNextAnswer(phone: Page, lost: 'moving' | 'failed') {
		await phone.route(
			'**/class/*/join',
			async (route) => {
				const stored = await route.fetch();
				expect(stored.status()).toBe(200);
				// The answer's seat cookie never reaches the phone.
				await phone.context().clearCookies();
				if (lost === 'failed') return route.abort('connectionreset');
				await route.fulfill({
					status: 503,
					headers: { 'content-type': 'application/json', 'retry-after': '1' },
					body: JSON.stringify({ error: 'moving', message: 'This class is moving.' })
				});
			},
			{ times: 1 }
		);
	}

	// The page sends the join again by itself after "moving".
	const ada = await phonePage(browser, baseURL!);
	await loseNextAnswer(ada, 'moving');
	await joinOnPhone(ada, session.id, 'Ada');
	await expect(ada.getByRole('heading', { name: "You're in!" })).toBeVisible();
	await expect(ada.getByTestId('nickname')).toHaveText('Ada');

	// The connection breaks: the student taps "Join" again.
	const bo = await phonePage(browser, baseURL!);
	await loseNextAnswer(bo, 'failed');
	await joinOnPhone(bo, session.id, 'Bo');
	await expect(bo.getByRole('alert')).toContainText('No connection to the class');
	await bo.getByRole('button', { name: 'Join with this name' }).click();
	await expect(bo.getByRole('heading', { name: "You're in!" })).toBeVisible();
	await expect(bo.getByTestId('nickname')).toHaveText('Bo');
	await bo.screenshot({ path: test.info().outputPath('phone-joined-again.png') });

	// Another phone still cannot take either name.
	const other = await phonePage(browser, baseURL!);
	for (const name of ['Ada', 'Bo']) {
		await joinOnPhone(other, session.id, name);
		await expect(other.getByRole('alert')).toContainText(/already has that nickname/);
	}

	// The projector lists each name once: no seat left behind offline.
	await openAsHost(page, baseURL!, session);
	for (const name of ['Ada', 'Bo']) {
		await expect(page.getByText(name, { exact: true })).toHaveCount(1);
	}
	await expect(page.getByText('2 students', { exact: true }).first()).toBeVisible();
	for (const phone of [ada, bo, other]) await phone.context().close();
});

test('a join without JavaScript, sent again by the browser, gets the seat it made, not "taken" or a second seat', async ({
	browser,
	baseURL,
	page
}) => {
	const session = await untimedSession(baseURL!);
	async function noScriptPhone(): Promise<Page> {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars
		const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
		const context = await browser.newContext({ ...pixel, baseURL, javaScriptEnabled: false });
		return context.newPage();
	}
	const attemptOf = (phone: Page) => phone.locator('input[name="attempt"]').inputValue();
	const isJoin = (url: URL) => url.pathname === `/class/${session.id}` && url.search === '?/join';

	// The join is stored, but its answer (and the seat cookie with it) is lost on the way back.
	const ada = await noScriptPhone();
	await ada.goto(`/class/${session.id}`);
	const key = await attemptOf(ada);
	expect(key).toMatch(/^[\w-]{22}$/);
	let sent:
		{ body: string; headers: Record<string, string>; status: number; cookie?: string } | undefined;
	const seatCookie = (headers: Record<string, string>) =>
		/(?:^|\n)tt_seat=([^;]+)/.exec(headers['set-cookie'] ?? '')?.[1];
	await ada.route(
		isJoin,
		async (route) => {
			const request = route.request();
			const stored = await route.fetch({ maxRedirects: 0 });
			sent = {
				body: request.postData()!,
				headers: request.headers(),
				status: stored.status(),
				cookie: seatCookie(stored.headers())
			};
			await ada.context().clearCookies();
			await route.abort('connectionreset');
		},
		{ times: 1 }
	);
	await ada.getByLabel('Nickname').fill('Ada');
	await ada.getByRole('button', { name: 'Join with this name' }).click();
	await expect.poll(() => sent).toBeDefined();
	expect(sent!.status).toBe(303);
	expect(sent!.cookie).toBeTruthy();
	expect(new URLSearchParams(sent!.body).get('attempt')).toBe(key);

	// The browser sends the same form again, as on a reload confirmed with "resend": the same
	// fields, and the same seat and cookie back, though no cookie went with it.
	const resent = await ada.request.post(`/class/${session.id}?/join`, {
		data: sent!.body,
		headers: {
			'content-type': sent!.headers['content-type'],
			origin: sent!.headers['origin'],
			accept: 'text/html'
		},
		maxRedirects: 0
	});
	expect(resent.status()).toBe(303);
	expect(seatCookie(resent.headers())).toBe(sent!.cookie);
	// A new tab of the same browser, which holds the cookie now (the first one may still be
	// showing the browser's own page for the connection that was cut).
	const seated = await ada.context().newPage();
	await seated.goto(`/class/${session.id}`);
	await expect(seated.getByRole('heading', { name: "You're in!" })).toBeVisible();
	await expect(seated.getByTestId('nickname')).toHaveText('Ada');
	await seated.screenshot({ path: test.info().outputPath('no-script-joined-again.png') });

	// Another phone renders its own form, with its own key: the name is taken.
	const bo = await noScriptPhone();
	await bo.goto(`/class/${session.id}`);
	const boKey = await attemptOf(bo);
	expect(boKey).not.toBe(key);
	await bo.getByLabel('Nickname').fill('Ada');
	await bo.getByRole('button', { name: 'Join with this name' }).click();
	await expect(bo.getByRole('alert')).toContainText(/already has that nickname/);
	await bo.screenshot({ path: test.info().outputPath('no-script-name-taken.png') });
	// The refused attempt is over: the form rendered again carries a new key, and takes a seat.
	expect(await attemptOf(bo)).not.toBe(boKey);
	await bo.getByLabel('Nickname').fill('Bo');
	await bo.getByRole('button', { name: 'Join with this name' }).click();
	await expect(bo.getByTestId('nickname')).toHaveText('Bo');

	// The projector lists each name once: no second seat for Ada.
	await openAsHost(page, baseURL!, session);
	for (const name of ['Ada', 'Bo']) {
		await expect(page.getByText(name, { exact: true })).toHaveCount(1);
	}
	await expect(page.getByText('2 students', { exact: true }).first()).toBeVisible();
	for (const phone of [ada, bo]) await phone.context().close();
});

test('the report fits a phone, prints without controls, and says why d′ is missing', async ({
	browser,
	baseURL
}) => {
	const session = await untimedSession(baseURL!);
	const seat = await join(baseURL!, session.id, 'Ada Lovelace-Byron');
	await command(baseURL!, session, { command: 'start' });
	for (const round of [0, 1]) {
		expect(
			(await verdict(baseURL!, session.id, seat, { round, answer: 'left', confidence: 0.75 }))
				.status
		).toBe(200);
		await command(baseURL!, session, { command: 'close', round });
		await command(baseURL!, session, { command: 'next', round });
	}

	const page = await phonePage(browser, baseURL!);
	await openAsHost(page, baseURL!, session, '/report');
	// Plural rules: one student, two rounds.
	await expect(page.getByText('2 of 2 rounds played, 1 student.')).toBeVisible();
	// Two answers are too few for d': no column, and the page says how many and why.
	await expect(page.getByTestId('sdt-min')).toContainText('from 10 answers on');
	await expect(page.getByTestId('students').getByRole('columnheader', { name: 'd′' })).toHaveCount(
		0
	);

	// Nothing wider than the phone: tables scroll inside their own boxes.
	const width = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		screen: window.innerWidth
	}));
	expect(width.page).toBeLessThanOrEqual(width.screen);
	await page.screenshot({ path: test.info().outputPath('report-phone.png'), fullPage: true });

	// On paper: the findings without the buttons and links that do nothing there.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('students')).toBeVisible();
	for (const name of ['Print the report', "Delete this session's data now"]) {
		await expect(page.getByRole('button', { name })).toBeHidden();
	}
	await expect(page.getByRole('link', { name: /Download/ }).first()).toBeHidden();
	await page.screenshot({ path: test.info().outputPath('report-print.png'), fullPage: true });
	await page.context().close();
});
