/**
 * What the class session's routes share, whether SvelteKit serves them or the hot path in front
 * of it (hot-path.ts): cookie names and scopes, the session and seat behind a request, and JSON
 * problems with a readable message.
 */
import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { sessionTtlDays } from '../config';
import { classHub } from './instance';
import { pathsInEveryLanguage } from '../http/language-paths';
import { problem } from '../http/problem';
import { setCookieHeader } from '../http/cookies';
import { limits, newSeatKey, places } from './limits';
import { joinProblemMessage, joinStatus, verdictProblemMessage, verdictStatus } from './problems';
import type { JoinProblem } from './joining';
import type { SeatJoinRead } from '$lib/game/class/seat-join';
import { readJson, type JsonBody } from '../http/request-body';
import type { LiveSession } from './session';
import type { SeatVerdictResult } from '$lib/game/class/seat-verdict';
import type { SentVerdict } from '$lib/game/play/round';
import { isTokenShaped } from './tokens';

export const HOST_COOKIE = 'tt_host';
export const SEAT_COOKIE = 'tt_seat';

/** The host's pages and endpoints; the host cookie is scoped to them. */
export function hostPath(id: string): string {
	return `/class/${id}/host`;
}

/** A session's pages for seats; the seat cookie is scoped to them. */
export function seatPath(id: string): string {
	return `/class/${id}`;
}

const secure = (url: URL) => url.protocol === 'https:';

/** What a session cookie is set with: its name and value, and its attributes for one path. */
interface SessionCookie {
	name: string;
	value: string;
	options: {
		path: string;
		httpOnly: true;
		sameSite: 'strict' | 'lax';
		secure: boolean;
		maxAge: number;
	};
}

/** One of a session's tokens as cookies, HttpOnly, on its path in every language, for the session's life. */
function sessionCookies(
	name: string,
	path: string,
	token: string,
	sameSite: 'strict' | 'lax',
	secure: boolean
): SessionCookie[] {
	const maxAge = Math.round(sessionTtlDays() * 86_400);
	return pathsInEveryLanguage(path).map((localized) => ({
		name,
		value: token,
		options: { path: localized, httpOnly: true, sameSite, secure, maxAge }
	}));
}

/** A seat token's cookies: Lax, so a phone opening the session from a QR scanner still carries its seat. */
function seatCookies(id: string, token: string, secure: boolean): SessionCookie[] {
	return sessionCookies(SEAT_COOKIE, seatPath(id), token, 'lax', secure);
}

/** Sets cookies through SvelteKit's `cookies`. */
function setCookies(event: Pick<RequestEvent, 'cookies'>, cookies: SessionCookie[]): void {
	for (const { name, value, options } of cookies) event.cookies.set(name, value, options);
}

/** Stores the host token: SameSite=Strict, sent only to this session's host pages. */
export function setHostCookie(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	id: string,
	token: string
): void {
	setCookies(event, sessionCookies(HOST_COOKIE, hostPath(id), token, 'strict', secure(event.url)));
}

/** Stores a seat token: the device's place in this session, kept across reloads and sleep. */
export function setSeatCookie(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	id: string,
	token: string
): void {
	setCookies(event, seatCookies(id, token, secure(event.url)));
}

/** The same seat cookies as Set-Cookie header values, for the hot path (hot-path.ts). */
export function seatCookieHeaders(id: string, token: string, secure: boolean): string[] {
	return seatCookies(id, token, secure).map(({ name, value, options }) =>
		setCookieHeader(name, value, options)
	);
}

/**
 * What the session and seat behind a request are found by: the route's [id], the cookies and
 * the client's address. A SvelteKit RequestEvent is one; the hot path builds one from the
 * Node request.
 */
export interface ClassRequest {
	params: { id?: string };
	cookies: Pick<Cookies, 'get'>;
	getClientAddress(): string;
}

/** A token from a cookie, if it has a token's shape (anything else is ignored). */
export function tokenFrom(cookies: Pick<Cookies, 'get'>, name: string): string | undefined {
	const value = cookies.get(name);
	return value && isTokenShaped(value) ? value : undefined;
}

/** The session of the route's [id], or a 404 page. */
export async function sessionOr404(id: string): Promise<LiveSession> {
	const session = await classHub().get(id);
	if (!session) error(404, m.class_not_found());
	return session;
}

/**
 * The session, if the request carries its host token. A valid token is never refused: wrong
 * tokens count against the client's address (so host keys cannot be guessed quickly), and a class
 * shares its address with the host, so checking that count first would let any student lock the
 * teacher out. A host's request also marks the address as the session's place (see places.ts).
 */
export async function hostSession(
	event: ClassRequest
): Promise<
	| { ok: true; session: LiveSession; token: string }
	| { ok: false; status: number; code: string; message: string }
> {
	const address = event.getClientAddress();
	const session = await classHub().get(event.params.id ?? '');
	const token = tokenFrom(event.cookies, HOST_COOKIE);
	if (session && classHub().isHost(session, token)) {
		places.saw(session.id, address);
		return { ok: true, session, token: token! };
	}
	if (!(await limits.authMisses.check(address)).ok) {
		return { ok: false, status: 429, code: 'rate-limited', message: m.class_rate_limited() };
	}
	if (!session) return { ok: false, status: 404, code: 'not-found', message: m.class_not_found() };
	await limits.authMisses.take(address);
	return { ok: false, status: 403, code: 'not-host', message: m.host_not_host() };
}

/** A refusal with a stable code, a sentence in the request's language and its headers. */
export interface Refusal {
	ok: false;
	status: number;
	code: string;
	message: string;
	headers?: Record<string, string>;
}

/**
 * A device taking a seat, from the phone's JSON or the no-JavaScript form alike, each having
 * read its body (seat-join.ts): the seat token the device already holds, its address's allowance
 * of new seats, then the session's own rules (joining.ts). Settled once the seat is committed;
 * the caller stores the token it gives, if any, in the device's cookie (a new seat's, or again
 * the one a lost answer carried: see joinSeat).
 */
export async function seatJoin(
	event: ClassRequest,
	read: SeatJoinRead
): Promise<{ ok: true; token: string | null } | Refusal> {
	const session = await classHub().get(event.params.id ?? '');
	if (!session) return { ok: false, status: 404, code: 'not-found', message: m.class_not_found() };
	if (!read.ok) {
		const message = read.problem === 'bad-attempt' ? m.join_bad_attempt() : m.form_unreadable();
		return { ok: false, status: 400, code: read.problem, message };
	}
	const token = tokenFrom(event.cookies, SEAT_COOKIE) ?? null;
	// Only a join that adds a seat takes from the allowance (see NEW_SEATS in limits.ts), so a
	// join sent again for a seat already made takes nothing. The session decides that
	// synchronously, and a shared allowance is in Redis: so a seat is taken from it first and
	// given back when the join added none.
	const allowance = newSeatKey(session.id, event.getClientAddress());
	const taken = await limits.newSeats.take(allowance);
	let used = false;
	const joined = session.join(token, read.join, () => (used = taken.ok));
	if (taken.ok && !used) await limits.newSeats.giveBack(allowance);
	const refuse = (problem: JoinProblem): Refusal => {
		const seconds = problem === 'busy' && !taken.ok ? taken.retryAfter : undefined;
		const wait = problem === 'busy' ? String(seconds) : problem === 'moving' ? '1' : undefined;
		return {
			ok: false,
			status: joinStatus(problem),
			code: problem,
			message: joinProblemMessage(problem, seconds),
			headers: wait ? { 'Retry-After': wait } : undefined
		};
	};
	if (!joined.ok) return refuse(joined.problem);
	// A seat not stored: the phone sends its join again, to the session loaded afresh.
	if (!(await session.stored())) return refuse('moving');
	places.saw(session.id, event.getClientAddress());
	return { ok: true, token: joined.token };
}

/** Why a JSON body could not be read (see readJson), in the request's language. */
export function bodyProblemMessage(read: Extract<JsonBody, { ok: false }>): string {
	return {
		'not-json': m.class_not_json,
		'too-large': m.class_too_large,
		malformed: m.class_malformed
	}[read.reason]();
}

/** Reads a JSON body (see readJson); a bad one becomes a JSON problem with a readable message. */
export async function jsonBody(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const read = await readJson(request);
	if (read.ok) return read;
	return { ok: false, response: problem(read.status, read.reason, bodyProblemMessage(read)) };
}

/**
 * A phone's verdict, from the JSON endpoint or the no-JavaScript form alike, each having parsed
 * its body (seat-verdict.ts): the seat behind the request's cookie, its rate limit, a body that
 * was not a verdict refused, then the session's own rules. Settled only once committed.
 */
export async function seatVerdict(
	event: ClassRequest,
	parsed: SeatVerdictResult
): Promise<{ ok: true; verdict: SentVerdict; duplicate: boolean } | Refusal> {
	const id = event.params.id ?? '';
	const session = classHub().held(id) ?? (await classHub().get(id));
	if (!session) return { ok: false, status: 404, code: 'not-found', message: m.class_not_found() };
	const token = tokenFrom(event.cookies, SEAT_COOKIE);
	const seat = token ? session.seatByToken(token) : undefined;
	if (!token || !seat) {
		await limits.authMisses.take(event.getClientAddress());
		return { ok: false, status: 401, code: 'no-seat', message: m.class_no_seat() };
	}
	const allowance = await limits.verdicts.take(seat.id);
	if (!allowance.ok) {
		const seconds = allowance.retryAfter;
		return {
			ok: false,
			status: 429,
			code: 'rate-limited',
			message: m.class_rate_limited(),
			headers: { 'Retry-After': String(seconds) }
		};
	}
	if (!parsed.ok) {
		return {
			ok: false,
			status: verdictStatus('invalid'),
			code: 'invalid',
			message: verdictProblemMessage('invalid', parsed.error)
		};
	}
	const result = await session.verdict(seat.id, parsed.verdict);
	if (!result.ok) {
		return {
			ok: false,
			status: verdictStatus(result.problem),
			code: result.problem,
			message: verdictProblemMessage(result.problem, result.error),
			headers: result.problem === 'moving' ? { 'Retry-After': '1' } : undefined
		};
	}
	return { ok: true, verdict: result.verdict, duplicate: result.duplicate };
}
