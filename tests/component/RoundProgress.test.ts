import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import RoundProgress from '$lib/components/play/RoundProgress.svelte';

afterEach(cleanup);

describe('RoundProgress', () => {
	it('says where the player is and how each answered round went, in words', () => {
		render(RoundProgress, { index: 2, total: 5, results: [true, false] });
		expect(screen.getByText('Round 3 of 5')).toBeTruthy();
		const marks = within(screen.getByRole('list', { name: 'Rounds' })).getAllByRole('listitem');
		expect(marks.map((mark) => mark.textContent?.trim())).toEqual([
			'Round 1: right',
			'Round 2: wrong',
			'Round 3: not answered yet',
			'Round 4: not answered yet',
			'Round 5: not answered yet'
		]);
		expect(marks.map((mark) => mark.getAttribute('aria-current'))).toEqual([
			null,
			null,
			'step',
			null,
			null
		]);
	});

	it('marks the round on screen with its result once it is answered', () => {
		render(RoundProgress, { index: 1, total: 3, results: [true, true] });
		const marks = screen.getAllByRole('listitem');
		expect(marks[1].textContent?.trim()).toBe('Round 2: right');
		expect(marks[1].getAttribute('aria-current')).toBe('step');
		// The mark's state, which picks the icon CSS shows (the run tests in tests/e2e see it drawn).
		expect(marks[1].querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
		expect(marks[1].className).toContain('right');
		expect(marks[2].className).toContain('open');
	});
});
