import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { classroom } from '$lib/server/classroom/instance';
import { SEAT_COOKIE, jsonBody, problem, tokenFrom } from '$lib/server/classroom/http';
import { limits } from '$lib/server/classroom/limits';
import { verdictProblemMessage, verdictStatus } from '$lib/server/classroom/problems';

/**
 * A phone's verdict: `{ round, answer, confidence }` for the round it answers. The response
 * comes only after the verdict is committed; repeating it is harmless (the first one stands).
 */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const session = classroom().get(event.params.id);
	if (!session) return problem(404, 'not-found', m.class_not_found());
	const token = tokenFrom(event.cookies, SEAT_COOKIE);
	const seat = token ? session.seatByToken(token) : undefined;
	if (!token || !seat) {
		limits.authMisses.take(event.getClientAddress());
		return problem(401, 'no-seat', m.class_no_seat());
	}
	if (!limits.verdicts.take(seat.id)) {
		const seconds = limits.verdicts.retryAfter(seat.id);
		return problem(429, 'rate-limited', m.class_rate_limited(), { 'Retry-After': String(seconds) });
	}
	const result = session.verdict(token, body.body);
	if (!result.ok) {
		return problem(
			verdictStatus(result.problem),
			result.problem,
			verdictProblemMessage(result.problem, result.error)
		);
	}
	return json(
		{ ok: true, verdict: result.verdict, duplicate: result.duplicate },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
