/**
 * What the class specs do alike on a student's phone: open one, join a session by its code, and
 * answer a round with two taps; and a host's session made by posting the host form.
 */
import { devices, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expect, gotoHydrated } from './support/fixtures';

/** A page in a phone of its own (a Pixel 7's screen and touch), on `baseURL`. */
export async function phonePage(browser: Browser, baseURL: string): Promise<Page> {
	// A context cannot take a browser type; the rest of the device profile applies.
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, baseURL });
	return context.newPage();
}

/** Types the class code on /join, then a nickname, as a student does. */
export async function joinByCode(page: Page, code: string, nickname: string): Promise<void> {
	await gotoHydrated(page, '/join');
	await page.getByLabel('Class code').fill(code);
	await page.getByRole('button', { name: 'Join' }).click();
	await page.getByLabel('Nickname').waitFor();
	await page.locator('body[data-hydrated="true"]').waitFor();
	await page.getByLabel('Nickname').fill(nickname);
	await page.getByRole('button', { name: 'Join with this name' }).click();
	await expect(page.getByRole('heading', { name: "You're in!" })).toBeVisible();
}

/** Picks the `pick`-th answer and a confidence, as a student would with two taps. */
export async function answerOnPhone(page: Page, pick: 0 | 1 = 0): Promise<void> {
	await page.getByRole('radio').nth(pick).check();
	await page.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
}

/**
 * A host makes a session of `rounds` untimed rounds by posting the host form (as a browser
 * without JavaScript does, from `origin`); the session's id.
 */
export async function postedSession(
	host: APIRequestContext,
	origin: string,
	rounds: number
): Promise<string> {
	const setup = await host.get('/host');
	const packId = /<option value="([^"]+)"/.exec(await setup.text())![1];
	const created = await host.post('/host', {
		form: { packId, rounds: String(rounds), timer: '0', mode: 'pairs' },
		headers: { origin, accept: 'text/html' }
	});
	const id = /\/class\/([\w-]+)\/host$/.exec(created.url())?.[1];
	expect(id, await created.text()).toBeTruthy();
	return id!;
}
