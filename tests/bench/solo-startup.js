// A page's own start-up work, measured in the browser rather than simulated: fresh phone-sized
// contexts with DevTools' 4x CPU throttling, every long task (over 50 ms) the page's Long Tasks
// observer reports after first contentful paint. Lighthouse's simulated blocking time on this
// machine swings by hundreds of ms between runs of the same page; this measure moves far less, so
// it is the one to compare two builds' start-up with. It is reported next to Lighthouse, not
// held to the budget.
import { chromium, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { median } from './stats.js';

/** How long a load is watched after its `load` event: hydration and what follows it. */
const SETTLE_MS = 3000;

/**
 * Loads each page `loads` times, the pages in turns; per page the medians and maxima of the
 * longest task after first paint and of the blocking time (the sum of each task's time over
 * 50 ms), all in throttled ms.
 * @param {Array<[string, string]>} pages label and URL
 * @param {{ loads?: number }} [options]
 */
export async function measureStartUp(pages, { loads = 10 } = {}) {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
	/** @type {Array<Array<{ longest: number; blocking: number }>>} */
	const samples = pages.map(() => []);
	try {
		for (let load = 0; load < loads; load++) {
			for (const [index, [, url]] of pages.entries()) {
				const context = await browser.newContext({
					...devices['Pixel 7'],
					serviceWorkers: 'block'
				});
				const page = await context.newPage();
				const cdp = await context.newCDPSession(page);
				await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
				await page.addInitScript(() => {
					const tasks = /** @type {Array<[number, number]>} */ ([]);
					Object.assign(window, { __longTasks: tasks });
					new PerformanceObserver((list) => {
						for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
					}).observe({ type: 'longtask', buffered: true });
				});
				await page.goto(url, { waitUntil: 'load' });
				await page.waitForTimeout(SETTLE_MS);
				samples[index].push(
					await page.evaluate(() => {
						const paint = performance.getEntriesByName('first-contentful-paint')[0];
						const tasks = /** @type {Array<[number, number]>} */ (
							/** @type {any} */ (window).__longTasks
						).filter(([start]) => start >= (paint?.startTime ?? 0));
						return {
							longest: Math.max(0, ...tasks.map(([, duration]) => duration)),
							blocking: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0)
						};
					})
				);
				await context.close();
			}
		}
	} finally {
		await browser.close();
	}
	return pages.map(([label], index) => {
		const longest = samples[index].map((sample) => sample.longest);
		const blocking = samples[index].map((sample) => sample.blocking);
		return {
			page: label,
			loads,
			longestTaskMs: { p50: median(longest), max: Math.max(...longest) },
			blockingMs: { p50: median(blocking), max: Math.max(...blocking) },
			all: samples[index]
		};
	});
}
