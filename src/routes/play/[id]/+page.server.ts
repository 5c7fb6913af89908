import { error, fail, redirect } from '@sveltejs/kit';
import { getRun, recordVerdict, reviewRound, runTtlDays, serveRound } from '$lib/server/runs';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { playMode } from '../modes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/request-body';

/**
 * A round of an online run. Before the verdict the page gets only `roundForPlayer` (no truth, no
 * tells, no item ids); `?reveal=N` shows an answered round again with its reveal, so a reload
 * after a verdict, or a visit from the results page, shows the same reveal.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const stored = getRun(params.id);
	if (!stored) error(404, m.play_run_missing({ days: runTtlDays() }));
	const results = stored.verdicts.map((verdict) => verdict.correct);
	const base = {
		runId: stored.id,
		total: stored.run.rounds.length,
		mode: playMode(stored.options),
		finished: stored.verdicts.length === stored.run.rounds.length,
		results
	};

	const asked = url.searchParams.get('reveal');
	if (asked !== null && /^\d{1,3}$/.test(asked)) {
		const review = reviewRound(stored, Number(asked), getLocale());
		if (review) {
			return {
				...base,
				round: review.round,
				results: results.slice(0, review.round.index),
				outcome: {
					reveal: review.reveal,
					answer: review.verdict.answer,
					confidence: review.verdict.confidence,
					correct: review.verdict.correct
				}
			};
		}
	}

	const served = serveRound(stored.id, getLocale());
	if (!served) redirect(303, localizeHref(`/play/${stored.id}/results`));
	return { ...base, round: served.round, outcome: null };
};

export const actions: Actions = {
	/** The verdict as a plain form post, for when JavaScript has not loaded. */
	verdict: async ({ params, request }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const round = Number(form.get('round'));
		const result = recordVerdict({
			runId: params.id,
			verdict: {
				round,
				answer: form.get('answer') ?? undefined,
				confidence: Number(form.get('confidence')),
				// The server measures response time itself; this field only satisfies the schema.
				responseMs: 0
			},
			locale: getLocale()
		});
		if (!result.ok) {
			return fail(result.status, {
				error: form.get('answer') ? result.error : m.round_pick_first()
			});
		}
		redirect(303, localizeHref(`/play/${params.id}?reveal=${result.verdict.round}`));
	}
};
