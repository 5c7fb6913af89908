import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProgressChart from '$lib/components/results/ProgressChart.svelte';
import type { HistoryEntry } from '$lib/client/history.svelte';

afterEach(cleanup);

function run(n: number, correct: number, mode = 'pairs', offline = false): HistoryEntry {
	return {
		runId: `run-${n}`,
		finishedAt: new Date(Date.UTC(2026, 2, n, 12)).toISOString(),
		mode,
		rounds: 10,
		correct,
		dPrime: null,
		pairSensitivity: null,
		meanConfidence: null,
		byCategory: [],
		offline
	};
}

const day = (n: number) =>
	new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(Date.UTC(2026, 2, n, 12)));

describe('ProgressChart', () => {
	it('draws one point per run at its accuracy, joined by a line, with the axis labelled', () => {
		const { container } = render(ProgressChart, {
			entries: [run(1, 5), run(2, 7, 'single', true), run(3, 10, 'voices')]
		});
		const dots = [...container.querySelectorAll<HTMLElement>('.dot')];
		expect(dots.map((dot) => [dot.style.left, dot.style.top])).toEqual([
			['6%', '50%'],
			['50%', '34%'],
			['94%', '10%']
		]);
		// An offline practice run is drawn hollow (a shape, not only a colour).
		expect(dots.map((dot) => dot.classList.contains('offline'))).toEqual([false, true, false]);
		expect(container.querySelector('polyline')?.getAttribute('points')).toBe('6,50 50,34 94,10');
		const chart = screen.getByRole('img', { name: 'Accuracy of your recent games, oldest first' });
		expect(chart).toBeTruthy();
		const axis = [...container.querySelectorAll('.axis')].map((label) => label.textContent);
		expect(axis).toEqual(['100%', 'chance', '0%']);
		expect(container.querySelector('.summary')?.textContent?.trim()).toBe(
			'Games played on this device: 3. Your recent games: 73% right.'
		);
	});

	it('gives every run a row of words: date, score and mode, newest first', () => {
		render(ProgressChart, {
			entries: [run(1, 5), run(2, 7, 'single', true), run(3, 10, 'voices')]
		});
		const table = screen.getByRole('table', {
			name: 'Accuracy of your recent games, oldest first'
		});
		const rows = within(table)
			.getAllByRole('row')
			.slice(1)
			.map((row) =>
				within(row)
					.getAllByRole('cell')
					.map((cell) => cell.textContent?.trim())
			);
		expect(rows).toEqual([
			[day(3), '10/10 (100%)', 'Voices'],
			[day(2), '7/10 (70%)', 'Real or fake · Practice (offline)'],
			[day(1), '5/10 (50%)', 'Pairs']
		]);
	});

	it('draws the last 20 runs and counts them all', () => {
		const entries = Array.from({ length: 25 }, (_, i) => run(i + 1, i % 11));
		const { container } = render(ProgressChart, { entries });
		expect(container.querySelectorAll('.dot')).toHaveLength(20);
		expect(container.querySelector('.summary')?.textContent).toContain(
			'Games played on this device: 25.'
		);
		expect(screen.getAllByRole('row')).toHaveLength(21);
	});

	it('puts a single run in the middle, with no line', () => {
		const { container } = render(ProgressChart, { entries: [run(1, 8)] });
		expect(container.querySelector<HTMLElement>('.dot')?.style.left).toBe('50%');
		expect(container.querySelector('polyline')).toBeNull();
	});
});
