/**
 * The results list of a scored run (server results page and offline practice alike): one row per
 * answered round, with only what the verdict was (no media), and the chart's grouping of it.
 */
import type { Answer, ScoredVerdict } from './round';
import type { Run } from './run';
import { shownCategories } from './scoring';
import type { MediaKind, TellCategory } from '../pack/taxonomy';

export interface RoundRow {
	index: number;
	type: 'pair' | 'single';
	kind: MediaKind;
	answer: Answer;
	confidence: number;
	correct: boolean;
	/** Categories of the tells on the fake the player saw (empty if they saw a real item). */
	categories: TellCategory[];
	responseMs: number;
}

/** Accuracy per confidence level the player used, for the calibration chart. */
export function accuracyByConfidence(
	rows: readonly RoundRow[]
): Array<{ confidence: number; rounds: number; correct: number }> {
	const groups = new Map<number, { rounds: number; correct: number }>();
	for (const row of rows) {
		const group = groups.get(row.confidence) ?? { rounds: 0, correct: 0 };
		group.rounds += 1;
		if (row.correct) group.correct += 1;
		groups.set(row.confidence, group);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a - b)
		.map(([confidence, group]) => ({ confidence, ...group }));
}

/** One row per verdict, in round order; `correct` is the scorer's own judgement per round. */
export function roundRows(run: Run, verdicts: readonly ScoredVerdict[]): RoundRow[] {
	return [...verdicts]
		.sort((a, b) => a.round - b.round)
		.map((verdict) => {
			const round = run.rounds[verdict.round];
			return {
				index: round.index,
				type: round.type,
				kind: round.kind,
				answer: verdict.answer,
				confidence: verdict.confidence,
				correct: verdict.correct,
				categories: shownCategories(round, verdict),
				responseMs: verdict.responseMs
			};
		});
}
