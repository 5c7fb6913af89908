import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Timeline from '$lib/components/round/Timeline.svelte';
import type { RevealedTell } from '$lib/game/play/round';
import { withoutLayout } from './no-layout';

// The marker strip measures its width with a ResizeObserver, which jsdom lacks.
withoutLayout();

const splice: RevealedTell = {
	category: 'splice-jump',
	region: { type: 'time', start: 1, end: 2 },
	explanation: 'The pitch jumps where two takes were joined.'
};
const attrs = (elements: NodeListOf<Element>, name: string) =>
	[...elements].map((element) => Number(element.getAttribute(name)));

describe('Timeline', () => {
	it('draws one bar per waveform peak, the played part coloured, and no tells before the reveal', () => {
		const { container } = render(Timeline, {
			duration: 4,
			position: 1,
			label: 'Left voice',
			peaks: [0.1, 0.5, 1, 0.3],
			onseek: () => {}
		});
		const bars = container.querySelectorAll('rect.bar');
		expect(bars).toHaveLength(4);
		// Heights follow the peaks (at least 4 so silence still shows), centred on the middle.
		expect(attrs(bars, 'height')).toEqual([8.8, 44, 88, 26.4].map((h) => Math.max(4, h)));
		expect(attrs(bars, 'x')).toEqual([3.75, 28.75, 53.75, 78.75]);
		// One second of four played: the first bar.
		expect(container.querySelectorAll('rect.bar.played')).toHaveLength(1);
		expect(container.querySelectorAll('rect.range')).toHaveLength(0);
		expect(screen.getByRole('slider', { name: /Left voice/ })).toBeTruthy();
	});

	it('as a ruler (a video) draws a tick each second on a thin line, not a waveform box', () => {
		const { container } = render(Timeline, {
			duration: 4.5,
			position: 0,
			label: 'Top video',
			ruler: true,
			onseek: () => {}
		});
		expect(container.querySelector('.timeline.ruler')).not.toBeNull();
		// Seconds 0 to 4 inside a 4.5 s clip.
		expect(container.querySelectorAll('line.tick')).toHaveLength(5);
		expect(container.querySelectorAll('rect.bar')).toHaveLength(0);
		expect(screen.getByRole('slider', { name: /Top video/ })).toBeTruthy();
	});

	it('draws a plain line when the clip could not be decoded', () => {
		const { container } = render(Timeline, {
			duration: 4,
			position: 2,
			label: 'Left voice',
			peaks: null,
			onseek: () => {}
		});
		expect(container.querySelectorAll('rect.bar')).toHaveLength(0);
		expect(attrs(container.querySelectorAll('rect.bar-line.played'), 'width')).toEqual([50]);
	});

	it('after the reveal, draws each tell as a time range with a numbered button that focuses it', async () => {
		const onfocus = vi.fn();
		const { container, rerender } = render(Timeline, {
			duration: 4,
			position: 0,
			label: 'Left voice',
			peaks: [0.1, 0.5, 1, 0.3],
			tells: [splice],
			onseek: () => {},
			onfocus
		});
		const range = container.querySelector('rect.range')!;
		expect(Number(range.getAttribute('x'))).toBe(25);
		expect(Number(range.getAttribute('width'))).toBe(25);
		const marker = screen.getByRole('button', {
			name: 'Tell 1: Splice jump, 1.0 to 2.0 seconds'
		});
		await fireEvent.click(marker);
		expect(onfocus).toHaveBeenCalledWith(0);

		// Focused, the line zooms onto the range with a margin either side (0.6 s here).
		await rerender({ focused: 0 });
		const zoomed = container.querySelector('rect.range')!;
		expect(zoomed.classList.contains('active')).toBe(true);
		expect(Number(zoomed.getAttribute('x'))).toBeCloseTo((0.6 / 2.2) * 100, 5);
		expect(Number(zoomed.getAttribute('width'))).toBeCloseTo((1 / 2.2) * 100, 5);
		const slider = screen.getByRole('slider');
		expect(Number(slider.getAttribute('min'))).toBeCloseTo(0.4, 5);
		expect(Number(slider.getAttribute('max'))).toBeCloseTo(2.6, 5);
		expect(marker.getAttribute('aria-pressed')).toBe('true');
	});
});
