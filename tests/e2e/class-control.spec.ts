import { devices, type Browser, type Page } from '@playwright/test';
import { test, expect, gotoHydrated } from './support/fixtures';

/**
 * The teacher in control of a class session: settings that stay as chosen, the rounds checked
 * (thumbnails), swapped and taken out before the start, the timer paused and resumed, a round
 * swapped or skipped mid-game, the host link shown only on a deliberate step, and a next step
 * for the phones once the session is over.
 */

test.skip(({ isMobile }) => isMobile, 'the host screen is the desktop; phones are made inside');

async function phone(browser: Browser, baseURL: string): Promise<Page> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, baseURL });
	return context.newPage();
}

async function join(student: Page, id: string, nickname: string) {
	await gotoHydrated(student, `/class/${id}`);
	await student.getByLabel('Nickname').fill(nickname);
	await student.getByRole('button', { name: 'Join with this name' }).click();
	await expect(student.getByRole('heading', { name: "You're in!" })).toBeVisible();
}

/** A session of picture rounds (their addresses show a swap). */
async function createSession(page: Page, rounds: number, timer = '60 s') {
	await gotoHydrated(page, '/host');
	await page.getByLabel('Rounds', { exact: true }).fill(String(rounds));
	await page.getByRole('radio', { name: timer }).check();
	await page.getByLabel('Voices').uncheck();
	await page.getByLabel('Videos').uncheck();
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	await page.locator('body[data-hydrated="true"]').waitFor();
	return /\/class\/([\w-]+)\/host$/.exec(page.url())![1];
}

/** The seconds the projector's countdown shows. */
async function secondsLeft(page: Page): Promise<number> {
	const label = await page.getByRole('timer').getAttribute('aria-label');
	return Number(/^(\d+) seconds? left$/.exec(label ?? '')?.[1] ?? NaN);
}

/** The address of the first picture shown in the round. */
const firstPicture = (page: Page) => page.locator('figure.side img').first().getAttribute('src');

test('ticking "Add a pre-test and a post-test" keeps every other setting', async ({ page }) => {
	await gotoHydrated(page, '/host');
	await page.getByLabel('Rounds', { exact: true }).fill('3');
	await page.getByLabel('Rounds in each test').fill('2');
	await page.getByRole('radio', { name: 'No timer' }).check();
	await page.getByLabel('Add a pre-test and a post-test').check();
	await expect(page.getByLabel('Rounds', { exact: true })).toHaveValue('3');
	await expect(page.getByLabel('Rounds in each test')).toHaveValue('2');
	await expect(page.getByRole('radio', { name: 'No timer' })).toBeChecked();
	await page.getByLabel('Add a pre-test and a post-test').uncheck();
	await page.getByLabel('Add a pre-test and a post-test').check();
	await expect(page.getByLabel('Rounds', { exact: true })).toHaveValue('3');
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	// 2 pre-test rounds, 3 training rounds, 2 post-test rounds.
	await expect(page.getByRole('button', { name: 'Start (7 rounds)' })).toBeVisible();
});

test('the teacher checks, swaps and drops rounds, pauses the timer, swaps and skips in play', async ({
	page: host,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const id = await createSession(host, 3);
	const ada = await phone(browser, baseURL!);
	await join(ada, id, 'Ada');

	// Before the start: every round as a card with its thumbnails; swap one, take one out.
	await host.getByRole('button', { name: 'Check the rounds' }).click();
	const preview = host.getByRole('dialog', { name: 'The rounds of this session' });
	const cards = preview
		.getByRole('list', { name: 'The rounds of this session' })
		.getByRole('listitem');
	await expect(cards).toHaveCount(3);
	const thumbs = cards.nth(1).getByRole('img');
	await expect(thumbs.first()).toBeVisible();
	expect(
		await thumbs.first().evaluate((img: HTMLImageElement) => img.naturalWidth)
	).toBeGreaterThan(0);
	const before = await thumbs.first().getAttribute('src');
	await preview.getByRole('button', { name: 'Swap round 2 for another' }).click();
	await expect.poll(() => thumbs.first().getAttribute('src')).not.toBe(before);
	await preview.getByRole('button', { name: 'Take round 3 out' }).click();
	await expect(cards).toHaveCount(2);
	await preview.getByRole('button', { name: 'Close' }).click();
	await expect(preview).toHaveCount(0);
	await expect(host.getByRole('button', { name: 'Start (2 rounds)' })).toBeVisible();

	await host.getByRole('button', { name: 'Start (2 rounds)' }).click();
	await expect(host.getByText('Round 1 of 2')).toBeVisible();
	await expect(ada.getByRole('timer')).toBeVisible();

	// Pause: the clock stops on every screen; resume carries on from where it stopped.
	await host.getByRole('button', { name: 'Pause the timer' }).click();
	await expect(host.getByTestId('paused')).toBeVisible();
	await expect(host.getByRole('timer')).toHaveCount(0);
	await expect(ada.getByTestId('paused')).toHaveText('Paused');
	await expect(ada.getByRole('timer')).toHaveCount(0);
	const left = Number(/(\d+) s left/.exec(await host.getByTestId('paused').innerText())![1]);
	await host.waitForTimeout(3_000);
	await host.getByRole('button', { name: 'Resume the timer' }).click();
	await expect(host.getByRole('timer')).toBeVisible();
	expect(Math.abs((await secondsLeft(host)) - left)).toBeLessThanOrEqual(1);
	await expect(ada.getByRole('timer')).toBeVisible();

	// Swap mid-round: another pair of pictures, the answers so far forgotten.
	await ada.getByRole('radio').first().check();
	await ada.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(host.getByTestId('answered-count')).toHaveText('1 of 1 answered');
	const shown = await firstPicture(host);
	await host.getByRole('button', { name: 'Swap this round for another of the same kind' }).click();
	await expect.poll(() => firstPicture(host)).not.toBe(shown);
	await expect(host.getByTestId('answered-count')).toHaveText('0 of 1 answered');
	await expect.poll(() => firstPicture(ada)).toBe(await firstPicture(host));
	await expect(ada.getByRole('radio').first()).toBeVisible();

	// Skip: the round leaves the session and the next one opens in its place.
	await host.getByRole('button', { name: 'Skip this round' }).click();
	await expect(host.getByText('Round 1 of 1')).toBeVisible();
	await expect(ada.getByText('Round 1 of 1')).toBeVisible();
	// With one round left there is nothing to skip to.
	await expect(host.getByRole('button', { name: 'Skip this round' })).toHaveCount(0);

	await host.getByRole('button', { name: 'Reveal the answer' }).click();
	// Once the answer is out, the round can no longer be swapped or skipped.
	await expect(host.getByRole('button', { name: /^Swap/ })).toHaveCount(0);
	await host.getByRole('button', { name: 'Finish' }).click();
	await expect(ada.getByRole('heading', { name: /Session over/ })).toBeVisible();
	await expect(ada.getByRole('link', { name: 'Play on your own' })).toHaveAttribute(
		'href',
		'/play'
	);
	await ada.getByRole('link', { name: 'Play on your own' }).click();
	await expect(ada).toHaveURL(/\/play$/);
	await ada.context().close();
});

test('an answer to a pair the teacher swapped meanwhile is not counted for the new pair', async ({
	page: host,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const id = await createSession(host, 2);
	const ada = await phone(browser, baseURL!);
	await join(ada, id, 'Ada');
	// Bo's phone runs no JavaScript: the plain form, which names the pair it showed too.
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const boContext = await browser.newContext({ ...pixel, baseURL, javaScriptEnabled: false });
	const bo = await boContext.newPage();
	await bo.goto(`/class/${id}`);
	await bo.getByLabel('Nickname').fill('Bo');
	await bo.getByRole('button', { name: 'Join with this name' }).click();
	await expect(bo.getByRole('heading', { name: "You're in!" })).toBeVisible();

	await host.getByRole('button', { name: 'Start (2 rounds)' }).click();
	await expect(host.getByText('Round 1 of 2')).toBeVisible();
	await expect(ada.getByText('Round 1 of 2')).toBeVisible();
	await bo.reload();
	const old = await firstPicture(host);

	// Ada's answer is held up on the network while the teacher swaps the pair.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await ada.route(`**/class/${id}/verdict`, async (route) => {
		await held;
		await route.continue();
	});
	await ada.getByRole('radio').first().check();
	await ada.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(ada.getByTestId('pending')).toBeVisible();
	await host.getByRole('button', { name: 'Swap this round for another of the same kind' }).click();
	await expect.poll(() => firstPicture(host)).not.toBe(old);
	const swapped = await firstPicture(host);

	// Her phone shows the new pair at once, with nothing picked and nothing waiting.
	await expect.poll(() => firstPicture(ada)).toBe(swapped);
	await expect(ada.getByTestId('pending')).toHaveCount(0);
	await expect(ada.getByRole('radio').first()).not.toBeChecked();
	// The old answer arrives after the swap: refused, not counted for the new pair.
	const refused = ada.waitForResponse(`**/class/${id}/verdict`);
	release();
	expect((await refused).status()).toBe(409);
	await expect(ada.getByRole('alert')).toContainText('Your teacher changed this round');
	await expect(host.getByTestId('answered-count')).toHaveText('0 of 2 answered');

	// Bo's page still shows the old pair; his form answer is refused the same way.
	expect(await firstPicture(bo)).toBe(old);
	await bo.getByRole('radio').first().check();
	await bo.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(bo.getByRole('alert')).toContainText('Your teacher changed this round');
	expect(await firstPicture(bo)).toBe(swapped);
	await expect(host.getByTestId('answered-count')).toHaveText('0 of 2 answered');

	// Answers to the new pair count, from both kinds of phone.
	await ada.unroute(`**/class/${id}/verdict`);
	await ada.getByRole('radio').first().check();
	await ada.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(ada.getByTestId('saved')).toBeVisible();
	await bo.getByRole('radio').first().check();
	await bo.getByRole('button', { name: /Fairly sure/ }).click();
	await expect(bo.getByTestId('saved')).toBeVisible();
	await expect(host.getByTestId('answered-count')).toHaveText('2 of 2 answered');
	await ada.context().close();
	await boContext.close();
});

test("the host link appears only on the teacher's own deliberate step", async ({
	page: host,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const id = await createSession(host, 1, 'No timer');
	// Nothing in the projected page carries the host key: not the markup, not its data.
	const html = await (await host.request.get(`/class/${id}/host`)).text();
	expect(html).not.toContain('/claim#');
	expect(await host.content()).not.toContain('/claim#');

	await host.getByRole('button', { name: 'Teacher tools' }).click();
	const tools = host.getByRole('dialog', { name: 'Teacher tools' });
	await expect(
		tools.getByRole('heading', { name: 'Move the host screen to another device' })
	).toBeVisible();
	await expect(tools.getByText(/never on the projector/)).toBeVisible();
	await expect(tools.getByTestId('host-link')).toHaveCount(0);
	await tools.getByRole('button', { name: 'Show the host link on this device' }).click();
	const link = tools.getByTestId('host-link');
	await expect(link).toHaveText(new RegExp(`/class/${id}/claim#.{20,}`));
	const url = (await link.getAttribute('href'))!;
	// Closing the tools takes the link off the screen again.
	await tools.getByRole('button', { name: 'Close' }).click();
	await host.getByRole('button', { name: 'Teacher tools' }).click();
	await expect(host.getByTestId('host-link')).toHaveCount(0);
	await host.keyboard.press('Escape');

	// The link works: another device becomes a host of the session.
	const laptop = await browser.newContext({ baseURL });
	const other = await laptop.newPage();
	await other.goto(url);
	await other.waitForURL(new RegExp(`/class/${id}/host$`));
	await expect(other.getByTestId('join-code')).toBeVisible();
	// A device without the key gets no link.
	const stranger = await browser.newContext({ baseURL });
	expect((await stranger.request.get(`/class/${id}/host/link`)).status()).toBe(403);
	await laptop.close();
	await stranger.close();
});
