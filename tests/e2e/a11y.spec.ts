import type { Page } from '@playwright/test';
import { answerRound, goOn, questionOf, quickPlay } from './solo-helpers';
import { expectNoViolations } from './support/axe';
import { test, expect, gotoHydrated } from './support/fixtures';

/** WCAG 2.2 AA with axe on every screen of solo play, light and dark, desktop and phone. */

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`${colorScheme} mode`, () => {
		test.use({ colorScheme });

		test('home, play, learn and offline pages pass axe', async ({ page }) => {
			test.slow();
			for (const path of ['/', '/play', '/learn']) {
				await gotoHydrated(page, path);
				await expectNoViolations(page, path);
			}
			await gotoHydrated(page, '/play/offline');
			await expect(questionOf(page, 0)).toBeVisible();
			await expectNoViolations(page, 'offline round');
		});

		test('a round, its reveal and the results pass axe', async ({ page }) => {
			test.slow();
			await quickPlay(page);
			await expect(questionOf(page, 0)).toBeVisible();
			await expectNoViolations(page, 'round');
			await page.getByRole('radio').first().check();
			await expectNoViolations(page, 'round with an answer picked');
			await page.getByRole('button', { name: /Leaning/ }).click();
			await expect(page.locator('[data-round="0"][data-state="reveal"]')).toBeVisible();
			// Let the reveal's entrance animation finish: axe reads colours mid-fade otherwise.
			await animationsDone(page);
			await expectNoViolations(page, 'reveal');
			const tell = page.getByRole('button', { name: /^Tell 1:/ }).first();
			if (await tell.count()) {
				await tell.click();
				// The zoom moves the numbers to their new places (320 ms): mid-way two may overlap.
				await animationsDone(page);
				await expectNoViolations(page, 'reveal with a tell in focus');
			}
			await goOn(page);
			for (let index = 1; index < 10; index++) {
				await answerRound(page, index, 1);
				await goOn(page);
			}
			await page.waitForURL(/\/results$/);
			await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
			await expectNoViolations(page, 'results');
		});
	});
}

/** Waits until no animation or transition on the page is running. */
function animationsDone(page: Page) {
	return page.waitForFunction(() =>
		document.getAnimations().every((animation) => animation.playState !== 'running')
	);
}
