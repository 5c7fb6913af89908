// Verdict tap to reveal drawn, measured in the browser: the round screen marks the tap on a
// confidence button and, after the reveal is rendered and a frame has passed, marks it drawn
// (REVEAL_TIMING in src/lib/components/play/reveal-timing.ts). This plays whole runs on a phone
// viewport against a running server and collects every measure.
import { chromium, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const MEASURE = 'telltale:verdict-to-reveal';

/** @param {number[]} sorted @param {number} p */
function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Plays `runs` Quick play runs of 10 rounds at `origin`; returns p50/p95/max in ms.
 * @param {string} origin
 * @param {{ runs?: number }} [options]
 */
export async function measureReveal(origin, { runs = 5 } = {}) {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
	/** @type {number[]} */
	const samples = [];
	/** @type {number[]} */
	const requests = [];
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({ ...devices['Pixel 7'] });
			const page = await context.newPage();
			await page.goto(`${origin}/play`);
			await page.locator('body[data-hydrated="true"]').waitFor();
			// The offline copy installs once per device, a few seconds after the first page (its
			// downloads compete for the CPU): measure the steady state a player has after that.
			await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
			await page.getByRole('button', { name: 'Play now' }).click();
			await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
			for (let index = 0; index < 10; index++) {
				const round = page.locator(`[data-round="${index}"]`);
				const question = page.locator(`[data-round="${index}"][data-state="question"]`);
				const exists = await question
					.waitFor({ timeout: 15_000 })
					.then(() => true)
					.catch(() => false);
				if (!exists) break;
				await page
					.getByRole('radio')
					.nth(index % 2)
					.check();
				await page.getByRole('button', { name: /Fairly sure/ }).click();
				await round.and(page.locator('[data-state="reveal"]')).waitFor();
				const duration = await page.waitForFunction(
					({ name, count }) => {
						const entries = performance.getEntriesByName(name);
						return entries.length > count ? entries[entries.length - 1].duration : false;
					},
					{ name: MEASURE, count: index },
					{ timeout: 10_000 }
				);
				samples.push(Number(await duration.jsonValue()));
				// The part spent on the verdict request (network and server), from resource timing.
				requests.push(
					await page.evaluate(() => {
						const posts = performance
							.getEntriesByType('resource')
							.filter((entry) => entry.name.includes('?/verdict'));
						return posts.length > 0 ? posts[posts.length - 1].duration : 0;
					})
				);
				await page.getByRole('link', { name: /^(Next round|See your results)/ }).click();
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
	const sorted = [...samples].sort((a, b) => a - b);
	const requestsSorted = [...requests].sort((a, b) => a - b);
	return {
		samples: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		max: sorted[sorted.length - 1],
		request: { p50: percentile(requestsSorted, 50), p95: percentile(requestsSorted, 95) },
		all: samples
	};
}
