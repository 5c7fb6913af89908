import { readFileSync } from 'node:fs';
import { devices, type Browser, type Page } from '@playwright/test';
import { packSecrets } from './solo-helpers';
import { expectNoViolations } from './support/axe';
import { test, expect, gotoHydrated, waitForReady } from './support/fixtures';

/**
 * The game in Simplified Chinese, as a Chinese reader meets it: the browser's language chooses it,
 * the language switch keeps the player where they are, a whole run on a phone, a shared score
 * link, a class with the projector in Chinese and phones in either language, and axe on each.
 */

const ROUND_URL = /\/zh-CN\/play\/[A-Za-z0-9_-]{22}$/;

/** Words in Latin letters that a Chinese page may show: names, symbols, formats, not sentences. */
const ALLOWED_LATIN = new Set([
	'Telltale',
	'StyleGAN',
	'JSON',
	'PACKS_DIR',
	'IPTC',
	'Content-Type',
	'application'
]);

/**
 * The pack's own text (its title, explanations, sources, in English and Chinese): the pack, not
 * the interface, says it.
 */
function packText(): string[] {
	const secrets = packSecrets();
	const manifest = JSON.parse(readFileSync('static/packs/default/manifest.json', 'utf8'));
	const titles =
		typeof manifest.title === 'string' ? [manifest.title] : Object.values(manifest.title);
	const transcripts = (manifest.items as Array<{ transcript?: unknown }>).flatMap((item) =>
		typeof item.transcript === 'string' ? [item.transcript] : []
	);
	// Its Chinese text too: a Chinese tell quotes the English words the voice says.
	const chinese = Object.values(manifest.translations?.['zh-CN'] ?? {}) as string[];
	return [
		...(titles as string[]),
		...secrets.explanations,
		...secrets.provenance,
		...transcripts,
		...chinese
	];
}

/**
 * The interface text of the page's main content that is not Chinese: no raw message key
 * (`score_heading`) and no English word of four letters or more, outside the pack's text, text
 * marked with another language, and the brand.
 */
async function englishLeftIn(page: Page): Promise<string[]> {
	const text = await page.evaluate(() => {
		const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
		for (const other of main.querySelectorAll('[lang]:not([lang^="zh"])')) other.remove();
		// Media speak for themselves; a DOI (doi:10.1073/pnas…) is an identifier, not words.
		for (const media of main.querySelectorAll('audio, video, svg, pre, a[href*="doi.org"]')) {
			media.remove();
		}
		// Where a pack item comes from is the pack's own line (authors, licences), after a label.
		for (const line of main.querySelectorAll('.provenance')) {
			for (const node of [...line.childNodes]) if (node.nodeName !== 'STRONG') node.remove();
		}
		return main.textContent ?? '';
	});
	let rest = text;
	for (const known of packText()) rest = rest.split(known).join(' ');
	const keys = rest.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [];
	const words = (rest.match(/[A-Za-z][A-Za-z_-]{3,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
	return [...keys, ...words];
}

async function expectChinese(page: Page, screen: string) {
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	expect(await englishLeftIn(page), `${screen}: interface text not in Chinese`).toEqual([]);
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Answers the round on screen in Chinese and waits for its reveal; returns whether it was right. */
async function answerInChinese(page: Page, index: number, choice: 0 | 1): Promise<boolean> {
	await expect(page.locator(`[data-round="${index}"][data-state="question"]`)).toBeVisible();
	await page.getByRole('radio').nth(choice).check();
	await page.getByRole('button', { name: /比较确定/ }).click();
	await expect(page.locator(`[data-round="${index}"][data-state="reveal"]`)).toBeVisible();
	const heading = page.getByRole('heading', { level: 2, name: /^(答对了！|这次没答对)$/ });
	await expect(heading).toBeVisible();
	return (await heading.textContent())?.trim() === '答对了！';
}

test.describe('a Chinese browser', () => {
	test.use({ locale: 'zh-CN' });

	test('lands on the Chinese home page, and the choice of English sticks', async ({ page }) => {
		await gotoHydrated(page, '/');
		await expect(page).toHaveURL(/\/zh-CN\/?$/);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: /开始玩/ })).toBeVisible();
		await expectChinese(page, 'home');
		await expectNoViolations(page, 'Chinese home');
		await shot(page, 'home');

		// Every link on the page keeps the language.
		await page.getByRole('link', { name: /学习/ }).first().click();
		await expect(page).toHaveURL(/\/zh-CN\/learn$/);
		await expect(page.getByRole('heading', { level: 1, name: '学习破绽' })).toBeVisible();

		// The switch names each language in its own language and script.
		const languages = page.getByRole('navigation', { name: '语言' });
		await expect(languages.getByRole('link', { name: 'English' })).toHaveAttribute('lang', 'en');
		await expect(languages.getByRole('link', { name: '简体中文' })).toHaveAttribute(
			'aria-current',
			'true'
		);
		await waitForReady(page);
		await languages.getByRole('link', { name: 'English' }).click();
		await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/learn$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Learn the tells' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		// The next visit from outside the site remembers English over the browser's Chinese.
		await page.goto('/');
		await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	test('switching language on a round keeps the player on that round', async ({ page }) => {
		await gotoHydrated(page, '/zh-CN/play');
		await page.getByRole('button', { name: '马上开始' }).click();
		await page.waitForURL(ROUND_URL);
		const runId = page.url().split('/').pop()!;
		await expect(page.getByText('第 1 轮，共 10 轮', { exact: true })).toBeVisible();
		await expectChinese(page, 'round');
		await waitForReady(page);
		await page
			.getByRole('navigation', { name: '语言' })
			.getByRole('link', { name: 'English' })
			.click();
		await page.waitForURL(new RegExp(`\\d/play/${runId}$`));
		await expect(page.getByText('Round 1 of 10', { exact: true })).toBeVisible();
		await waitForReady(page);
		await page
			.getByRole('navigation', { name: 'Language' })
			.getByRole('link', { name: '简体中文' })
			.click();
		await page.waitForURL(new RegExp(`/zh-CN/play/${runId}$`));
		await expect(page.getByText('第 1 轮，共 10 轮', { exact: true })).toBeVisible();
	});

	test('a whole run on a phone, its results and its shared link, all in Chinese', async ({
		page,
		browser,
		isMobile
	}) => {
		test.skip(!isMobile, 'the phone project plays it');
		test.slow();
		await gotoHydrated(page, '/');
		await page.getByRole('link', { name: /开始玩/ }).click();
		await page.waitForURL(/\/zh-CN\/play$/);
		await waitForReady(page);
		await expectChinese(page, 'play');
		await page.getByRole('button', { name: '马上开始' }).click();
		await page.waitForURL(ROUND_URL);
		let right = 0;
		for (let index = 0; index < 10; index++) {
			await expect(page.getByText(`第 ${index + 1} 轮，共 10 轮`, { exact: true })).toBeVisible();
			if (index === 0) {
				await expectNoViolations(page, 'Chinese round');
				await shot(page, 'round-phone');
			}
			if (await answerInChinese(page, index, (index % 2) as 0 | 1)) right += 1;
			await expectChinese(page, `reveal ${index + 1}`);
			if (index === 0) await shot(page, 'reveal-phone');
			await page.getByRole('link', { name: /^(下一轮|查看结果)/ }).click();
		}
		await page.waitForURL(/\/zh-CN\/play\/[\w-]+\/results$/);
		await expect(page.getByRole('heading', { level: 1, name: '你的结果' })).toBeVisible();
		await expect(page.getByText(`10 轮答对 ${right} 轮`, { exact: true })).toBeVisible();
		for (const section of await page.locator('details.card summary').all()) await section.click();
		await expectChinese(page, 'results');
		await expectNoViolations(page, 'Chinese results');
		await shot(page, 'results-phone');

		// The share text and link: the text in Chinese, the link without a language, so that
		// whoever opens it reads it in their own.
		await page.getByText('查看链接和要分享的内容').click();
		const url = await page.getByLabel('你的成绩链接').inputValue();
		expect(new URL(url).pathname).toMatch(/^\/s\/[\w-]+$/);
		await expect(page.locator('pre.preview')).toContainText(`Telltale ${right}/10`);
		await expect(page.locator('pre.preview')).toContainText('的把握');

		// A friend with a Chinese phone opens it from a chat app.
		// eslint-disable-next-line @typescript-eslint/no-unused-vars
		const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
		const friend = await browser.newContext({ ...pixel, locale: 'zh-CN' });
		const shared = await friend.newPage();
		await shared.goto(url);
		await waitForReady(shared);
		await expect(shared).toHaveURL(/\/zh-CN\/s\/[\w-]+$/);
		await expect(shared.getByRole('heading', { name: `10 轮答对 ${right} 轮` })).toBeVisible();
		await expectChinese(shared, 'score page');
		await expectNoViolations(shared, 'Chinese score page');
		await shot(shared, 'score-phone');
		const card = await shared.request.get(`${new URL(shared.url()).pathname}/card.png`);
		expect(card.headers()['content-type']).toBe('image/png');
		await friend.close();
	});

	test('no page overflows a 360 px screen', async ({ page, isMobile }) => {
		test.skip(!isMobile, 'a phone width');
		test.slow();
		await page.setViewportSize({ width: 360, height: 780 });
		for (const path of ['/zh-CN/', '/zh-CN/play', '/zh-CN/host', '/zh-CN/join', '/zh-CN/about']) {
			await gotoHydrated(page, path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
			await shot(page, `360${path.replaceAll('/', '-')}`);
		}
		await page.goto('/zh-CN/play');
		await waitForReady(page);
		await page.getByRole('button', { name: '马上开始' }).click();
		await page.waitForURL(ROUND_URL);
		await waitForReady(page);
		await page.getByRole('radio').first().check();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, 'the round is wider than the screen').toBeLessThanOrEqual(0);
		await shot(page, '360-round');
	});

	test('an address that leads nowhere says so in the reader’s language', async ({
		page,
		browser,
		baseURL
	}) => {
		const chinese = await page.goto('/zh-CN/no-such-page');
		expect(chinese?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('这个网址没有对应的页面。');
		await expectChinese(page, 'not found');
		await page.getByRole('link', { name: '回到首页' }).click();
		await expect(page).toHaveURL(/\/zh-CN\/?$/);

		// An English reader of the same address without a language, on a browser of their own.
		const reader = await (await browser.newContext({ baseURL, locale: 'en-GB' })).newPage();
		const english = await reader.goto('/no-such-page');
		expect(english?.status()).toBe(404);
		await expect(reader.getByRole('heading', { level: 1 })).toHaveText(
			'There is no page at this address.'
		);
	});
});

/** A student's phone in its own language. */
async function phoneIn(browser: Browser, baseURL: string, locale: string): Promise<Page> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
	const context = await browser.newContext({ ...pixel, baseURL, locale });
	return context.newPage();
}

test.describe('a class', () => {
	test.use({ locale: 'zh-CN' });

	test('the projector in Chinese, one phone in English and one in Chinese', async ({
		page: host,
		browser,
		baseURL,
		isMobile
	}) => {
		test.skip(isMobile, 'the host screen is the desktop; phones are made inside');
		test.setTimeout(120_000);
		await gotoHydrated(host, '/host');
		await expect(host).toHaveURL(/\/zh-CN\/host$/);
		await expectChinese(host, 'host setup');
		await expectNoViolations(host, 'Chinese host setup');
		await host.getByLabel('轮数', { exact: true }).fill('2');
		await host.getByRole('radio', { name: '不限时' }).check();
		await host.getByRole('button', { name: '创建课堂' }).click();
		await host.waitForURL(/\/zh-CN\/class\/[\w-]+\/host$/);
		await waitForReady(host);
		const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');
		// The join link on the board has no language: each phone opens it in its own.
		await expect(host.getByText(`/j/${code}`).first()).toBeVisible();
		await expect(host.getByRole('heading', { name: '加入课堂' })).toBeVisible();
		await expectNoViolations(host, 'Chinese host lobby');
		await shot(host, 'projector-lobby');

		const english = await phoneIn(browser, baseURL!, 'en-GB');
		const chinese = await phoneIn(browser, baseURL!, 'zh-CN');
		await english.goto(`/j/${code}`);
		await waitForReady(english);
		await expect(english).toHaveURL(/127\.0\.0\.1:\d+\/class\/[\w-]+$/);
		await english.getByLabel('Nickname').fill('Ada');
		await english.getByRole('button', { name: 'Join with this name' }).click();
		await expect(english.getByRole('heading', { name: "You're in!" })).toBeVisible();

		await chinese.goto(`/j/${code}`);
		await waitForReady(chinese);
		await expect(chinese).toHaveURL(/\/zh-CN\/class\/[\w-]+$/);
		await chinese.getByLabel('昵称').fill('小明');
		await chinese.getByRole('button', { name: '用这个昵称加入' }).click();
		await expect(chinese.getByRole('heading', { name: '你已加入！' })).toBeVisible();
		await expectChinese(chinese, 'phone lobby');

		await expect(host.getByRole('heading', { name: '2 名学生' })).toBeVisible();
		await host.getByRole('button', { name: /^开始/ }).click();
		await expect(host.getByText('第 1 轮，共 2 轮')).toBeVisible();
		await expect(host.getByTestId('answered-count')).toHaveText('2 人中 0 人已作答');

		await english.getByRole('radio').first().check();
		await english.getByRole('button', { name: /Fairly sure/ }).click();
		await expect(english.getByTestId('saved')).toBeVisible();
		await chinese.getByRole('radio').first().check();
		await chinese.getByRole('button', { name: /比较确定/ }).click();
		await expect(chinese.getByTestId('saved')).toBeVisible();
		await expectChinese(chinese, 'phone after answering');
		await shot(chinese, 'class-phone-zh');

		await expect(host.getByTestId('answered-count')).toHaveText('2 人中 2 人已作答');
		await expectChinese(host, 'projector round');
		await host.getByRole('button', { name: '揭晓答案' }).click();
		await expect(host.getByText('全班的回答（共 2 个）')).toBeVisible();
		await expect(host.getByText('正确答案')).toBeVisible();
		await expectNoViolations(host, 'Chinese projector reveal');
		await shot(host, 'projector-reveal');
		await expect(english.getByTestId('result')).toContainText(/Right!|Not this time/);
		await expect(chinese.getByTestId('result')).toContainText(/答对了！|这次没答对。/);
		await expectChinese(chinese, 'phone after the reveal');
		await english.context().close();
		await chinese.context().close();
	});
});
