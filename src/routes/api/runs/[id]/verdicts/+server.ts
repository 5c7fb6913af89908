import { error, json } from '@sveltejs/kit';
import { recordVerdict } from '$lib/server/runs';
import type { RequestHandler } from './$types';

/**
 * POST { round, answer, confidence } for the run's current round. Answers with the reveal and
 * whether the verdict was right; a repeated request for an answered round gets the first
 * verdict's outcome back (`replayed: true`). Response time is measured here, not sent.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, 'body: must be JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		error(400, 'body: must be an object with round, answer and confidence');
	}
	const { round, answer, confidence } = body as Record<string, unknown>;
	const result = recordVerdict({
		runId: params.id,
		verdict: { round, answer, confidence, responseMs: 0 }
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
