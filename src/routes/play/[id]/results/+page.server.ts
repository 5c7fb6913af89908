import { error, redirect } from '@sveltejs/kit';
import { getItem, getPair, syntheticItemOf } from '$lib/game/pack';
import type { TellCategory } from '$lib/game/taxonomy';
import type { RoundRow } from '$lib/components/results/rows';
import { getPack } from '$lib/server/packs';
import { runSummary } from '$lib/server/runs';
import { m } from '$lib/paraglide/messages.js';
import { playMode } from '../../modes';
import type { PageServerLoad } from './$types';

/** The results of a finished run, scored on the server from its recorded verdicts. */
export const load: PageServerLoad = ({ params }) => {
	const scored = runSummary(params.id);
	if (!scored) error(404, m.play_run_missing());
	const { run: stored, summary } = scored;
	if (stored.verdicts.length < stored.run.rounds.length) redirect(303, `/play/${stored.id}`);
	const pack = getPack(stored.packId)!;

	const rows: RoundRow[] = stored.verdicts.map((verdict) => {
		const round = stored.run.rounds[verdict.round];
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

	return {
		runId: stored.id,
		mode: playMode(stored.options),
		finishedAt: stored.finishedAt ?? stored.createdAt,
		challengeOf: stored.challengeOf,
		summary,
		rows
	};
};
