/**
 * The results list of a scored run (server results page and offline practice alike). Kept apart
 * from rows.ts because it loads the scoring module, which components that only show rows need
 * not load.
 */
import type { ScoredVerdict } from '$lib/game/round';
import type { Run } from '$lib/game/run';
import { shownCategories } from '$lib/game/scoring';
import type { RoundRow } from './rows';

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
