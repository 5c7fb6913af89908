import { json } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { readJson } from '$lib/server/request-body';
import { recordVerdict } from '$lib/server/runs';
import type { RequestHandler } from './$types';

/**
 * POST { round, answer, confidence } for the run's current round, at the address localized to
 * the reader's language (/zh-CN/api/...) for a reveal in it. Answers with the reveal and
 * whether the verdict was right; a repeated request for an answered round gets the first
 * verdict's outcome back (`replayed: true`). Response time is measured here, not sent.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const read = await readJson(request);
	if (!read.ok) {
		const error = {
			'not-json': 'body: send JSON (Content-Type: application/json)',
			'too-large': 'body: too large for a verdict',
			malformed: 'body: must be valid JSON'
		}[read.reason];
		return json({ error }, { status: read.status });
	}
	const body = read.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return json(
			{ error: 'body: must be an object with round, answer and confidence' },
			{ status: 400 }
		);
	}
	const { round, answer, confidence } = body as Record<string, unknown>;
	const result = recordVerdict({
		runId: params.id,
		verdict: { round, answer, confidence, responseMs: 0 },
		locale: getLocale()
	});
	if (!result.ok) return json({ error: result.error }, { status: result.status });
	return json(
		{
			replayed: result.replayed,
			finished: result.finished,
			reveal: result.reveal,
			answer: result.verdict.answer,
			confidence: result.verdict.confidence,
			correct: result.verdict.correct
		},
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
