import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withoutLayout } from './no-layout';
import RoundMedia from '$lib/components/round/RoundMedia.svelte';
import { videoReveal, videoRound } from './fixtures';

// jsdom has no layout and no media playback: a play() that resolves, and a settable clock on
// each video.
withoutLayout();
beforeEach(() => {
	vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
	vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
});

/** The outline rectangles drawn over a video, as [x, y, w, h] in percent (one per tell). */
function outlines(figure: Element): number[][] {
	return [...figure.querySelectorAll('svg.overlay rect.over')].map((rect) =>
		['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name)))
	);
}

/** The numbers on the video's picture, each with its accessible name. */
function numbers(figure: Element): string[][] {
	return [...figure.querySelectorAll('.frame button.marker')].map((button) => [
		button.textContent ?? '',
		button.getAttribute('aria-label') ?? ''
	]);
}

function playTo(video: HTMLVideoElement, seconds: number) {
	Object.defineProperty(video, 'currentTime', {
		value: seconds,
		writable: true,
		configurable: true
	});
	video.dispatchEvent(new Event('timeupdate'));
}

describe('a video round', () => {
	it('shows no outline and no time range before the verdict', () => {
		const { container } = render(RoundMedia, { round: videoRound });
		expect(container.querySelectorAll('video')).toHaveLength(2);
		expect(container.querySelectorAll('svg.overlay')).toHaveLength(0);
		expect(container.querySelectorAll('rect.range')).toHaveLength(0);
	});

	it('after the verdict, draws the tells as time ranges and outlines each box while it plays', async () => {
		const { container } = render(RoundMedia, { round: videoRound, reveal: videoReveal });
		const [fake, real] = container.querySelectorAll('figure');
		expect(real.querySelectorAll('rect.range')).toHaveLength(0);
		expect(real.querySelectorAll('svg.overlay')).toHaveLength(0);

		// Time ranges on the fake's time line: 0-1 s and 2-3 s of 4 s.
		const ranges = [...fake.querySelectorAll('rect.range')].map((rect) => [
			Number(rect.getAttribute('x')),
			Number(rect.getAttribute('width'))
		]);
		expect(ranges).toEqual([
			[0, 25],
			[50, 25]
		]);

		// The box of the tell being played is outlined and numbered as in the list, and only that
		// one.
		const video = fake.querySelector('video')!;
		expect(outlines(fake)).toEqual([[10, 20, 30, 40]]);
		expect(numbers(fake)).toEqual([['1', 'Tell 1: Blend seam']]);
		playTo(video, 2.5);
		await tick();
		expect(outlines(fake)).toEqual([[50, 60, 20, 10]]);
		expect(numbers(fake)).toEqual([['2', expect.stringMatching(/^Tell 2: /)]]);
		playTo(video, 3.8);
		await tick();
		expect(outlines(fake)).toEqual([]);
		expect(numbers(fake)).toEqual([]);

		// Picking a tell outlines it, zooms onto its box and plays its stretch.
		await fireEvent.click(
			screen.getByRole('button', { name: /^Tell 1: Blend seam, 0\.0 to 1\.0/ })
		);
		expect(outlines(fake)).toEqual([[10, 20, 30, 40]]);
		expect(fake.querySelector<HTMLElement>('.stage')!.style.transform).toMatch(/^scale\(/);
		expect(video.currentTime).toBe(0);
		expect(HTMLMediaElement.prototype.play).toHaveBeenCalled();
		expect(screen.getByRole('button', { name: 'Show all' })).toBeTruthy();
	});
});
