import { createHash } from 'node:crypto';
import { answerRound, goOn, packSecrets, questionOf, quickPlay, startRun } from './solo-helpers';
import { test, expect, gotoHydrated } from './support/fixtures';
import { postVerdict } from './support/verdicts';

/**
 * Solo play as a player does it, on the desktop and the phone projects: full runs in every mode,
 * what the page knows before a verdict, the reveal, results, revisiting, practice and sound.
 */

const MODES = [
	{ name: 'pairs', radio: /^Pairs/, pairRounds: true, singleRounds: false },
	{ name: 'single', radio: /^Real or fake/, pairRounds: false, singleRounds: true },
	{ name: 'voices', radio: /^Voices/, pairRounds: true, singleRounds: false },
	{ name: 'mixed', radio: /^Mixed/, pairRounds: true, singleRounds: true }
];

for (const mode of MODES) {
	test(`a full 10-round run in ${mode.name} mode, with reveals and results`, async ({ page }) => {
		test.slow();
		const secrets = packSecrets();
		await startRun(page, mode.radio);
		let tellsSeen = 0;
		let right = 0;
		for (let index = 0; index < 10; index++) {
			await expect(page.getByText(`Round ${index + 1} of 10`, { exact: true })).toBeVisible();
			if (mode.name === 'voices') {
				await expect(questionOf(page, index).locator('[data-kind="audio"]')).toBeVisible();
			}
			const wasRight = await answerRound(page, index, (index % 2) as 0 | 1);
			if (wasRight) right += 1;
			// The round's progress mark draws its result as an icon, not as a colour alone.
			const mark = page.getByRole('list', { name: 'Rounds' }).getByRole('listitem').nth(index);
			await expect(mark.locator(wasRight ? '.tick' : '.cross')).toBeVisible();
			await expect(mark.locator(wasRight ? '.cross' : '.tick')).toBeHidden();

			// A fake was shown: the reveal names its tells, each with the pack's own explanation.
			const tells = page.getByRole('list', { name: 'The tells' }).getByRole('listitem');
			const count = await tells.count();
			if (mode.pairRounds && !mode.singleRounds) expect(count).toBeGreaterThan(0);
			for (let tell = 0; tell < count; tell++) {
				const explanation = (await tells.nth(tell).locator('.explanation').textContent())!.trim();
				expect(secrets.explanations).toContain(explanation);
				tellsSeen += 1;
			}
			if (count === 0) await expect(page.getByText(/^No tells to show\./)).toBeVisible();
			await expect(page.getByText(/How the fake was made:|Where it comes from:/)).toBeVisible();
			await goOn(page);
		}
		expect(tellsSeen, 'the run showed at least one tell').toBeGreaterThan(0);

		await page.waitForURL(/\/results$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
		await expect(page.getByText(`${right} of 10 right`, { exact: true })).toBeVisible();
		await expect(page.getByText(/^Accuracy \d+%/)).toBeVisible();
		// The numbers, confidence, categories, studies and rounds are sections the player opens.
		for (const section of await page.locator('details.card summary').all()) await section.click();
		if (mode.pairRounds) await expect(page.getByText('Sensitivity on pairs (d′)')).toBeVisible();
		if (mode.singleRounds) {
			await expect(page.getByText('Sensitivity on single items (d′)')).toBeVisible();
			await expect(page.getByText('Bias (c)')).toBeVisible();
		}
		await expect(
			page.getByText(/You were \d+% sure on average and right \d+% of the time/)
		).toBeVisible();
		await expect(page.getByRole('heading', { name: 'How people do in studies' })).toBeVisible();
		await expect(page.getByRole('link', { name: /^doi:10\./ }).first()).toBeVisible();
		await expect(page.getByRole('link', { name: /^See again/ })).toHaveCount(10);
	});
}

test('before the verdict, nothing the browser receives says which item is fake', async ({
	page
}) => {
	test.slow();
	const secrets = packSecrets();
	await quickPlay(page);
	const runPath = new URL(page.url()).pathname;
	await expect(questionOf(page, 0)).toBeVisible();

	const html = await (await page.request.get(runPath)).text();
	const data = await (await page.request.get(`${runPath}/__data.json`)).text();
	for (const received of [html, data, await page.content()]) {
		for (const id of secrets.itemIds) expect(received).not.toContain(id);
		for (const text of [...secrets.explanations, ...secrets.provenance]) {
			expect(received).not.toContain(text);
		}
		expect(received).not.toMatch(/"?(truth|tells|provenance|synthetic\w*Side)"?\s*:/);
	}
	// Media are at addresses made for this run alone: they say nothing about the item.
	const sources = await page
		.locator('[data-round] :is(img, video)')
		.evaluateAll((elements) => elements.map((element) => element.getAttribute('src')));
	const runId = runPath.split('/').pop();
	for (const src of sources) expect(src).toMatch(new RegExp(`^/media/r/${runId}/[\\w-]{22}$`));

	// No answer key to look the media up in: the pack's manifest is not served, and the practice
	// pool (public, for offline practice) holds none of this round's media.
	expect((await page.request.get('/packs/default/manifest.json')).status()).toBe(404);
	const practice = await (await page.request.get('/packs/default/practice.json')).text();
	for (const src of sources) expect(practice).not.toContain(src!.split('/').pop());
	// Nor does anything the offline service worker downloaded once it has installed.
	const cached = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		const texts: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				const type = response?.headers.get('content-type') ?? '';
				texts.push(request.url);
				if (/json|html|javascript/.test(type)) texts.push(await response!.text());
			}
		}
		return texts.join('\n');
	});
	expect(cached).toContain('practice.json');
	for (const src of sources) expect(cached).not.toContain(src!.split('/').pop());
	for (const id of secrets.itemIds) expect(cached).not.toContain(id);

	// The answer comes only with the verdict, and only once.
	await answerRound(page, 0, 0);
	const replay = await postVerdict(page.url(), runId!, {
		round: 0,
		answer: 'right',
		confidence: 1
	});
	expect(replay.replayed).toBe(true);
	expect(replay.outcome!.confidence).toBe(0.85);
	const early = await postVerdict(page.url(), runId!, {
		round: 2,
		answer: 'left',
		confidence: 0.5
	});
	expect(early.type).toBe('failure');
	expect(early.status).toBe(409);
});

test('a round page sends its pictures ahead of its scripts, then comes alive', async ({ page }) => {
	await quickPlay(page);
	const runPath = new URL(page.url()).pathname;
	const round = await page.request.get(runPath);
	// Other pages tell the browser to fetch their script chunks at once; a round does not.
	expect((await page.request.get('/play')).headers()['link']).toContain('modulepreload');
	expect(round.headers()['link'] ?? '').not.toContain('modulepreload');

	// Found through its imports instead, the script still arrives and runs the round. Every file
	// of it asks Chrome to compile it on the thread that streams it in, not while hydrating.
	const scripts: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') scripts.push(response.text());
	});
	await page.reload();
	await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
	expect(scripts.length).toBeGreaterThan(2);
	for (const script of await Promise.all(scripts)) {
		expect(script.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
	}
	await answerRound(page, 0, 0);
	await expect(page.getByText(/How the fake was made:|Where it comes from:/)).toBeVisible();
	// The locale comes from the URL alone: no cookie is written to remember it.
	expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
		'PARAGLIDE_LOCALE'
	);
});

test('playing again shows pictures and voices this browser has not just seen', async ({ page }) => {
	test.setTimeout(180_000);
	// What the browser downloads, by content: media addresses differ from run to run by design.
	let files = new Set<string>();
	page.on('response', async (response) => {
		const type = response.headers()['content-type'] ?? '';
		if (response.status() !== 200 || !/^(image|audio)\//.test(type)) return;
		if (!new URL(response.url()).pathname.startsWith('/media/')) return;
		// The run the response belongs to is the one playing when it arrived, not when its body
		// has been read: the results page's last pictures can finish after the next run begins.
		const run = files;
		run.add(
			createHash('sha256')
				.update(await response.body())
				.digest('hex')
		);
	});
	const playQuickRun = async () => {
		files = new Set();
		await quickPlay(page);
		for (let index = 0; index < 10; index++) {
			await answerRound(page, index, 0);
			await goOn(page);
		}
		await page.waitForURL(/\/results$/);
		return files;
	};
	const first = await playQuickRun();
	const second = await playQuickRun();
	// Ten rounds show at least ten pictures or voices each time (videos aside: they stream).
	expect(first.size).toBeGreaterThanOrEqual(10);
	expect(second.size).toBeGreaterThanOrEqual(10);
	expect([...second].filter((file) => first.has(file))).toEqual([]);
});

test('a reload after the verdict shows the same reveal, and results revisit any round', async ({
	page
}) => {
	await startRun(page, /^Pairs/);
	for (let index = 0; index < 10; index++) {
		const right = await answerRound(page, index, 1, /Certain/);
		if (index === 0) {
			const verdict = right ? 'Right!' : 'Not this time';
			await page.reload();
			await page.locator('body[data-hydrated="true"]').waitFor();
			await expect(page.locator('[data-round="0"][data-state="reveal"]')).toBeVisible();
			await expect(page.getByRole('heading', { level: 2, name: verdict })).toBeVisible();
		}
		await goOn(page);
	}
	await page.waitForURL(/\/results$/);
	// The round list is a section the player opens.
	await page.locator('details.card summary', { hasText: 'Round by round' }).click();
	await page.getByRole('link', { name: 'See again Round 3' }).click();
	await expect(page.locator('[data-round="2"][data-state="reveal"]')).toBeVisible();
	await expect(page.getByText(/You said you were certain/)).toBeVisible();
	await goOn(page);
	await page.waitForURL(/\/results$/);
});

test('pictures can be inspected: loupe, enlarge, and a zoom onto each tell', async ({ page }) => {
	await startRun(page, /^Pairs/);
	let index = 0;
	for (; index < 10; index++) {
		await expect(questionOf(page, index)).toBeVisible();
		if (await questionOf(page, index).locator('[data-kind="image"]').count()) break;
		await answerRound(page, index, 0);
		await goOn(page);
	}
	expect(index, 'a pairs run has a picture round').toBeLessThan(10);

	const frame = questionOf(page, index).locator('.frame').first();
	await frame.scrollIntoViewIfNeeded();
	const box = (await frame.boundingBox())!;
	// Press, and move the loupe over the picture: a hold, not a tap, so nothing is enlarged.
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
	await page.mouse.down();
	await expect(page.locator('.lens')).toBeVisible();
	await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 3 + 20);
	await page.mouse.up();
	await expect(page.locator('.lens')).toHaveCount(0);
	await expect(page.getByRole('dialog')).toHaveCount(0);

	await page
		.getByRole('button', { name: /^Enlarge/ })
		.first()
		.click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByRole('img')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);

	await answerRound(page, index, 1);
	// A tell that covers most of the picture (over 70 % of a side) is shown whole, not zoomed
	// onto: pick the first one drawn smaller, by its outline (a 0..100 space over the picture).
	const outlines = page.locator(`[data-round="${index}"] svg.overlay`).first();
	const zoomable = await outlines.evaluate((svg) =>
		[...svg.querySelectorAll(':scope > g')].findIndex((tell) => {
			const { width, height } = (tell as SVGGElement).getBBox();
			return Math.max(width, height) < 70;
		})
	);
	expect(zoomable, 'the fake has a tell smaller than the picture').toBeGreaterThanOrEqual(0);
	const marker = page.getByRole('button', { name: new RegExp(`^Tell ${zoomable + 1}: `) }).first();
	await marker.click();
	await expect(marker).toHaveAttribute('aria-pressed', 'true');
	const whole = page.getByRole('button', { name: 'Show all' });
	await expect(whole).toBeVisible();
	await whole.click();
	await expect(whole).toHaveCount(0);
});

test('a double tap on a confidence sends one verdict', async ({ page }) => {
	await quickPlay(page);
	await expect(questionOf(page, 0)).toBeVisible();
	const verdicts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && request.url().includes('?/verdict'))
			verdicts.push(request.url());
	});
	await page.getByRole('radio').first().check();
	await page.getByRole('button', { name: /Fairly sure/ }).dblclick();
	await expect(page.locator('[data-round="0"][data-state="reveal"]')).toBeVisible();
	expect(verdicts).toHaveLength(1);
});

test('practice draws on the weak spots this device remembers', async ({ page }) => {
	test.slow();
	await startRun(page, /^Pairs/);
	for (let index = 0; index < 10; index++) {
		await answerRound(page, index, 0);
		await goOn(page);
	}
	await page.waitForURL(/\/results$/);
	const weakSpots = page.locator('section', {
		has: page.getByRole('heading', { name: 'Next: practise your weak spots' })
	});
	const named = await weakSpots.getByRole('heading', { level: 3 }).allTextContents();

	await gotoHydrated(page, '/play');
	await expect(page.getByRole('heading', { name: 'Your progress' })).toBeVisible();
	await expect(page.getByText(/Games played on this device: 1\./)).toBeVisible();
	if (named.length > 0) {
		const practice = page.locator('form', {
			has: page.getByRole('heading', { name: 'Practise my weak spots' })
		});
		for (const name of named) await expect(practice.getByText(name, { exact: true })).toBeVisible();
		await practice.getByRole('button', { name: 'Practise these tells' }).click();
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
		await expect(questionOf(page, 0)).toBeVisible();
	}
});

test('sound stays off until a tap, and the mute choice is remembered', async ({ page }) => {
	const sounds: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('/sounds/')) sounds.push(request.url());
	});
	await gotoHydrated(page, '/play');
	await expect(page.getByRole('button', { name: 'Play now' })).toBeVisible();
	expect(sounds, 'nothing is fetched or played before a gesture').toEqual([]);
	expect(await page.evaluate(() => 'Howler' in window)).toBe(false);

	// The tap that starts the run is the gesture that may load the sounds.
	await page.getByRole('button', { name: 'Play now' }).click();
	await expect(questionOf(page, 0)).toBeVisible();
	await expect.poll(() => sounds.length).toBeGreaterThan(0);

	const toggle = page.getByRole('button', { name: 'Sound effects' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await gotoHydrated(page, '/play');
	await expect(page.getByRole('button', { name: 'Sound effects' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await expect(page.getByText('off', { exact: true })).toBeVisible();
});

test('the learn page explains each tell it has an example of, with that example', async ({
	page
}) => {
	await gotoHydrated(page, '/learn');
	await expect(page.getByRole('heading', { level: 1, name: 'Learn the tells' })).toBeVisible();
	const categories = page.locator('article.category');
	expect(await categories.count()).toBeGreaterThan(5);
	// Every category listed shows at least one example: a close-up, a voice or a video to play.
	for (const category of await categories.all()) {
		await expect(
			category
				.getByRole('img', { name: /A close-up of a fake picture/ })
				.or(category.getByRole('button', { name: /^Play the tell/ }))
				.or(category.getByLabel(/^A fake video, set to play the tell/))
				.first()
		).toBeVisible();
	}
	await expect(
		page.getByRole('img', { name: /A close-up of a fake picture/ }).first()
	).toBeVisible();
	await expect(page.getByRole('button', { name: /^Play the tell/ }).first()).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a round still works as plain forms: start, answer, reveal, next', async ({ page }) => {
		await page.goto('/play');
		await page.getByRole('button', { name: 'Play now' }).click();
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
		await expect(questionOf(page, 0)).toBeVisible();
		await page.getByRole('radio').first().check();
		await page.getByRole('button', { name: /Fairly sure/ }).click();
		await page.waitForURL(/\?reveal=0$/);
		await expect(
			page.getByRole('heading', { level: 2, name: /^(Right!|Not this time)$/ })
		).toBeVisible();
		await goOn(page);
		await expect(questionOf(page, 1)).toBeVisible();
		await expect(page.getByText('Round 2 of 10', { exact: true })).toBeVisible();
	});
});
