import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RoundMedia from '$lib/components/round/RoundMedia.svelte';
import { pairReveal, pairRound } from './fixtures';
import { withoutLayout } from './no-layout';

withoutLayout();

describe('RoundMedia', () => {
	it('shows both pictures, sharp on any screen, and nothing about the truth before the reveal', () => {
		const { container } = render(RoundMedia, { round: pairRound });
		const images = screen.getAllByRole('img', { name: 'A person at a desk.' });
		expect(images).toHaveLength(2);
		// Phones get the small rendition; wider screens choose from all of them.
		expect(images[0].getAttribute('src')).toBe('/packs/default/media/aaaaaaaa.webp');
		const wide = container.querySelector('source[media="(min-width: 36rem)"]');
		expect(wide?.getAttribute('srcset')).toContain('/packs/default/media/bbbbbbbb.webp 960w');
		expect(container.textContent).not.toMatch(/Fake|Real|Your pick/);
		expect(screen.queryByRole('button', { name: /^Tell/ })).toBeNull();
	});

	it('fetches the first picture ahead of the second', () => {
		render(RoundMedia, { round: pairRound });
		const [first, second] = screen.getAllByRole('img', { name: 'A person at a desk.' });
		expect(first.getAttribute('fetchpriority')).toBe('high');
		expect(second.getAttribute('fetchpriority')).toBe('low');
	});

	it('after the verdict, marks the fake and the pick in words and numbers the tells', async () => {
		const { container } = render(RoundMedia, {
			round: pairRound,
			reveal: pairReveal,
			picked: 'left'
		});
		const sides = container.querySelectorAll('[data-side]');
		expect(sides[0].textContent).toMatch('Real');
		expect(sides[0].textContent).toMatch('Your pick');
		expect(sides[1].textContent).toMatch('Fake');
		const marker = screen.getByRole('button', { name: 'Tell 2: Eyes' });
		await fireEvent.click(marker);
		expect(marker.getAttribute('aria-pressed')).toBe('true');
		// Focusing a tell zooms the picture onto it, and offers the way back.
		expect(screen.getByRole('button', { name: 'Show all' })).toBeTruthy();
	});
});
