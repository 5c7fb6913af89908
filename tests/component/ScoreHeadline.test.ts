import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ScoreHeadline from '$lib/components/results/ScoreHeadline.svelte';
import ScoreNumbers from '$lib/components/results/ScoreNumbers.svelte';
import { calibration, sdt, type Summary } from '$lib/game/play/scoring';

/** A summary of `pairs` pair rounds and `singles` single rounds, all answered right but one. */
function summaryOf(pairs: number, singles: number): Summary {
	const answered = pairs + singles;
	const counts = {
		hits: Math.ceil(singles / 2),
		misses: 0,
		falseAlarms: singles > 1 ? 1 : 0,
		correctRejections: Math.max(0, Math.floor(singles / 2) - 1)
	};
	return {
		rounds: answered,
		answered,
		correct: answered - 1,
		accuracy: (answered - 1) / answered,
		sdtCounts: counts,
		sdt: singles > 0 ? sdt(counts) : null,
		pairSensitivity: pairs > 0 ? 1.4 : null,
		calibration: calibration(
			Array.from({ length: answered }, (_, index) => ({ confidence: 0.85, correct: index > 0 }))
		),
		meanResponseMs: 4000,
		byCategory: [],
		byKind: [],
		byTier: [],
		weakest: []
	};
}

afterEach(cleanup);

describe('ScoreHeadline and ScoreNumbers', () => {
	it('with few answers, ask for a few more rounds instead of d′ and c', () => {
		render(ScoreHeadline, { summary: summaryOf(3, 1) });
		expect(screen.getByText('3 of 4 right')).toBeTruthy();
		expect(screen.getByText(/Play a few more rounds \(at least 5 of a kind\)/)).toBeTruthy();
		expect(screen.queryByText(/d′ is/)).toBeNull();
		render(ScoreNumbers, { summary: summaryOf(3, 1) });
		// Pairs' d′, single items' d′ and bias (c): none has enough answers behind it.
		expect(
			screen.getAllByText(/Play a few more rounds: this needs at least 5 answers/)
		).toHaveLength(3);
	});

	it('with enough answers, say what d′ means in words, then the number', () => {
		render(ScoreHeadline, { summary: summaryOf(8, 0) });
		expect(screen.getByText(/clearly better than chance/)).toBeTruthy();
		expect(screen.getByText(/Your sensitivity d′ is 1\.40/)).toBeTruthy();
	});
});
