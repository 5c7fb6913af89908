import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';
import { parseShareText, sharedRun } from './share-helpers';
import { answerRound, goOn, questionOf, quickPlay } from './solo-helpers';
import { test, expect, gotoHydrated } from './support/fixtures';
import { postVerdict } from './support/verdicts';

/**
 * Score links end to end: a run played in the browser, shared through the Web Share API and the
 * clipboard, opened by a friend in a fresh browser, and replayed as the same rounds.
 */

// Online rounds show media at addresses made for their run (src/lib/server/packs/media-links.ts).
const MEDIA = /\/media\/r\//;

/** The media a round shows: every URL in its markup, or the clips its voice players fetched. */
async function roundMedia(page: Page, index: number, seen: Set<string>): Promise<string[]> {
	const round = page.locator(`[data-round="${index}"]`);
	const kind = await round.locator('[data-kind]').first().getAttribute('data-kind');
	if (kind !== 'audio') {
		const urls = await round
			.locator(':is(img, video, audio, source)')
			.evaluateAll((elements) =>
				elements.flatMap((element) => [
					element.getAttribute('src') ?? '',
					element.getAttribute('poster') ?? '',
					...(element.getAttribute('srcset') ?? '')
						.split(',')
						.map((part) => part.trim().split(' ')[0])
				])
			);
		return [...new Set(urls.filter((url) => MEDIA.test(url)))].sort();
	}
	// Voice players keep their clip out of the markup; each fetches it once to draw its waveform.
	const sides = await round.locator('[data-side]').count();
	let fresh: string[] = [];
	await expect
		.poll(async () => {
			const fetched = await page.evaluate(() =>
				performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
			);
			fresh = [...new Set(fetched.filter((url) => MEDIA.test(url) && !seen.has(url)))];
			return fresh.length;
		})
		.toBeGreaterThanOrEqual(sides);
	return fresh.sort();
}

/** The media behind a round's addresses, by their bytes: two runs' addresses never match. */
async function fingerprints(page: Page, urls: string[]): Promise<string[]> {
	const hashes = await Promise.all(
		urls.map(async (url) =>
			createHash('sha256')
				.update(await (await page.request.get(url)).body())
				.digest('hex')
		)
	);
	return [...new Set(hashes)].sort();
}

/**
 * Plays every round of the run on screen with the `choice`-th answer (0 or 1) and returns the
 * media of each round in order (by their bytes). Ends on the results page.
 */
async function playRun(page: Page, choice: 0 | 1): Promise<string[][]> {
	const rounds: string[][] = [];
	const seen = new Set<string>();
	const results = page.getByRole('heading', { level: 1, name: 'Your results' });
	for (let index = 0; ; index++) {
		await expect(questionOf(page, index)).toBeVisible();
		const media = await roundMedia(page, index, seen);
		expect(media.length, `round ${index + 1} shows media`).toBeGreaterThan(0);
		media.forEach((url) => seen.add(url));
		rounds.push(await fingerprints(page, media));
		await answerRound(page, index, choice);
		await goOn(page);
		await expect(questionOf(page, index + 1).or(results)).toBeVisible();
		if (await results.isVisible()) break;
	}
	await expect(page).toHaveURL(/\/play\/[^/]+\/results$/);
	await page.locator('body[data-hydrated="true"]').waitFor();
	return rounds;
}

/** A fresh browser context with the same device as the test's project, watched for foreign requests. */
async function freshContext(
	browser: Browser,
	testInfo: TestInfo,
	options: { javaScriptEnabled?: boolean } = {}
): Promise<{ context: BrowserContext; page: Page; foreign: string[] }> {
	const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL } =
		testInfo.project.use;
	const context = await browser.newContext({
		viewport,
		userAgent,
		deviceScaleFactor,
		isMobile,
		hasTouch,
		baseURL,
		...options
	});
	const page = await context.newPage();
	const foreign: string[] = [];
	const own = new URL(baseURL!).origin;
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== own) {
			foreign.push(request.url());
		}
	});
	return { context, page, foreign };
}

/** The right/wrong row shown on a score page. */
async function scoreRow(page: Page): Promise<boolean[]> {
	return page
		.locator('ol.rounds li')
		.evaluateAll((items) => items.map((item) => item.getAttribute('data-right') === 'true'));
}

/** WCAG 2.2 AA violations on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	return violations.map(
		(violation) =>
			`${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a played run is shared, verified by a friend and replayed as the same rounds', async ({
	page,
	browser
}, testInfo) => {
	test.setTimeout(180_000);
	// Capture what the page hands to the Web Share API instead of opening a share sheet.
	await page.addInitScript(() => {
		const shared: ShareData[] = [];
		Object.defineProperty(window, '__shared', { value: shared });
		Object.defineProperty(navigator, 'share', {
			configurable: true,
			value: async (data: ShareData) => {
				shared.push(data);
			}
		});
		Object.defineProperty(navigator, 'canShare', { configurable: true, value: () => true });
	});

	await quickPlay(page);
	const mine = await playRun(page, 0);

	// Web Share.
	const panel = page.getByRole('region', { name: 'Share your score' });
	await panel.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(panel.getByRole('status')).toHaveText('Shared.');
	const shared = await page.evaluate(
		() => (window as unknown as { __shared: ShareData[] }).__shared
	);
	expect(shared).toHaveLength(1);
	const viaShare = parseShareText(shared[0].text!);
	expect(viaShare.total).toBe(mine.length);
	expect(viaShare.rounds).toHaveLength(mine.length);
	expect(viaShare.right).toBe(viaShare.rounds.filter(Boolean).length);
	expect(viaShare.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+$/);
	expect(viaShare.url.length).toBeLessThan(120);
	await expect(panel.locator('pre')).toHaveText(shared[0].text!);

	// Without the Web Share API, Share copies the same text; "Copy link" copies the link alone.
	await page.evaluate(() =>
		Object.defineProperty(navigator, 'share', { configurable: true, value: undefined })
	);
	await panel.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(panel.getByRole('status')).toHaveText('Score and link copied. Paste them anywhere.');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shared[0].text);
	await panel.getByRole('button', { name: 'Copy link' }).click();
	await expect(panel.getByRole('status')).toHaveText('Link copied.');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(viaShare.url);

	// A friend opens the link in another browser: the same score, verified.
	const friend = await freshContext(browser, testInfo);
	const score = new URL(viaShare.url);
	await gotoHydrated(friend.page, score.pathname);
	await expect(friend.page.getByText('Verified score', { exact: true })).toBeVisible();
	await expect(friend.page.getByRole('heading', { level: 1 })).toHaveText(
		`${viaShare.right} of ${viaShare.total} right`
	);
	expect(await scoreRow(friend.page)).toEqual(viaShare.rounds);
	await expect(friend.page.getByText('pairs', { exact: true })).toBeVisible();

	// Play the same rounds: the same media, in the same order.
	await friend.page.getByRole('button', { name: 'Play the same rounds' }).click();
	await expect(friend.page).toHaveURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	await friend.page.locator('body[data-hydrated="true"]').waitFor();
	const theirs = await playRun(friend.page, 1);
	expect(theirs).toEqual(mine);

	// The friend answered the other side every time, so every round went the other way.
	const comparison = friend.page.getByRole('region', {
		name: 'You and your challenger, round by round'
	});
	const rows = comparison.locator('ol li');
	await expect(rows).toHaveCount(mine.length);
	for (const [index, theyWereRight] of viaShare.rounds.entries()) {
		await expect(rows.nth(index)).toContainText(
			theyWereRight
				? `They spotted round ${index + 1}, you didn't`
				: `You spotted round ${index + 1}, they didn't`
		);
	}
	const myRight = viaShare.rounds.filter((right) => !right).length;
	await expect(comparison.getByTestId('challenge-totals')).toContainText(
		`You: ${myRight} of ${mine.length} right. Them: ${viaShare.right} of ${mine.length} right.`
	);
	expect(await axeViolations(friend.page), 'results with the comparison').toEqual([]);
	expect(friend.foreign).toEqual([]);
	await friend.context.close();
});

test("a replay of one's own revealed run says so on its score page, title, card and share text", async ({
	page,
	request,
	baseURL
}) => {
	test.setTimeout(120_000);
	const original = await sharedRun(request, baseURL!);
	// The reveals of the first run are the answers to the replay.
	const answers: string[] = [];
	const challenged = await request.post(`/s/${original.code}?/challenge`, {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: {},
		maxRedirects: 0
	});
	expect(challenged.status()).toBe(303);
	const replayId = challenged.headers()['location'].split('/').pop()!;
	for (let round = 0; ; round++) {
		const reveal = await postVerdict(baseURL!, original.runId, {
			round,
			answer: 'left',
			confidence: 0.9
		});
		// The first run's stored verdict comes back with its reveal (replayed: true).
		expect(reveal.replayed).toBe(true);
		answers.push(reveal.outcome!.reveal.answer);
		expect((await request.get(`/play/${replayId}`)).ok()).toBe(true);
		const verdict = await postVerdict(baseURL!, replayId, {
			round,
			answer: answers[round],
			confidence: 1
		});
		expect(verdict.outcome!.correct).toBe(true);
		if (verdict.finished) break;
	}
	const replay = (await (await request.get(`/api/share/runs/${replayId}`)).json()) as {
		code: string;
		text: string;
	};
	expect(replay.text).toMatch(/^Telltale (\d+)\/\1 · pairs · replay · \d+% sure\n/);

	await gotoHydrated(page, `/s/${replay.code}`);
	const { right, total } = parseShareText(original.text);
	const note = page.locator('[data-replay]');
	await expect(note).toContainText(
		'A replay: these rounds were first played for another score link'
	);
	await expect(note).toContainText(`${right} of ${total} right`);
	await expect(page).toHaveTitle(/a replay/);
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /a replay/);
	await page.screenshot({ path: test.info().outputPath('replay-score.png'), fullPage: true });
	expect(await axeViolations(page)).toEqual([]);
	await note.getByRole('link', { name: 'See the score these rounds came from' }).click();
	await expect(page).toHaveURL(new RegExp(`/s/${original.code}$`));
	await expect(page.locator('[data-replay]')).toHaveCount(0);

	const card = await request.get(`/s/${replay.code}/card.png`);
	expect(card.ok()).toBe(true);
	expect(card.headers()['content-type']).toBe('image/png');
});

test('an offline practice run offers no verified link and says why', async ({ page }) => {
	await gotoHydrated(page, '/play/offline');
	const results = page.getByRole('heading', { level: 1, name: 'Your results' });
	for (let index = 0; ; index++) {
		await answerRound(page, index, 0);
		await page.getByRole('button', { name: /^(Next round|See your results)$/ }).click();
		await expect(questionOf(page, index + 1).or(results)).toBeVisible();
		if (await results.isVisible()) break;
	}
	const panel = page.getByRole('region', { name: 'Share your score' });
	await expect(panel).toContainText('played offline as practice, so it has no verified score link');
	await expect(panel.getByRole('button')).toHaveCount(0);
	await expect(panel.getByRole('link')).toHaveCount(0);
});

test('the score page and the unverified page pass axe, light and dark', async ({
	page,
	request,
	baseURL
}) => {
	const { code } = await sharedRun(request, baseURL!);
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await gotoHydrated(page, `/s/${code}`);
		expect(await axeViolations(page), `score page, ${colorScheme}`).toEqual([]);
		await gotoHydrated(page, `/s/${code.slice(0, -2)}`);
		expect(await axeViolations(page), `unverified page, ${colorScheme}`).toEqual([]);
	}
});

test('the score page works without JavaScript, and so do Play the same rounds and the comparison', async ({
	browser,
	request,
	baseURL
}, testInfo) => {
	test.setTimeout(120_000);
	const { code, text } = await sharedRun(request, baseURL!);
	const { right, total, rounds: theirs } = parseShareText(text);
	const friend = await freshContext(browser, testInfo, { javaScriptEnabled: false });
	const { page } = friend;
	await page.goto(`/s/${code}`);
	await expect(page.getByText('Verified score', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${right} of ${total} right`);
	await page.getByRole('button', { name: 'Play the same rounds' }).click();
	await expect(page).toHaveURL(/\/play\/[A-Za-z0-9_-]{22}$/);

	// Every round as plain forms; the reveal says whether the friend was right.
	const mine: boolean[] = [];
	const verdict = page.getByRole('heading', { level: 2, name: /^(Right!|Not this time)$/ });
	for (let index = 0; index < total; index++) {
		await expect(questionOf(page, index)).toBeVisible();
		await page.getByRole('radio').first().check();
		await page.getByRole('button', { name: /Fairly sure/ }).click();
		await page.waitForURL(new RegExp(`\\?reveal=${index}$`));
		mine.push((await verdict.textContent())?.trim() === 'Right!');
		await goOn(page);
	}
	await expect(page).toHaveURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);

	// The comparison is in the page as served: no script ran to fetch it.
	const comparison = page.getByRole('region', { name: 'You and your challenger, round by round' });
	const rows = comparison.locator('ol li');
	await expect(rows).toHaveCount(total);
	for (const [index, youWereRight] of mine.entries()) {
		const n = index + 1;
		const sentence = youWereRight
			? theirs[index]
				? `You both spotted round ${n}`
				: `You spotted round ${n}, they didn't`
			: theirs[index]
				? `They spotted round ${n}, you didn't`
				: `You both missed round ${n}`;
		await expect(rows.nth(index)).toContainText(sentence);
	}
	await expect(comparison.getByTestId('challenge-totals')).toContainText(
		`You: ${mine.filter(Boolean).length} of ${total} right. Them: ${right} of ${total} right.`
	);
	await comparison.getByRole('link', { name: 'See their score card' }).click();
	await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
	expect(friend.foreign).toEqual([]);
	await friend.context.close();
});

test('a tampered, truncated or garbage link says the score could not be verified', async ({
	page,
	request,
	baseURL
}) => {
	const { code } = await sharedRun(request, baseURL!);
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const changeAt = (at: number) =>
		code.slice(0, at) +
		alphabet[(alphabet.indexOf(code[at]) + 17) % alphabet.length] +
		code.slice(at + 1);
	const signatureStart = code.length - 16;
	const cases = {
		'payload character (pack id)': changeAt(4),
		'payload character (results)': changeAt(signatureStart - 2),
		'signature character': changeAt(code.length - 3),
		'last character': changeAt(code.length - 1),
		'format version': changeAt(1),
		'signature cut off': code.slice(0, signatureStart),
		'one character short': code.slice(0, -1),
		'half the code': code.slice(0, Math.floor(code.length / 2)),
		garbage: 'this-is-not-a-score',
		'random bytes': 'q'.repeat(code.length)
	};
	for (const [what, bad] of Object.entries(cases)) {
		expect(bad, what).not.toBe(code);
		const response = await page.goto(`/s/${bad}`);
		expect([400, 404], `${what}: status`).toContain(response!.status());
		await expect(page.getByRole('heading', { level: 1 }), what).toHaveText(
			'This score could not be verified'
		);
		await expect(page.getByText('Verified score', { exact: true }), what).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Play the same rounds' }), what).toHaveCount(0);
		await expect(page.locator('meta[property="og:image"]'), what).toHaveCount(0);
		const card = await request.get(`/s/${bad}/card.png`);
		expect([400, 404], `${what}: card status`).toContain(card.status());
		// Starting a challenge from a forged code is refused too.
		const challenge = await request.post(`/s/${bad}?/challenge`, {
			form: {},
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect([400, 404], `${what}: challenge status`).toContain(challenge.status());
	}
	// The genuine code still verifies.
	expect((await page.goto(`/s/${code}`))!.status()).toBe(200);
	await expect(page.getByText('Verified score', { exact: true })).toBeVisible();
});

test('the score page carries a social preview with a 1200x630 PNG score card', async ({
	page,
	request,
	baseURL
}) => {
	const { code, text } = await sharedRun(request, baseURL!);
	const { right, total } = parseShareText(text);
	await gotoHydrated(page, `/s/${code}`);
	const meta = (selector: string) => page.locator(selector).getAttribute('content');
	const cardUrl = `${baseURL}/s/${code}/card.png`;
	expect(await meta('meta[property="og:image"]')).toBe(cardUrl);
	expect(await meta('meta[property="og:image:width"]')).toBe('1200');
	expect(await meta('meta[property="og:image:height"]')).toBe('630');
	expect(await meta('meta[property="og:title"]')).toBe(`${right}/${total} on Telltale (pairs)`);
	expect(await meta('meta[property="og:description"]')).toContain(
		`${right} of ${total} rounds right`
	);
	expect(await meta('meta[property="og:url"]')).toBe(`${baseURL}/s/${code}`);
	expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');

	const card = await request.get(cardUrl);
	expect(card.status()).toBe(200);
	expect(card.headers()['content-type']).toBe('image/png');
	expect(card.headers()['cache-control']).toContain('immutable');
	const png = await card.body();
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
	expect(png.readUInt32BE(16)).toBe(1200);
	expect(png.readUInt32BE(20)).toBe(630);
	// Served again from the cache: the same bytes.
	expect(Buffer.compare(await (await request.get(cardUrl)).body(), png)).toBe(0);
});
