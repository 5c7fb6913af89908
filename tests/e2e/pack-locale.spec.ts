import path from 'node:path';
import type { Page } from '@playwright/test';
import { loadPackFromDir } from '../../src/lib/server/packs/loader';
import { test, expect, gotoHydrated } from './support/fixtures';

/**
 * The pack speaks the reader's language: a voice round and its reveal at /zh-CN/... show the
 * default pack's Chinese text, each element marked with the language it is in (the English words
 * the voices say keep lang="en", their translation lang="zh-CN"); the same round in English is
 * unchanged. Selectors do not depend on the interface's own words, which another catalogue gives.
 */

function defaultPack() {
	const loaded = loadPackFromDir(path.resolve('static/packs/default'));
	if (!loaded.ok) throw new Error('the default pack does not load');
	return loaded.pack;
}

const HAN = /\p{Script=Han}/u;

/**
 * Starts a 10-round run in `mode` from the Chinese play page and opens its round at the Chinese
 * address (the locale routing decides where the start redirects; this test is about the pack).
 */
async function startInChinese(page: Page, mode: 'voices' | 'pairs'): Promise<string> {
	await gotoHydrated(page, '/zh-CN/play');
	const custom = page.locator('form[data-start="custom"]');
	await custom.locator(`input[name="mode"][value="${mode}"]`).check();
	await custom.getByRole('button').last().click();
	await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	const runId = new URL(page.url()).pathname.split('/').pop()!;
	await gotoHydrated(page, `/zh-CN/play/${runId}`);
	return runId;
}

/** Picks the first side and the first confidence for round `index`, and waits for the reveal. */
async function answerFirst(page: Page, index: number): Promise<void> {
	await page.locator(`[data-round="${index}"][data-state="question"]`).waitFor();
	await page.getByRole('radio').first().check();
	await page.locator('fieldset.confidence button').first().click();
	await page.locator(`[data-round="${index}"][data-state="reveal"]`).waitFor();
}

test('a voice round and its reveal in zh-CN carry the Chinese text and the right lang', async ({
	page
}, testInfo) => {
	const pack = defaultPack();
	const chinese = pack.translations!['zh-CN'];
	const sources = new Set(Object.keys(chinese));

	const runId = await startInChinese(page, 'voices');

	// What the voices say: the original in the language it is said in, marked with it, and its
	// Chinese translation beside it (from the English itself, or from the pack's English
	// translation of words said in another language).
	const prompt = page.locator('.prompt');
	const original = prompt.locator('.original');
	const said = (await original.textContent())!.replace(/^“|”$/g, '').trim();
	const voice = pack.items.find((item) => item.transcript === said)!;
	await expect(original).toHaveAttribute('lang', voice.language ?? 'en');
	const english = voice.translation ?? said;
	expect(sources).toContain(english);
	const translation = prompt.locator('.translation');
	await expect(translation).toHaveAttribute('lang', 'zh-CN');
	await expect(translation).toContainText(chinese[english]);

	await answerFirst(page, 0);
	// The tells are explained in Chinese, marked as Chinese.
	const explanations = page.locator('.tell-list .explanation');
	expect(await explanations.count()).toBeGreaterThan(0);
	for (const explanation of await explanations.all()) {
		await expect(explanation).toHaveAttribute('lang', 'zh-CN');
		const text = (await explanation.textContent())!.trim();
		expect(text).toMatch(HAN);
		expect(Object.values(chinese)).toContain(text);
	}
	// How the fake was made, in one Chinese sentence; behind Details, the method in Chinese and
	// the source's names in the pack's language.
	const provenance = page.locator('.provenance');
	await expect(provenance.locator('span[lang="zh-CN"]')).toContainText(HAN);
	const details = page.locator('.provenance-details');
	await details.locator('summary').click();
	await expect(details.locator('span[lang="zh-CN"]')).toContainText(HAN);
	await expect(details.locator('span[lang="en"]')).toBeVisible();
	// The pack has Chinese, so no note that it fell back to English.
	await expect(page.locator('.pack-language-note')).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('zh-CN-reveal.png'), fullPage: true });

	// The same round in English: the English text, marked English, and a translation only of
	// words said in another language.
	await gotoHydrated(page, `/play/${runId}?reveal=0`);
	await expect(page.locator('.prompt .original')).toHaveAttribute('lang', voice.language ?? 'en');
	await expect(page.locator('.prompt .original')).toContainText(said);
	if (voice.translation) {
		await expect(page.locator('.prompt .translation')).toHaveAttribute('lang', 'en');
		await expect(page.locator('.prompt .translation')).toContainText(voice.translation);
	} else {
		await expect(page.locator('.prompt .translation')).toHaveCount(0);
	}
	for (const explanation of await page.locator('.tell-list .explanation').all()) {
		await expect(explanation).toHaveAttribute('lang', 'en');
		expect(sources).toContain((await explanation.textContent())!.trim());
	}
	await expect(page.locator('.provenance span[lang="zh-CN"]')).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('en-reveal.png'), fullPage: true });
});

test('a picture round in zh-CN has Chinese alt text marked zh-CN', async ({ page }) => {
	const chinese = Object.values(defaultPack().translations!['zh-CN']);
	const runId = await startInChinese(page, 'pairs');
	// Pairs of pictures or voices come in a seeded order: answer until a picture round shows.
	for (let index = 0; index < 10; index++) {
		const question = page.locator(`[data-round="${index}"][data-state="question"]`);
		await question.waitFor();
		const pictures = question.locator('.round-media[data-kind="image"] img');
		if ((await pictures.count()) > 0) {
			for (const picture of await pictures.all()) {
				await expect(picture).toHaveAttribute('lang', 'zh-CN');
				expect(chinese).toContain(await picture.getAttribute('alt'));
			}
			return;
		}
		await answerFirst(page, index);
		await gotoHydrated(page, `/zh-CN/play/${runId}`);
	}
	throw new Error('no picture round in ten rounds of pairs');
});
