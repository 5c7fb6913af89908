import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { classHub } from '$lib/server/class/instance';
import { SEAT_COOKIE, tokenFrom } from '$lib/server/class/http';
import { problem } from '$lib/server/http/problem';
import { limits, places } from '$lib/server/class/limits';
import { finalEvent } from '$lib/server/class/sse';

/**
 * A phone's live events: its whole state first, then a new state whenever the session moves on
 * (a round opens, closes, is revealed; the session ends). Never other students' answers.
 */
export const GET: RequestHandler = ({ params, cookies, request, getClientAddress }) => {
	const session = classHub().get(params.id);
	// Deleted or expired: say so, so the phone stops reconnecting.
	if (!session) return finalEvent('gone', '{}');
	const token = tokenFrom(cookies, SEAT_COOKIE);
	const seat = token ? session.seatByToken(token) : undefined;
	if (!seat) {
		limits.authMisses.take(getClientAddress());
		return finalEvent('removed', JSON.stringify({ reason: 'no-seat' }));
	}
	places.saw(session.id, getClientAddress());
	if (!limits.streams.take(`seat:${seat.id}`)) {
		return problem(429, 'rate-limited', m.class_rate_limited(), { 'Retry-After': '5' });
	}
	return session.connectSeat(seat.id, request, getLocale());
};
