import { error, fail, redirect } from '@sveltejs/kit';
import { runTtlDays } from '$lib/server/config';
import { getRun, recordVerdict, reviewRound, serveRound } from '$lib/server/play/runs';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { playMode } from '../modes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/request-body';

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
				outcome: review.outcome
			};
		}
	}

	const served = serveRound(stored.id, getLocale());
	if (!served) redirect(303, localizeHref(`/play/${stored.id}/results`));
	return { ...base, round: served.round, outcome: null };
};

/**
 * The page's script asks for the action's result as JSON, as use:enhance does; the browser's own
 * form post (before JavaScript runs) asks for a page.
 */
function wantsResult(request: Request): boolean {
	return /^\s*application\/json\s*(;|,|$)/i.test(request.headers.get('accept') ?? '');
}

/** A refused verdict in the player's words (the run store's detail names fields, for tests). */
function refusal(status: 400 | 404 | 409, answered: boolean): string {
	if (status === 404) return m.play_run_missing({ days: runTtlDays() });
	if (status === 409) return m.play_verdict_stale();
	return answered ? m.play_verdict_failed() : m.round_pick_first();
}

export const actions: Actions = {
	/**
	 * The one way a solo verdict arrives. The page's script gets the outcome back and shows the
	 * reveal in place; a plain form post is redirected to the reveal, so a reload shows it again
	 * instead of posting twice. A repeat for an answered round gets the first verdict's outcome
	 * (`replayed`). The server measures the response time itself.
	 */
	verdict: async ({ params, request }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const result = recordVerdict({
			runId: params.id,
			verdict: {
				round: Number(form.get('round')),
				answer: form.get('answer') ?? undefined,
				confidence: Number(form.get('confidence'))
			},
			locale: getLocale()
		});
		if (!result.ok) {
			return fail(result.status, { error: refusal(result.status, form.get('answer') !== null) });
		}
		if (wantsResult(request)) {
			return { outcome: result.outcome, finished: result.finished, replayed: result.replayed };
		}
		redirect(303, localizeHref(`/play/${params.id}?reveal=${result.verdict.round}`));
	}
};
