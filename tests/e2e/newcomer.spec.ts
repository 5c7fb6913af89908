import { devices, type Browser } from '@playwright/test';
import { lanAddresses } from '../../src/lib/server/http/addresses.js';
import { test, expect, gotoHydrated, waitForReady } from './support/fixtures';

/**
 * A newcomer's first minutes, on the server exactly as README starts it (`npm start`, no
 * settings: no ORIGIN, no proxy headers): every form works over plain http, with and without
 * JavaScript; a phone that is another device opens the link the host screen shows; a cross-site
 * post is still refused.
 */

/** Another device in the room. Tests send traffic to loopback only, so a second loopback
 * address (127.0.0.2) stands in for the phone's own; the server sees it as a different client. */
const OTHER_DEVICE = '127.0.0.2';

async function phoneAt(browser: Browser, javaScriptEnabled = true) {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, javaScriptEnabled });
	return { context, page: await context.newPage() };
}

for (const javaScriptEnabled of [true, false]) {
	const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

	test(`solo: start a run and answer a round, ${how}`, async ({ browser, baseURL }) => {
		const context = await browser.newContext({ baseURL, javaScriptEnabled });
		const page = await context.newPage();
		const refused: string[] = [];
		page.on('response', (r) => {
			if (r.status() === 403 || r.status() >= 500) refused.push(`${r.status()} ${r.url()}`);
		});
		if (javaScriptEnabled) await gotoHydrated(page, '/play');
		else await page.goto('/play');
		await page.getByRole('button', { name: 'Play now' }).click();
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
		await page.getByRole('radio').first().check();
		await page.getByRole('button', { name: /Fairly sure/ }).click();
		await expect(
			page.getByRole('heading', { level: 2, name: /^(Right!|Not this time)$/ })
		).toBeVisible();
		expect(refused).toEqual([]);
		await context.close();
	});

	test(`class: a host creates a session and a phone on another address joins and answers, ${how}`, async ({
		browser,
		baseURL,
		isMobile
	}) => {
		test.skip(isMobile, 'the host is a computer; the phone is made inside');
		test.setTimeout(90_000);
		// The host screen is live (it needs JavaScript); its set-up form and the phone need none.
		const hostContext = await browser.newContext({ baseURL, javaScriptEnabled });
		const host = await hostContext.newPage();
		const refused: string[] = [];
		host.on('response', (r) => {
			if (r.status() === 403 || r.status() >= 500) refused.push(`${r.status()} ${r.url()}`);
		});
		await host.goto('/host');
		await waitForReady(host);
		await host.getByLabel('Rounds', { exact: true }).fill('1');
		await host.getByRole('radio', { name: 'No timer' }).check();
		await host.getByRole('button', { name: 'Create the session' }).click();
		await host.waitForURL(/\/class\/[\w-]+\/host$/);
		await waitForReady(host);
		const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');

		// The host opened 127.0.0.1: the link it shows must name an address phones can open.
		const shown = await host.locator('.big-url').innerText();
		const link = new URL(`http://${shown}`);
		expect(link.pathname).toBe(`/j/${code}`);
		const lan = lanAddresses();
		if (lan.length > 0) {
			expect(lan.map((a) => (a.includes(':') ? `[${a}]` : a))).toContain(link.hostname);
		}
		link.hostname = OTHER_DEVICE;

		const phone = await phoneAt(browser, javaScriptEnabled);
		phone.page.on('response', (r) => {
			if (r.status() === 403 || r.status() >= 500) refused.push(`${r.status()} ${r.url()}`);
		});
		await phone.page.goto(link.href);
		await waitForReady(phone.page);
		await phone.page.getByLabel('Nickname').fill('Newcomer');
		await phone.page.getByRole('button', { name: 'Join with this name' }).click();
		await expect(phone.page.getByRole('heading', { name: "You're in!" })).toBeVisible();

		// From here the host screen runs live, as on a projector.
		const live = await (await browser.newContext({ baseURL })).newPage();
		await live.context().addCookies(await hostContext.cookies());
		await hostContext.close();
		await live.goto(new URL(host.url()).pathname);
		await waitForReady(live);
		await expect(live.getByRole('heading', { name: '1 student' })).toBeVisible();
		await live.getByRole('button', { name: /^Start/ }).click();
		await expect(live.getByText('Round 1 of 1')).toBeVisible();
		// A phone without JavaScript sees the round when it reloads, and answers with a plain form.
		if (!javaScriptEnabled) await phone.page.reload();
		await phone.page.getByRole('radio').first().check();
		await phone.page.getByRole('button', { name: /Fairly sure/ }).click();
		await expect(phone.page.getByTestId('saved')).toBeVisible();
		await expect(live.getByTestId('answered-count')).toHaveText('1 of 1 answered');

		expect(refused).toEqual([]);
		await phone.context.close();
		await live.context().close();
	});
}

test('a cross-site form post is still refused', async ({ request, baseURL, isMobile }) => {
	test.skip(isMobile, 'plain HTTP: one run is enough');
	for (const path of ['/play?/start', '/host', '/join']) {
		const response = await request.post(path, {
			form: { mode: 'quick', code: '123456' },
			headers: { origin: 'http://evil.example' },
			maxRedirects: 0
		});
		expect(response.status(), path).toBe(403);
	}
	// Nor can a client on plain http pass as https: the server knows what its socket speaks.
	const https = new URL(baseURL!);
	https.protocol = 'https:';
	const claimed = await request.post('/join', {
		form: { code: '123456' },
		headers: {
			origin: https.origin,
			'x-telltale-socket-protocol': 'https',
			'x-forwarded-proto': 'https'
		},
		maxRedirects: 0
	});
	expect(claimed.status()).toBe(403);
});
