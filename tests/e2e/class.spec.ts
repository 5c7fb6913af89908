import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import QRCode from 'qrcode';
import { reachableOrigins } from '../../src/lib/server/http/addresses.js';
import { playedAudio, recordPlayedAudio } from './support/audio';
import { test, expect, gotoHydrated } from './support/fixtures';
import { answerOnPhone, joinByCode, phonePage } from './class-helpers';

/**
 * A whole class session as it happens in a room: the host on a desktop (the projector), three
 * students on phone-sized screens joining by code and by the QR code's URL, answering, one phone
 * reloading mid-round, the reveal, the report and its CSV.
 */

test.skip(({ isMobile }) => isMobile, 'the host screen is the desktop; phones are made inside');

interface Phone {
	context: BrowserContext;
	page: Page;
	/** Requests that left the app's origin (there must be none). */
	foreign: string[];
	/** Event streams the page opened (one per page load: a second is a reconnect or a bug). */
	streams: string[];
}

/** Records the class event streams a page opens (the seat's or the host's). */
function recordStreams(page: Page): string[] {
	const streams: string[] = [];
	page.on('request', (request) => {
		if (/\/class\/[\w-]+\/(host\/)?events$/.test(new URL(request.url()).pathname)) {
			streams.push(request.url());
		}
	});
	return streams;
}

async function phone(browser: Browser, baseURL: string): Promise<Phone> {
	const page = await phonePage(browser, baseURL);
	const foreign: string[] = [];
	page.on('request', (request) => {
		if (!request.url().startsWith(baseURL) && !request.url().startsWith('data:')) {
			foreign.push(request.url());
		}
	});
	return { context: page.context(), page, foreign, streams: recordStreams(page) };
}

async function createSession(
	page: Page,
	choices: { rounds: number; timer?: string; leaderboard?: boolean }
) {
	await gotoHydrated(page, '/host');
	await page.getByLabel('Rounds', { exact: true }).fill(String(choices.rounds));
	await page.getByRole('radio', { name: choices.timer ?? 'No timer' }).check();
	if (choices.leaderboard) await page.getByLabel('Show a leaderboard').check();
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	await page.locator('body[data-hydrated="true"]').waitFor();
	const code = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '');
	expect(code).toMatch(/^\d{6}$/);
	return code;
}

test('a host and three phones play a whole session', async ({ page: host, browser, baseURL }) => {
	test.setTimeout(120_000);
	const hostStreams = recordStreams(host);
	const code = await createSession(host, { rounds: 2 });

	// The QR code holds the short URL shown beside it: on this computer's network address, since
	// the host opened a loopback address that phones cannot reach.
	const [reachable] = reachableOrigins({ requestOrigin: baseURL! });
	const joinUrl = `${reachable}/j/${code}`;
	await expect(host.getByText(`/j/${code}`).first()).toBeVisible();
	const expectedQr = await QRCode.toString(joinUrl, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2
	});
	const qrPath = (svg: string) => /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
	const shownQr = await host.getByTestId('join-qr').innerHTML();
	expect(qrPath(shownQr)).toBeTruthy();
	expect(qrPath(shownQr)).toBe(qrPath(expectedQr));

	const ada = await phone(browser, baseURL!);
	const scanner = await phone(browser, baseURL!);
	const cy = await phone(browser, baseURL!);
	await joinByCode(ada.page, code, 'Ada');
	// The scanned QR code: straight to the nickname form; this student lets the game pick a name.
	await gotoHydrated(scanner.page, `/j/${code}`);
	await scanner.page.getByRole('button', { name: 'Give me a random name' }).click();
	await expect(scanner.page.getByRole('heading', { name: "You're in!" })).toBeVisible();
	const generated = await scanner.page.getByTestId('nickname').innerText();
	expect(generated).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+/);
	await joinByCode(cy.page, code, 'Cy');
	// Names must be unique in the class.
	const copycat = await phone(browser, baseURL!);
	await gotoHydrated(copycat.page, `/j/${code}`);
	await copycat.page.getByLabel('Nickname').fill('ada');
	await copycat.page.getByRole('button', { name: 'Join with this name' }).click();
	await expect(copycat.page.getByRole('alert')).toContainText('already has that nickname');
	await copycat.context.close();

	await expect(host.getByRole('heading', { name: '3 students' })).toBeVisible();
	for (const name of ['Ada', generated, 'Cy']) {
		await expect(host.getByRole('list', { name: 'Who has joined' }).getByText(name)).toBeVisible();
	}
	await host.getByRole('button', { name: /^Start/ }).click();

	for (let round = 1; round <= 2; round++) {
		await expect(host.getByText(`Round ${round} of 2`)).toBeVisible();
		await expect(host.getByTestId('answered-count')).toHaveText('0 of 3 answered');
		for (const student of [ada, scanner, cy]) {
			await expect(student.page.getByText(`Round ${round} of 2`)).toBeVisible();
		}
		await answerOnPhone(ada.page, 0);
		if (round === 1) {
			// Ada's phone reloads mid-round: same seat, her answer still there, no second verdict.
			const before = await ada.page.getByTestId('saved').innerText();
			await ada.page.reload();
			await ada.page.locator('body[data-hydrated="true"]').waitFor();
			await expect(ada.page.getByTestId('nickname')).toHaveText('Ada');
			await expect.poll(() => ada.page.getByTestId('saved').innerText()).toBe(before);
			await expect(ada.page.getByRole('radio')).toHaveCount(0);
		}
		await answerOnPhone(scanner.page, 1);
		await expect(host.getByTestId('answered-count')).toHaveText('2 of 3 answered');
		await answerOnPhone(cy.page, 0);
		await expect(host.getByTestId('answered-count')).toHaveText('3 of 3 answered');

		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(host.getByText(/How the class answered \(3 answers\)/)).toBeVisible();
		await expect(host.getByText('right answer')).toBeVisible();
		for (const student of [ada, scanner, cy]) {
			await expect(student.page.getByTestId('result')).toContainText(/Right!|Not this time/);
		}
		// Ada and Cy gave the same answer, the scanner the other one: exactly one side was right.
		const adaRight = (await ada.page.getByTestId('result').innerText()).includes('Right!');
		const scannerRight = (await scanner.page.getByTestId('result').innerText()).includes('Right!');
		expect(adaRight).not.toBe(scannerRight);
		await host.getByRole('button', { name: round === 2 ? 'Finish' : 'Next round' }).click();
	}

	await expect(host.getByRole('heading', { name: "That's the session!" })).toBeVisible();
	for (const student of [ada, scanner, cy]) {
		await expect(student.page.getByRole('heading', { name: /Session over/ })).toBeVisible();
	}
	// Each screen kept the one event stream it opened through every update: the host's and the
	// phones' (Ada's phone opened a second when it reloaded).
	expect(hostStreams).toHaveLength(1);
	expect(hostStreams[0]).toMatch(/\/host\/events$/);
	for (const student of [scanner, cy]) expect(student.streams).toHaveLength(1);
	expect(ada.streams).toHaveLength(2);

	await host.getByRole('link', { name: 'Show the class results' }).click();
	const students = host.getByTestId('students');
	for (const name of ['Ada', generated, 'Cy']) {
		await expect(students.getByRole('rowheader', { name })).toBeVisible();
	}
	await expect(host.getByTestId('items').getByRole('row')).toHaveCount(3);

	const [download] = await Promise.all([
		host.waitForEvent('download'),
		host.getByRole('link', { name: 'Download every answer (CSV)' }).click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8')
		.trim()
		.split('\r\n');
	expect(csv[0]).toMatch(/^session,round,part,/);
	// One row per verdict: three students, two rounds; Ada's reload added none.
	expect(csv).toHaveLength(1 + 6);
	expect(csv.filter((line) => line.includes(',Ada,'))).toHaveLength(2);

	for (const student of [ada, scanner, cy]) {
		expect(student.foreign).toEqual([]);
		await student.context.close();
	}
});

/** The seconds a countdown shows, from its accessible name ("17 seconds left"). */
async function secondsLeft(page: Page): Promise<number> {
	const label = await page.getByRole('timer').getAttribute('aria-label');
	return Number(/^(\d+) seconds? left$/.exec(label ?? '')?.[1] ?? NaN);
}

test('a timed round counts down on the big screen and the phones, closes at the deadline, and beeps', async ({
	page: host,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	await host.addInitScript(recordPlayedAudio);
	const code = await createSession(host, { rounds: 1, timer: '20 s' });
	const ada = await phone(browser, baseURL!);
	const bo = await phone(browser, baseURL!);
	for (const student of [ada, bo]) await student.context.addInitScript(recordPlayedAudio);
	await joinByCode(ada.page, code, 'Ada');
	await joinByCode(bo.page, code, 'Bo');
	const id = /\/class\/([\w-]+)$/.exec(bo.page.url())![1];

	await host.getByRole('button', { name: /^Start/ }).click();
	// The deadline as the server set it, from the host page's own data.
	const hostPage = await host.request.get(`/class/${id}/host`);
	const deadline = Number(/deadline:(\d{13})/.exec(await hostPage.text())?.[1]);
	expect(deadline).toBeGreaterThan(Date.now());

	// Every screen counts down (whatever second each shows first).
	for (const page of [host, ada.page, bo.page]) {
		const first = await secondsLeft(page);
		expect(first).toBeGreaterThan(5);
		expect(first).toBeLessThanOrEqual(20);
		await expect.poll(() => secondsLeft(page)).toBeLessThan(first);
	}
	// Ada answers in time; Bo picks a side but never says how sure (his taps unlock his sound).
	await answerOnPhone(ada.page, 0);
	await bo.page.getByRole('radio').first().check();
	await expect(host.getByTestId('answered-count')).toHaveText('1 of 2 answered');
	await expect(host.getByTestId('host-screen')).toHaveAttribute('data-phase', 'open');

	// The server closes the round at its deadline; every screen follows.
	await expect(host.getByTestId('host-screen')).toHaveAttribute('data-phase', 'closed', {
		timeout: deadline - Date.now() + 5_000
	});
	expect(Date.now()).toBeGreaterThanOrEqual(deadline);
	await expect(host.getByRole('timer')).toHaveCount(0);
	await expect(bo.page.getByText('No answer from you this round.')).toBeVisible();
	await expect(bo.page.getByRole('button', { name: /Fairly sure/ })).toHaveCount(0);
	await expect(ada.page.getByTestId('saved')).toBeVisible();
	// An answer the network held up still counts if it arrives within the grace after the
	// deadline (LATE_GRACE_MS, 10 s) and before the reveal; the server decides.
	const late = await bo.page.request.post(`/class/${id}/verdict`, {
		data: { round: 0, answer: 'left', confidence: 0.85 }
	});
	expect(late.status()).toBe(200);
	await expect(host.getByTestId('answered-count')).toHaveText('2 of 2 answered');

	// Time's up, out loud: on the projector, and on the phone that had not answered.
	await expect.poll(() => playedAudio(host)).toContain('/sounds/timeup.ogg');
	await expect.poll(() => playedAudio(bo.page)).toContain('/sounds/timeup.ogg');
	expect(await playedAudio(ada.page)).not.toContain('/sounds/timeup.ogg');
	for (const student of [ada, bo]) await student.context.close();
});

test('the host removes one student, blocks another after confirming, and can unblock', async ({
	page: host,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const code = await createSession(host, { rounds: 1 });
	const ada = await phone(browser, baseURL!);
	const bo = await phone(browser, baseURL!);
	await joinByCode(ada.page, code, 'Ada');
	await joinByCode(bo.page, code, 'Bo');
	// Managing students is a teacher tool, not on the projected lobby.
	await expect(host.getByRole('list', { name: 'Who has joined' }).getByText('Bo')).toBeVisible();
	await expect(host.getByRole('button', { name: 'Remove Ada', exact: true })).toHaveCount(0);
	await host.getByRole('button', { name: 'Teacher tools' }).click();
	const students = host.getByRole('dialog', { name: 'Teacher tools' }).getByRole('list', {
		name: 'Students'
	});
	await expect(students.getByText('Bo')).toBeVisible();

	// Remove: the phone is told, and may come back.
	await host.getByRole('button', { name: 'Remove Ada', exact: true }).click();
	await expect(ada.page.getByText('The host removed you from the session.')).toBeVisible();
	await expect(students.getByText('Ada')).toHaveCount(0);
	await ada.page.getByRole('link', { name: 'Join again' }).click();
	await expect(ada.page.getByText('You can join again with another nickname.')).toBeVisible();
	await ada.page.getByLabel('Nickname').fill('Ada');
	await ada.page.getByRole('button', { name: 'Join with this name' }).click();
	await expect(ada.page.getByRole('heading', { name: "You're in!" })).toBeVisible();
	await expect(students.getByText('Ada')).toBeVisible();

	// Block asks first; Escape or Cancel blocks nobody.
	const block = host.getByRole('button', { name: 'Remove Bo and block their device' });
	await block.click();
	const dialog = host.getByRole('dialog', { name: "Block Bo's device?" });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await host.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await block.click();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(students.getByText('Bo')).toBeVisible();
	await expect(bo.page.getByRole('heading', { name: "You're in!" })).toBeVisible();

	await block.click();
	await dialog.getByRole('button', { name: 'Yes, block' }).click();
	await expect(
		bo.page.getByText('The host has blocked this device from the session.')
	).toBeVisible();
	await expect(bo.page.getByRole('link', { name: 'Join again' })).toHaveCount(0);
	await expect(students.getByText('Bo')).toHaveCount(0);
	const blockedList = host.getByRole('list', { name: 'Blocked devices' });
	await expect(blockedList.getByText('Bo')).toBeVisible();
	// The device cannot come back, by reload or by the code.
	await bo.page.reload();
	await expect(
		bo.page.getByText('The host has blocked this device from the session.')
	).toBeVisible();
	await gotoHydrated(bo.page, `/j/${code}`);
	await expect(
		bo.page.getByText('The host has blocked this device from the session.')
	).toBeVisible();
	await expect(bo.page.getByLabel('Nickname')).toHaveCount(0);

	// Unblock: the device may join again.
	await host.getByRole('button', { name: "Unblock Bo's device" }).click();
	await expect(host.getByRole('status').filter({ hasText: 'Bo can join again.' })).toBeAttached();
	await expect(blockedList).toHaveCount(0);
	await bo.page.reload();
	await bo.page.locator('body[data-hydrated="true"]').waitFor();
	await bo.page.getByLabel('Nickname').fill('Bo');
	await bo.page.getByRole('button', { name: 'Join with this name' }).click();
	await expect(bo.page.getByRole('heading', { name: "You're in!" })).toBeVisible();
	await expect(students.getByText('Bo')).toBeVisible();
	await expect(host.getByRole('heading', { name: '2 students', exact: true })).toBeVisible();
	for (const student of [ada, bo]) {
		expect(student.foreign).toEqual([]);
		await student.context.close();
	}
});
