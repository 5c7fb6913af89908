import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TellList from '$lib/components/round/TellList.svelte';
import type { RoundReveal } from '$lib/game/play/round';
import { pairReveal } from './fixtures';

afterEach(cleanup);

describe('TellList', () => {
	it('lists every tell with its number, name, place and explanation', () => {
		render(TellList, { reveal: pairReveal });
		const items = within(screen.getByRole('list', { name: 'The tells' })).getAllByRole('listitem');
		expect(items).toHaveLength(2);
		expect(items[0].textContent).toMatch('Tell 1:');
		expect(items[0].textContent).toMatch('Blend seam');
		expect(items[0].textContent).toMatch('top left');
		expect(items[0].textContent).toMatch('A hard edge runs along the jaw.');
		expect(items[1].textContent).toMatch('bottom right');
	});

	it('asks the media to focus a tell when it is tapped', async () => {
		const onfocus = vi.fn();
		render(TellList, { reveal: pairReveal, onfocus, focused: 1 });
		const buttons = screen.getAllByRole('button');
		expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
		await fireEvent.click(buttons[0]);
		expect(onfocus).toHaveBeenCalledWith(0);
	});

	it('says there are no tells when the single item shown was real', () => {
		const real: RoundReveal = {
			...pairReveal,
			type: 'single',
			answer: 'real',
			items: [pairReveal.items[0]],
			synthetic: null
		};
		render(TellList, { reveal: real });
		expect(screen.queryByRole('list')).toBeNull();
		expect(screen.getByText(/^No tells to show\./)).toBeTruthy();
	});

	it('gives time ranges for voices', () => {
		const voice: RoundReveal = {
			...pairReveal,
			kind: 'audio',
			synthetic: {
				side: 'left',
				tells: [
					{
						category: 'flat-intonation',
						region: { type: 'time', start: 1.2, end: 1.75 },
						explanation: 'Flat.'
					}
				]
			}
		};
		render(TellList, { reveal: voice });
		expect(screen.getByRole('listitem').textContent).toMatch('1.2–1.8 s');
	});
});
