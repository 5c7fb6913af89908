import { error, redirect } from '@sveltejs/kit';
import { roundRows } from '$lib/components/results/round-rows';
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

	const rows = roundRows(stored.run, getPack(stored.packId)!, stored.verdicts);

	return {
		runId: stored.id,
		mode: playMode(stored.options),
		finishedAt: stored.finishedAt ?? stored.createdAt,
		challengeOf: stored.challengeOf,
		summary,
		rows
	};
};
