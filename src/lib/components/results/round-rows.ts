/**
 * The results list of a scored run (server results page and offline practice alike). Kept apart
 * from rows.ts because it reads the pack (and so its schema module), which pages that only show
 * rows need not load.
 */
import { getItem, getPair, syntheticItemOf, type Pack } from '$lib/game/pack';
import type { Verdict } from '$lib/game/round';
import type { Run } from '$lib/game/run';
import type { TellCategory } from '$lib/game/taxonomy';
import type { RoundRow } from './rows';

/** One row per verdict, in round order; `correct` is the scorer's own judgement per round. */
export function roundRows(
	run: Run,
	pack: Pack,
	verdicts: ReadonlyArray<Verdict & { correct: boolean }>
): RoundRow[] {
	return [...verdicts]
		.sort((a, b) => a.round - b.round)
		.map((verdict) => {
			const round = run.rounds[verdict.round];
			const shown = round.type === 'pair' ? round.items : [round.itemId];
			const synthetic = syntheticItemOf(pack, getPair(pack, round.pairId));
			const categories: TellCategory[] = shown.some((id) => getItem(pack, id) === synthetic)
				? [...new Set((synthetic.tells ?? []).map((tell) => tell.category))]
				: [];
			return {
				index: round.index,
				type: round.type,
				kind: round.kind,
				answer: verdict.answer,
				confidence: verdict.confidence,
				correct: verdict.correct,
				categories,
				responseMs: verdict.responseMs
			};
		});
}
