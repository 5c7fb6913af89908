import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import VerdictInput from '$lib/components/round/VerdictInput.svelte';
import { pairRound, singleRound } from './fixtures';

afterEach(cleanup);

describe('VerdictInput', () => {
	it('asks which one is fake, then how sure, and sends one verdict', async () => {
		const onverdict = vi.fn();
		render(VerdictInput, { round: pairRound, onverdict });
		// Both layouts' words are in the DOM; CSS shows the one that matches (jsdom shows both).
		expect(screen.getAllByRole('radio')).toHaveLength(2);
		const certain = screen.getByRole('button', { name: /Certain/ });
		expect(certain.matches(':disabled')).toBe(true);

		await fireEvent.click(screen.getAllByRole('radio')[1]);
		expect(certain.matches(':disabled')).toBe(false);
		await fireEvent.click(certain);
		await fireEvent.click(certain);
		expect(onverdict).toHaveBeenCalledTimes(1);
		expect(onverdict).toHaveBeenCalledWith({ answer: 'right', confidence: 1 });
		expect(screen.getByRole('button', { name: /Certain/ }).getAttribute('aria-pressed')).toBe(
			'true'
		);
	});

	it('offers Real and Fake for a single item, with the R and F keys', async () => {
		const onverdict = vi.fn();
		render(VerdictInput, { round: singleRound, onverdict });
		expect(screen.getByRole('radio', { name: 'Real' })).toBeTruthy();
		expect(screen.getByRole('radio', { name: 'Fake' })).toBeTruthy();
		await fireEvent.keyDown(window, { key: 'f' });
		expect((screen.getByRole('radio', { name: 'Fake' }) as HTMLInputElement).checked).toBe(true);
		// The key moved focus on to the confidence question.
		expect(document.activeElement).toBe(screen.getByRole('button', { name: /Guessing/ }));
		await fireEvent.keyDown(window, { key: 'r' });
		expect((screen.getByRole('radio', { name: 'Real' }) as HTMLInputElement).checked).toBe(true);
		await fireEvent.click(screen.getByRole('button', { name: /Leaning/ }));
		expect(onverdict).toHaveBeenCalledWith({ answer: 'real', confidence: 0.7 });
	});

	it('uses 1/2 and the arrow keys for pairs, and ignores keys while disabled', async () => {
		const onverdict = vi.fn();
		const { rerender } = render(VerdictInput, { round: pairRound, onverdict, disabled: true });
		await fireEvent.keyDown(window, { key: '1' });
		expect((screen.getAllByRole('radio')[0] as HTMLInputElement).checked).toBe(false);
		await rerender({ round: pairRound, onverdict, disabled: false });
		await fireEvent.keyDown(window, { key: 'ArrowRight' });
		expect((screen.getAllByRole('radio')[1] as HTMLInputElement).checked).toBe(true);
		await fireEvent.keyDown(window, { key: '1' });
		expect((screen.getAllByRole('radio')[0] as HTMLInputElement).checked).toBe(true);
	});

	it('shows a verdict already given as locked', () => {
		render(VerdictInput, {
			round: pairRound,
			onverdict: vi.fn(),
			picked: { answer: 'left', confidence: 0.85 }
		});
		expect((screen.getAllByRole('radio')[0] as HTMLInputElement).checked).toBe(true);
		expect(screen.getAllByRole('radio')[0].matches(':disabled')).toBe(true);
		expect(screen.getByRole('button', { name: /Fairly sure/ }).getAttribute('aria-pressed')).toBe(
			'true'
		);
	});
});
