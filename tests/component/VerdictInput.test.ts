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
		// The key focused the picked answer, not a confidence button Enter would send.
		expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Fake' }));
		await fireEvent.keyDown(window, { key: 'r' });
		expect((screen.getByRole('radio', { name: 'Real' }) as HTMLInputElement).checked).toBe(true);
		await fireEvent.click(screen.getByRole('button', { name: /Leaning/ }));
		expect(onverdict).toHaveBeenCalledWith({ answer: 'real', confidence: 0.7 });
	});

	it('keys never send by surprise: Enter after a pick asks how sure; 3 to 6 choose it', async () => {
		const onverdict = vi.fn();
		render(VerdictInput, { round: pairRound, onverdict });
		// A confidence key before a pick asks for the pick.
		await fireEvent.keyDown(window, { key: '5' });
		expect(screen.getByRole('alert').textContent).toMatch(/first/i);
		await fireEvent.keyDown(window, { key: '1' });
		const picked = screen.getAllByRole('radio')[0] as HTMLInputElement;
		expect(picked.checked).toBe(true);
		expect(document.activeElement).toBe(picked);
		// Enter on the picked answer sends nothing and says what is missing.
		await fireEvent.keyDown(picked, { key: 'Enter' });
		expect(onverdict).not.toHaveBeenCalled();
		expect(screen.getByRole('alert').textContent).toMatch(/how sure/i);
		// 5 chooses "Fairly sure" (focused, not sent); its own button sends it.
		await fireEvent.keyDown(window, { key: '5' });
		const fairly = screen.getByRole('button', { name: /Fairly sure/ });
		expect(document.activeElement).toBe(fairly);
		expect(onverdict).not.toHaveBeenCalled();
		await fireEvent.click(fairly);
		expect(onverdict).toHaveBeenCalledWith({ answer: 'left', confidence: 0.85 });
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
