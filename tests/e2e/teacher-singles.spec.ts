import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devices, type Page } from '@playwright/test';
import { expect, gotoHydrated, test } from './support/fixtures';
import { answerRound, goOn, questionOf } from './solo-helpers';
import { expectNoViolations } from './support/axe';
import { addItem, createPack, picture } from './teacher-helpers';

/**
 * A teacher's most common case: this week's viral AI picture with no real counterpart, and one
 * real photo people doubt. Each becomes a "Real or fake?" round of its own (the fake with a tell
 * marked as a pair's fake's is), and a player plays the play link in "Real or fake" mode: both
 * rounds, and the reveal with the teacher's tell.
 */

/** The editor's announcement after an action, whole. */
async function said(page: Page, words: string): Promise<void> {
	const exactly = new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
	await expect(page.getByRole('status').filter({ hasText: exactly })).toBeVisible();
}

test.skip(({ isMobile }) => isMobile, 'the teacher is on a desktop; the phone is made inside');

const VIRAL = 'A man in a white puffer coat.';
const DOUBTED = 'A shark on a flooded road.';
const TELL = 'The fingers of the left hand melt into the cup.';

test('a picture with no partner and a real one become "Real or fake?" rounds a player plays', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-singles-'));
	const file = (name: string, bytes: Buffer) => {
		writeFileSync(path.join(dir, name), bytes);
		return path.join(dir, name);
	};
	const { playLink } = await createPack(page, 'Viral this week');
	// With nothing to pair, the "Real or fake?" form is open from the start.
	await addItem(page, 'picture', {
		file: file('viral.png', await picture(5, 1024, 1024, 'png')),
		truth: 'Synthetic',
		madeWith: 'Made by an AI image generator',
		alt: VIRAL
	});
	await said(page, 'viral.png was added.');
	await expect(
		page.getByText(/pair a real item with a synthetic one of the same kind below, or make/)
	).toBeVisible();
	const item = page.getByLabel('Picture, voice or video', { exact: true });
	await item.selectOption({ label: `${VIRAL} (Synthetic)` });
	await page.getByRole('radio', { name: 'Medium' }).check();
	await page.getByRole('button', { name: 'Make it a “Real or fake?” round' }).click();
	await said(page, 'The “Real or fake?” round is made. Now mark the tells on it.');
	// Not playable before the fake has its tell.
	await expect(page.getByText(/mark at least one tell on every synthetic item/)).toBeVisible();
	const viral = page.getByRole('article', { name: '“Real or fake?” round 1 (difficulty 2)' });
	await viral.getByLabel('Kind of tell').selectOption({ label: 'Warped geometry' });
	await viral.getByLabel('What players should see there').fill(TELL);
	await viral.getByRole('button', { name: 'Save the tell' }).click();
	await said(page, 'The tell is saved.');

	// The real photo has no partner either: the "Real or fake?" form stays open.
	await addItem(page, 'picture', {
		file: file('shark.jpg', await picture(6, 1200, 900, 'jpeg')),
		truth: 'Real',
		madeWith: 'Taken with a camera or phone',
		alt: DOUBTED
	});
	await said(page, 'shark.jpg was added.');
	await item.selectOption({ label: `${DOUBTED} (Real)` });
	await page.getByRole('radio', { name: 'Faces (pictures)' }).check();
	await page.getByRole('button', { name: 'Make it a “Real or fake?” round' }).click();
	await said(page, 'The “Real or fake?” round is made.');
	const doubted = page.getByRole('article', { name: '“Real or fake?” round 2 (difficulty 1)' });
	await expect(doubted.getByText('Real', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open the play link' })).toBeVisible();
	await expectNoViolations(page, 'pack editor with "Real or fake?" rounds');
	await page.screenshot({ path: testInfo.outputPath('editor-singles.png'), fullPage: true });

	// The preview of the fake's reveal, as a player sees it.
	await viral.getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText(TELL)).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('preview-single.png'), fullPage: true });
	await page.getByRole('link', { name: 'Back to the editor' }).first().click();
	// On the projector: the fake's tell; the real photo's reveal, which has none, works too.
	await viral.getByRole('link', { name: 'On the projector' }).click();
	await expect(page.getByTestId('projector-preview').getByText('Tell 1 of 1')).toBeVisible();
	await page.goBack();
	await doubted.getByRole('link', { name: 'On the projector' }).click();
	await expect(page.getByTestId('projector-preview')).toContainText('No tells to show.');
	await page.screenshot({ path: testInfo.outputPath('projector-real-single.png') });
	await page.goBack();

	// A player on a phone: the play link offers only "Real or fake", and plays both rounds.
	const context = await browser.newContext({ ...devices['Pixel 7'], baseURL });
	const player = await context.newPage();
	await gotoHydrated(player, new URL(playLink).pathname);
	await expect(player.getByRole('radio', { name: /^Real or fake/ })).toBeChecked();
	await expect(player.getByRole('radio', { name: /^Pairs/ })).toHaveCount(0);
	await expect(player.getByText('Real or fake? Items in this pack: 2.')).toBeVisible();
	await expectNoViolations(player, 'play link of a pack without pairs');
	await player.screenshot({ path: testInfo.outputPath('play-link.png') });
	await player.getByRole('button', { name: 'Start' }).click();
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	const seen: string[] = [];
	for (const round of [0, 1]) {
		const question = questionOf(player, round);
		await expect(question).toBeVisible();
		await expect(question.getByRole('heading', { name: 'Real or fake?' })).toBeVisible();
		const alt = (await question.locator('img').first().getAttribute('alt')) ?? '';
		seen.push(alt);
		// Answered right: "Fake" for the viral picture, "Real" for the photo.
		expect(await answerRound(player, round, alt === VIRAL ? 1 : 0)).toBe(true);
		if (alt === VIRAL) {
			await expect(player.getByText(TELL)).toBeVisible();
			await player.screenshot({ path: testInfo.outputPath('reveal-single.png'), fullPage: true });
		}
		await goOn(player);
	}
	expect(seen.sort()).toEqual([VIRAL, DOUBTED].sort());
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);
	await context.close();

	// A host pasting the play link gets a class session of both rounds, though the host page's
	// question is "Pairs" unless changed: a pack without pairs asks "real or fake?".
	await gotoHydrated(page, '/host');
	await page.getByLabel('Or your own pack: its play link').fill(playLink);
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	await expect(page.getByText('Viral this week · 2 rounds')).toBeVisible();
});
