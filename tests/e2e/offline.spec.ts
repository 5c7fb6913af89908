import { answerRound, questionOf } from './solo-helpers';
import { test, expect, gotoHydrated, waitForReady } from './support/fixtures';

/**
 * Offline: after one visit the service worker has the app and the default pack, so with the
 * network gone the player can still reload and play practice rounds scored on the device.
 */

test('after one visit, practice works offline and is marked as practice', async ({
	page,
	context
}) => {
	test.slow();
	// The play page installs the offline copy a few seconds after it has loaded.
	await gotoHydrated(page, '/play');
	// Installed and in control of the page: the app, the start pages and the pack are cached.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});

	await context.setOffline(true);
	await page.goto('/');
	await waitForReady(page);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await page.getByRole('main').getByRole('link', { name: /^Play/ }).click();
	await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
	await page.getByRole('link', { name: 'Practise offline' }).click();

	for (let index = 0; index < 10; index++) {
		await expect(questionOf(page, index)).toBeVisible();
		await expect(page.getByText('Practice (offline)', { exact: true })).toBeVisible();
		// The pictures and voices come from the cache: the media of the round actually load.
		const images = questionOf(page, index).locator('img');
		for (const image of await images.all()) {
			await expect
				.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
				.toBeGreaterThan(0);
		}
		await answerRound(page, index, 0);
		await expect(page.getByRole('list', { name: 'The tells' })).toBeVisible();
		await page.getByRole('button', { name: index < 9 ? 'Next round' : 'See your results' }).click();
	}
	await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
	await expect(page.getByText(/\d+ of 10 right/)).toBeVisible();
	await expect(page.getByText('Practice (offline)').first()).toBeVisible();
	// Scored on the device: no verified score link is offered.
	await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
});
