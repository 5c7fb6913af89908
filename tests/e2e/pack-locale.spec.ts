import path from 'node:path';
import type { Page } from '@playwright/test';
import { loadPackFromDir } from '../../src/lib/server/pack-loader';
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

/** Starts a 10-round voices run from the play page at `prefix` (no prefix: English). */
async function startVoices(page: Page, prefix: string): Promise<string> {
	await gotoHydrated(page, `${prefix}/play`);
	const custom = page.locator('form[data-start="custom"]');
	await custom.locator('input[name="mode"][value="voices"]').check();
	await custom.getByRole('button').last().click();
	await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	return new URL(page.url()).pathname.split('/').pop()!;
}

/** Picks the first side and the first confidence, and waits for the reveal. */
async function answerFirst(page: Page): Promise<void> {
	await page.locator('[data-round="0"][data-state="question"]').waitFor();
	await page.getByRole('radio').first().check();
	await page.locator('fieldset.confidence button').first().click();
	await page.locator('[data-round="0"][data-state="reveal"]').waitFor();
}

test('a voice round and its reveal in zh-CN carry the Chinese text and the right lang', async ({
	page
}, testInfo) => {
	const pack = defaultPack();
	const chinese = pack.translations!['zh-CN'];
	const english = new Set(Object.keys(chinese));

	const runId = await startVoices(page, '/zh-CN');
	expect(page.url()).toContain('/zh-CN/play/');

	// What the voices say: the English original with its own lang, the translation beside it.
	const prompt = page.locator('.prompt');
	const original = prompt.locator('.original');
	await expect(original).toHaveAttribute('lang', 'en');
	const said = (await original.textContent())!.replace(/^“|”$/g, '').trim();
	expect(english).toContain(said);
	const translation = prompt.locator('.translation');
	await expect(translation).toHaveAttribute('lang', 'zh-CN');
	await expect(translation).toContainText(chinese[said]);

	await answerFirst(page);
	// The tells are explained in Chinese, marked as Chinese.
	const explanations = page.locator('.tell-list .explanation');
	expect(await explanations.count()).toBeGreaterThan(0);
	for (const explanation of await explanations.all()) {
		await expect(explanation).toHaveAttribute('lang', 'zh-CN');
		const text = (await explanation.textContent())!.trim();
		expect(text).toMatch(HAN);
		expect(Object.values(chinese)).toContain(text);
	}
	// How the fake was made, in Chinese; the source's names stay in the pack's language.
	const provenance = page.locator('.provenance');
	await expect(provenance.locator('span[lang="zh-CN"]')).toContainText(HAN);
	await expect(provenance.locator('span[lang="en"]')).toBeVisible();
	// The pack has Chinese, so no note that it fell back to English.
	await expect(page.locator('.pack-language-note')).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('zh-CN-reveal.png'), fullPage: true });

	// The same round in English: the English text, marked English, and no translation.
	await gotoHydrated(page, `/play/${runId}?reveal=0`);
	await expect(page.locator('.prompt .original')).toHaveAttribute('lang', 'en');
	await expect(page.locator('.prompt .original')).toContainText(said);
	await expect(page.locator('.prompt .translation')).toHaveCount(0);
	for (const explanation of await page.locator('.tell-list .explanation').all()) {
		await expect(explanation).toHaveAttribute('lang', 'en');
		expect(english).toContain((await explanation.textContent())!.trim());
	}
	await expect(page.locator('.provenance span[lang="zh-CN"]')).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('en-reveal.png'), fullPage: true });
});

test('a picture round in zh-CN has Chinese alt text marked zh-CN', async ({ page }) => {
	const chinese = Object.values(defaultPack().translations!['zh-CN']);
	await gotoHydrated(page, '/zh-CN/play');
	await page.locator('form[data-start="custom"] input[name="mode"][value="pairs"]').check();
	await page.locator('form[data-start="custom"]').getByRole('button').last().click();
	await page.waitForURL(/\/zh-CN\/play\/[A-Za-z0-9_-]{22}$/);
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
		await page.getByRole('radio').first().check();
		await page.locator('fieldset.confidence button').first().click();
		await page.locator(`[data-round="${index}"][data-state="reveal"]`).waitFor();
		await page.locator('.dock a').first().click();
	}
	throw new Error('no picture round in ten rounds of pairs');
});
