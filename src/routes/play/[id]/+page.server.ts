import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runTtlDays } from '$lib/server/config';
import { getRun, recordVerdict, reviewRound, serveRound } from '$lib/server/play/runs';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { playMode } from '../modes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/request-body';

/** `?reveal=N`: a round's index (a run has at most a few dozen rounds). */
const revealParam = z
	.string()
	.regex(/^\d{1,3}$/)
	.transform(Number);

/**
 * The verdict form's fields, as the numbers and words a verdict is made of; the run store checks
 * their values (`verdictSchema`). A missing answer is told apart: the player skipped a step.
 */
const verdictForm = z.object({
	round: z
		.string()
		.regex(/^\d{1,3}$/)
		.transform(Number),
	answer: z.string(),
	confidence: z
		.string()
		.regex(/^\d*\.?\d+$/)
		.transform(Number)
});

/**
 * A round of an online run. Before the verdict the page gets only `roundForPlayer` (no truth, no
 * tells, no item ids); `?reveal=N` shows an answered round again with its reveal, so a reload
 * after a verdict, or a visit from the results page, shows the same reveal.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const stored = await getRun(params.id);
	if (!stored) error(404, m.play_run_missing({ days: runTtlDays() }));
	const results = stored.verdicts.map((verdict) => verdict.correct);
	const base = {
		runId: stored.id,
		total: stored.run.rounds.length,
		mode: playMode(stored.options),
		finished: stored.verdicts.length === stored.run.rounds.length,
		results
	};

	const asked = revealParam.safeParse(url.searchParams.get('reveal'));
	if (asked.success) {
		const review = await reviewRound(stored, asked.data, getLocale());
		if (review) {
			return {
				...base,
				round: review.round,
				results: results.slice(0, review.round.index),
				outcome: review.outcome
			};
		}
	}

	const round = await serveRound(stored, getLocale());
	if (!round) redirect(303, localizeHref(`/play/${stored.id}/results`));
	return { ...base, round, outcome: null };
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
		const answered = form.get('answer') !== null;
		const fields = verdictForm.safeParse({
			round: form.get('round'),
			answer: form.get('answer'),
			confidence: form.get('confidence')
		});
		if (!fields.success) return fail(400, { error: refusal(400, answered) });
		const result = await recordVerdict({
			runId: params.id,
			verdict: fields.data,
			locale: getLocale()
		});
		if (!result.ok) return fail(result.status, { error: refusal(result.status, answered) });
		if (wantsResult(request)) {
			return { outcome: result.outcome, finished: result.finished, replayed: result.replayed };
		}
		redirect(303, localizeHref(`/play/${params.id}?reveal=${result.verdict.round}`));
	}
};
