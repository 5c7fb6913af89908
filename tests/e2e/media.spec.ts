import type { Locator, Page } from '@playwright/test';
import { answerRound, questionOf, quickPlay, startRun } from './solo-helpers';
import { playedAudio, recordPlayedAudio } from './support/audio';
import { test, expect } from './support/fixtures';

/**
 * The round's media in a real browser: the A/B voice players (howler playback, waveforms drawn
 * from the clips, the tells' time ranges after the verdict), and motion under reduced motion.
 */

/** The seconds a voice player shows as played ("1.2 / 3.4 s"). */
async function playedSeconds(player: Locator): Promise<number> {
	const text = await player.locator('.time').innerText();
	return Number(/^([\d.]+) \//.exec(text.trim())?.[1] ?? NaN);
}

function voice(page: Page, side: 'left' | 'right') {
	return page.locator(`figure[data-side="${side}"]`);
}

test('voice rounds: A/B players play through howler, draw waveforms, and mark the tells', async ({
	page
}) => {
	await page.addInitScript(recordPlayedAudio);
	await startRun(page, /^Voices/);
	await expect(questionOf(page, 0).locator('[data-kind="audio"]')).toBeVisible();
	const [left, right] = [voice(page, 'left'), voice(page, 'right')];

	// Both waveforms are drawn from the clips themselves, before anything plays.
	for (const player of [left, right]) {
		await expect.poll(() => player.locator('svg rect.bar').count()).toBeGreaterThan(100);
		const heights = await player
			.locator('svg rect.bar')
			.evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
		// A voice is louder in some places than others: not one flat line.
		expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights) * 2);
	}
	expect(await playedAudio(page)).toEqual([]);

	// Play: the button turns into pause, the time runs, and the clip is what howler started.
	await left.getByRole('button', { name: /^Play: (Left|Top) voice$/ }).click();
	await expect(left.getByRole('button', { name: /^Pause: (Left|Top) voice$/ })).toBeVisible();
	await expect.poll(() => playedSeconds(left)).toBeGreaterThan(0.2);
	// (Howler starts a clip again when it seeks, so one clip may be started more than once.)
	const clips = async () =>
		new Set((await playedAudio(page)).filter((url) => /^\/(packs|media)\//.test(url))).size;
	await expect.poll(clips).toBe(1);
	await expect
		.poll(() => left.locator('svg rect.bar.played').count(), { message: 'played bars' })
		.toBeGreaterThan(0);

	// Starting the other voice pauses the first: one voice at a time.
	await right.getByRole('button', { name: /^Play: (Right|Bottom) voice$/ }).click();
	await expect(right.getByRole('button', { name: /^Pause: / })).toBeVisible();
	await expect(left.getByRole('button', { name: /^Play: / })).toBeVisible();
	const paused = await playedSeconds(left);
	await expect.poll(() => playedSeconds(right)).toBeGreaterThan(0.2);
	expect(await clips()).toBe(2);
	expect(await playedSeconds(left)).toBe(paused);
	await right.getByRole('button', { name: /^Pause: / }).click();
	await expect(right.getByRole('button', { name: /^Play: / })).toBeVisible();

	// Before the verdict nothing is marked; after it, the fake voice's tells are time ranges
	// drawn over its waveform, each with a numbered button.
	expect(await page.locator('svg rect.range').count()).toBe(0);
	await answerRound(page, 0, 0);
	const fake = page.locator('figure.fake');
	await expect(fake).toHaveCount(1);
	const ranges = fake.locator('svg rect.range');
	await expect.poll(() => ranges.count()).toBeGreaterThan(0);
	for (const range of await ranges.all()) {
		const x = Number(await range.getAttribute('x'));
		const width = Number(await range.getAttribute('width'));
		expect(x).toBeGreaterThanOrEqual(0);
		expect(width).toBeGreaterThan(0);
		expect(x + width).toBeLessThanOrEqual(100.5);
	}
	const markers = fake.getByRole('button', { name: /^Tell \d+: .+, [\d.]+ to [\d.]+ seconds$/ });
	await expect(markers).toHaveCount(await ranges.count());
	await expect(page.locator('figure.real svg rect.range')).toHaveCount(0);
});

/** Durations of a CSS property in seconds ("0.26s, 1e-05s" -> [0.26, 0.00001]). */
function seconds(value: string): number[] {
	return value.split(',').map((part) => parseFloat(part) * (part.trim().endsWith('ms') ? 1e-3 : 1));
}

async function motion(page: Page) {
	const answer = await page
		.locator('.answer')
		.first()
		.evaluate((element) => getComputedStyle(element).transitionDuration);
	await answerRound(page, 0, 0);
	const reveal = await page
		.locator('.reveal')
		.evaluate((element) => getComputedStyle(element).animationDuration);
	return { answer: seconds(answer), reveal: seconds(reveal) };
}

test('animations and transitions run normally, and stop under reduced motion', async ({ page }) => {
	await quickPlay(page);
	const normal = await motion(page);
	expect(Math.min(...normal.answer)).toBeGreaterThanOrEqual(0.1);
	expect(Math.min(...normal.reveal)).toBeGreaterThanOrEqual(0.2);

	await page.emulateMedia({ reducedMotion: 'reduce' });
	await quickPlay(page);
	const reduced = await motion(page);
	expect(Math.max(...reduced.answer)).toBeLessThan(0.001);
	expect(Math.max(...reduced.reveal)).toBeLessThan(0.001);
});
