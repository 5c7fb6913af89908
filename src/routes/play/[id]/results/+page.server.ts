import { error, redirect } from '@sveltejs/kit';
import { roundRows } from '$lib/game/play/round-rows';
import { runTtlDays } from '$lib/server/config';
import { runSummary } from '$lib/server/play/runs';
import { shareLinks } from '$lib/server/share/links';
import { m } from '$lib/paraglide/messages.js';
import { playMode } from '../../modes';
import type { PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime.js';

/**
 * The results of a finished run, scored on the server from its recorded verdicts, and for a
 * challenge the comparison with the score it answered, rendered here so it needs no JavaScript.
 */
export const load: PageServerLoad = async ({ params }) => {
	const scored = await runSummary(params.id);
	if (!scored) error(404, m.play_run_missing({ days: runTtlDays() }));
	const { run: stored, summary } = scored;
	if (stored.verdicts.length < stored.run.rounds.length)
		redirect(303, localizeHref(`/play/${stored.id}`));

	const rows = roundRows(stored.run, stored.verdicts);

	return {
		runId: stored.id,
		mode: playMode(stored.options),
		finishedAt: stored.finishedAt ?? stored.createdAt,
		// Null when the run answers no challenge; a null comparison when the code no longer verifies.
		challenge: stored.challengeOf
			? { comparison: await shareLinks().compareChallenge(stored) }
			: null,
		summary,
		rows
	};
};
