import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { parseSeatVerdict } from '$lib/game/class/seat-verdict';
import { jsonBody, seatVerdict } from '$lib/server/class/http';
import { problem } from '$lib/server/http/problem';

/**
 * A phone's verdict: `{ round, shown, answer, confidence }` for the round it answers. The
 * response comes only after the verdict is committed; repeating it is harmless (the first one
 * stands).
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const result = seatVerdict(event, parseSeatVerdict(body.body));
	if (!result.ok) return problem(result.status, result.code, result.message, result.headers);
	return json(
		{ ok: true, verdict: result.verdict, duplicate: result.duplicate },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
