import type { Locator, Page } from '@playwright/test';
import { answerRound, goOn, questionOf, startRun } from './solo-helpers';
import { test, expect, gotoHydrated } from './support/fixtures';

/**
 * Solo play sized for a phone (the phone project's Pixel 7, 412x915, and a small 360x740 phone)
 * and a desktop: a pair and the answer buttons on one screen, tap to enlarge and hold to
 * magnify, a keyboard round without surprises, results that lead with what a player wants,
 * reveals worded for their media, tell numbers beside the flaw, and no page wider than the
 * screen.
 */

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
	const found = await locator.boundingBox();
	expect(found, 'element is laid out').not.toBeNull();
	return found!;
}

/** The round on screen shows its media and every answer control without scrolling. */
async function expectRoundFits(page: Page, index: number) {
	const round = questionOf(page, index);
	await expect(round).toBeVisible();
	const viewport = page.viewportSize()!;
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	const sides = round.locator('figure.side');
	const count = await sides.count();
	const media = [];
	for (let side = 0; side < count; side++) {
		const shown = await box(sides.nth(side));
		expect(shown.y, `side ${side} starts on screen`).toBeGreaterThanOrEqual(0);
		expect(shown.y + shown.height, `side ${side} ends on screen`).toBeLessThanOrEqual(
			viewport.height + 1
		);
		media.push(shown);
	}
	for (const control of [
		...(await round.getByRole('radio').all()),
		...(await round.getByRole('button', { name: /Guessing|Leaning|Fairly sure|Certain/ }).all())
	]) {
		const shown = await box(
			control.locator('xpath=ancestor-or-self::*[self::label or self::button][1]')
		);
		expect(shown.y + shown.height, 'answer control on screen').toBeLessThanOrEqual(
			viewport.height + 1
		);
	}
	// Nothing overlaps: the answers sit below the media.
	const firstAnswer = await box(round.locator('label.answer').first());
	for (const shown of media) expect(shown.y + shown.height).toBeLessThanOrEqual(firstAnswer.y + 1);
	return media;
}

/** The document is no wider than the screen, hidden content included. */
async function expectNoSidewaysScroll(page: Page, what: string) {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(scrollWidth, `${what} is no wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

function overlaps(a: Box, b: Box) {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The region an outline draws, on screen: its geometry in the overlay's 0..100 space, scaled
 * (a polygon's client rectangle also counts the spikes of its stroke's mitred corners).
 */
async function regionOnScreen(outline: Locator): Promise<Box> {
	return outline.evaluate((shape: SVGGraphicsElement) => {
		const area = shape.ownerSVGElement!.getBoundingClientRect();
		const bbox = shape.getBBox();
		return {
			x: area.x + (bbox.x / 100) * area.width,
			y: area.y + (bbox.y / 100) * area.height,
			width: (bbox.width / 100) * area.width,
			height: (bbox.height / 100) * area.height
		};
	});
}

/** On a picture's reveal, each tell's number sits outside its outline; numbers in reading order. */
async function expectMarkersBesideTells(page: Page, index: number) {
	const fake = page.locator(`[data-round="${index}"][data-state="reveal"] figure.side.fake`);
	const markers = fake.locator('button.marker');
	const outlines = fake.locator('svg.overlay g .over');
	const count = await markers.count();
	expect(await outlines.count()).toBe(count);
	for (let tell = 0; tell < count; tell++) {
		await expect(markers.nth(tell)).toHaveText(String(tell + 1));
	}
	// Measured until the layout has settled (the reveal grows the media it shrank to fit).
	const covering = async () => {
		const frame = await box(fake.locator('.frame'));
		const covered: number[] = [];
		for (let tell = 0; tell < count; tell++) {
			const outline = await regionOnScreen(outlines.nth(tell));
			const marker = await box(markers.nth(tell));
			// A region filling the picture leaves no outside; every other number is clear of it.
			const fills = outline.width > frame.width * 0.85 && outline.height > frame.height * 0.85;
			if (!fills && overlaps(marker, outline)) covered.push(tell + 1);
		}
		return covered;
	};
	await expect.poll(covering, { message: 'tell numbers covering their own region' }).toEqual([]);
	const frame = await box(fake.locator('.frame'));
	let previous: { band: number; x: number } | null = null;
	for (let tell = 0; tell < count; tell++) {
		const outline = await regionOnScreen(outlines.nth(tell));
		const here = { band: Math.floor(((outline.y - frame.y) / frame.height) * 10), x: outline.x };
		if (previous) {
			expect(
				here.band > previous.band || (here.band === previous.band && here.x >= previous.x),
				`tell ${tell + 1} comes after tell ${tell} in reading order`
			).toBe(true);
		}
		previous = here;
	}
}

const SMALL_PHONE = { width: 360, height: 740 };

for (const small of [false, true]) {
	test.describe(small ? 'on a 360x740 phone' : 'at the project size', () => {
		if (small) test.use({ viewport: SMALL_PHONE });
		// The small phone runs with the phone project's device (touch, mobile), not the desktop's.
		if (small) test.skip(({ isMobile }) => !isMobile, 'the small phone is a phone size');

		test('a pair and the answer buttons share one screen; tap enlarges, hold magnifies; pictures, voices and a video', async ({
			page
		}, testInfo) => {
			test.slow();
			const wide = (page.viewportSize()?.width ?? 0) >= 576;
			await startRun(page, /^Pairs/);
			let pictures = 0;
			let voices = 0;
			let videos = 0;
			for (let index = 0; index < 10; index++) {
				const media = await expectRoundFits(page, index);
				const round = questionOf(page, index);
				const kind = await round.locator('.round-media').getAttribute('data-kind');
				expect(media).toHaveLength(2);
				if (wide) {
					// Side by side, each picture large enough to show detail.
					expect(Math.abs(media[0].y - media[1].y)).toBeLessThan(2);
					expect(media[1].x).toBeGreaterThan(media[0].x + media[0].width - 1);
				} else {
					expect(media[1].y).toBeGreaterThanOrEqual(media[0].y + media[0].height - 1);
				}
				if (kind === 'image') {
					const frame = round.locator('figure.side').first().locator('.frame');
					const shown = await box(frame);
					if (wide) expect(shown.height).toBeGreaterThanOrEqual(300);
					else expect(shown.height).toBeGreaterThanOrEqual(140);
					if (pictures === 0) {
						// A tap opens the picture large; closing it comes back to the round.
						if (testInfo.project.name === 'phone') await frame.tap();
						else await frame.click();
						const dialog = page.getByRole('dialog');
						await expect(dialog).toBeVisible();
						await dialog.getByRole('button', { name: 'Close' }).click();
						await expect(dialog).toBeHidden();
						// Holding still magnifies and opens nothing.
						await page.mouse.move(shown.x + shown.width / 2, shown.y + shown.height / 2);
						await page.mouse.down();
						await expect(frame.locator('.lens')).toBeVisible();
						await page.waitForTimeout(400);
						await page.mouse.up();
						await expect(frame.locator('.lens')).toHaveCount(0);
						await expect(page.getByRole('dialog')).toHaveCount(0);
						// The enlarge button beside the picture does the same for a keyboard.
						await round
							.getByRole('button', { name: /^Enlarge:/ })
							.first()
							.click();
						await expect(page.getByRole('dialog')).toBeVisible();
						await page.keyboard.press('Escape');
						await expect(page.getByRole('dialog')).toHaveCount(0);
					}
					pictures += 1;
				}
				if (kind === 'video') videos += 1;
				await expectNoSidewaysScroll(page, `round ${index + 1}`);
				await answerRound(page, index, (index % 2) as 0 | 1);
				await expectNoSidewaysScroll(page, `round ${index + 1}'s reveal`);
				const hint = page.locator('.reveal .hint');
				if (kind === 'audio') {
					voices += 1;
					await expect(hint).toHaveText('Tap a tell to hear just that stretch.');
				} else if (kind === 'image') {
					await expect(hint).toHaveText('Tap a tell to zoom in on it.');
					await expectMarkersBesideTells(page, index);
				}
				await goOn(page);
			}
			// Quick play's promise: the default pack's 6 videos allow one a run and its 18 real photos
			// three pictures (five runs in a row need not repeat one), and voices take the rest.
			expect(videos, 'the run showed a video pair').toBe(1);
			expect(pictures, 'the run showed its share of picture pairs').toBe(3);
			expect(voices, 'the run showed its share of voice pairs').toBe(6);
		});

		test('a keyboard player picks, chooses how sure, sends and goes on without surprises', async ({
			page
		}, testInfo) => {
			await startRun(page, /^Pairs/);
			const keys = page.locator('.dock .keys');
			if (testInfo.project.name === 'desktop') {
				await expect(keys).toHaveText(/1 or 2 .* 3 to 6 .* Enter sends/);
			}
			for (const [index, pick, level, onward] of [
				[0, '1', '5', 'Enter'],
				[1, '2', '6', 'n']
			] as const) {
				const round = questionOf(page, index);
				await expect(round).toBeVisible();
				if (index === 1) {
					// The new round's question has the focus, not the page's body.
					await expect(
						page.getByRole('heading', { level: 1, name: 'Which one is fake?' })
					).toBeFocused();
				}
				await page.keyboard.press(pick);
				const picked = round.getByRole('radio').nth(Number(pick) - 1);
				await expect(picked).toBeChecked();
				await expect(picked).toBeFocused();
				// Enter now sends nothing: it asks how sure.
				await page.keyboard.press('Enter');
				await expect(page.getByRole('alert')).toHaveText(/Now say how sure you are/);
				await expect(round).toBeVisible();
				await page.keyboard.press(level);
				const chosen = round.getByRole('button', {
					name: level === '5' ? /Fairly sure/ : /Certain/
				});
				await expect(chosen).toBeFocused();
				await page.keyboard.press('Enter');
				const reveal = page.locator(`[data-round="${index}"][data-state="reveal"]`);
				await expect(reveal).toBeVisible();
				await expect(
					page.getByRole('heading', { level: 2, name: /^(Right!|Not this time)$/ })
				).toBeFocused();
				await expect(reveal.getByText(level === '5' ? /fairly sure/ : /certain/)).toBeVisible();
				await page.keyboard.press(onward);
			}
			await expect(questionOf(page, 2)).toBeVisible();
			await expect(
				page.getByRole('heading', { level: 1, name: 'Which one is fake?' })
			).toBeFocused();
		});

		test('results lead with the score, its meaning, the next step and Share, on 2.5 screens', async ({
			page
		}) => {
			test.slow();
			await startRun(page, /^Real or fake/);
			for (let index = 0; index < 10; index++) {
				await answerRound(page, index, (index % 2) as 0 | 1);
				if ((await page.locator('.reveal .tell-list').count()) === 0) {
					// A real item: said once, not twice.
					await expect(page.getByText(/This one was real/)).toHaveCount(1);
					await expect(page.getByText(/^No tells to show\./)).toBeVisible();
				}
				await goOn(page);
			}
			await page.waitForURL(/\/results$/);
			await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
			const viewport = page.viewportSize()!;
			const height = await page.evaluate(() => document.documentElement.scrollHeight);
			expect(height, 'the results, collapsed, fit 2.5 screens').toBeLessThanOrEqual(
				viewport.height * 2.5
			);
			await expectNoSidewaysScroll(page, 'the results');

			// In order: the score in words, what it means, the next step, Share, then the rest.
			const score = await box(page.getByText(/^\d+ of 10 right$/));
			const meaning = await box(page.locator('.meaning'));
			const next = await box(page.getByRole('heading', { name: 'Next: practise your weak spots' }));
			const share = await box(page.getByRole('heading', { name: 'Share your score' }));
			expect(score.y).toBeLessThan(viewport.height);
			expect(meaning.y).toBeGreaterThan(score.y);
			expect(next.y).toBeGreaterThan(meaning.y);
			expect(share.y).toBeGreaterThan(next.y);
			await expect(page.locator('.meaning')).toHaveText(
				/(chance|better than chance|sharply|more often than the fake)[\s\S]*d′ is -?\d/
			);

			// The sections open on demand; ten single rounds are enough for d′, c and calibration.
			const sections = page.locator('details.card');
			await expect(sections).toHaveCount(5);
			for (const section of await sections.all()) {
				await expect(section).not.toHaveAttribute('open');
				await section.locator('summary').click();
				await expect(section).toHaveAttribute('open');
			}
			await expect(page.getByText('Sensitivity on single items (d′)')).toBeVisible();
			await expect(page.getByText('Bias (c)')).toBeVisible();
			await expect(page.getByText(/You were \d+% sure on average/)).toBeVisible();
			await expect(page.getByText(/Play a few more rounds/)).toHaveCount(0);
			await expect(page.getByRole('link', { name: /^See again/ })).toHaveCount(10);
			await expectNoSidewaysScroll(page, 'the results with every section open');

			// The score page the share link opens.
			await page.getByRole('link', { name: 'Open your score page' }).click();
			await page.waitForURL(/\/s\/[A-Za-z0-9_-]+$/);
			await expect(page.getByText('Verified score', { exact: true })).toBeVisible();
			await expectNoSidewaysScroll(page, 'the score page');
		});

		test('no page scrolls sideways', async ({ page }) => {
			for (const path of ['/', '/play', '/learn', '/about', '/host', '/join']) {
				await gotoHydrated(page, path);
				await expectNoSidewaysScroll(page, path);
			}
			// A class session's host screen, and the score page of a shared run.
			await gotoHydrated(page, '/host');
			await page.getByRole('button', { name: 'Create the session' }).click();
			await page.waitForURL(/\/class\/[\w-]+\/host$/);
			await page.locator('body[data-hydrated="true"]').waitFor();
			await expectNoSidewaysScroll(page, 'the host screen');
			const code = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '');
			await gotoHydrated(page, '/join');
			await page.getByLabel('Class code').fill(code);
			await page.getByRole('button', { name: 'Join' }).click();
			await page.getByLabel('Nickname').waitFor();
			await expectNoSidewaysScroll(page, 'the seat joining');
		});
	});
}
