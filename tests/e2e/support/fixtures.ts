import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every end-to-end test runs with a request watcher: any request that leaves the app's own origin
 * (fonts, CDNs, analytics) fails the test, whatever the test itself checks.
 */
export const test = base.extend<{ foreignRequests: string[] }>({
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const own = new URL(baseURL!).origin;
			const foreign: string[] = [];
			page.on('request', (request) => {
				const url = new URL(request.url());
				if (url.protocol === 'data:' || url.protocol === 'blob:') return;
				if (url.origin !== own) foreign.push(request.url());
			});
			await use(foreign);
			expect(foreign, 'requests outside the app origin').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/**
 * Waits until the page takes taps: Svelte has hydrated it (taps before that are lost), or it is a
 * page without client scripts (SvelteKit's bootstrap defines no `__sveltekit_*` global) that has
 * finished loading.
 */
export async function waitForReady(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			document.body.dataset.hydrated === 'true' ||
			(document.readyState === 'complete' &&
				!Object.keys(window).some((key) => key.startsWith('__sveltekit_')))
	);
}

/** Opens a page and waits until it takes taps (see `waitForReady`). */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForReady(page);
}
