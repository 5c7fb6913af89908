/**
 * The requests a live class sends by the thousand, served as plain Node handlers in front of
 * SvelteKit: a phone taking its seat, its verdicts, its event stream and the host's. Through SvelteKit each
 * cost about 1 ms of server CPU, three quarters of it building web Request and Response objects
 * (BENCHMARKS.md, class); here a verdict costs a fraction of that. What they decide is not
 * decided here: the session and seat behind the request, the limits and the messages come from
 * http.ts, the join's and the verdict's shapes from their zod schemas (seat-join.ts,
 * seat-verdict.ts), the seat cookie from http.ts too, the JSON problem's shape
 * from problem.ts, and the security headers were set on the response by whoever called this
 * (src/server.js in production, the dev server's plugin in vite.config.ts). Registered with
 * src/server.js by the hooks' init (http/hot-path.js), so it uses the app's one class hub.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { m } from '$lib/paraglide/messages.js';
import {
	baseLocale,
	getServerAsyncLocalStorage,
	locales,
	localizeHref,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { parseSeatVerdict } from '$lib/game/class/seat-verdict';
import { parseSeatJoin } from '$lib/game/class/seat-join';
import { readJsonFrom, type JsonBody } from '../http/request-body';
import { cookieValue } from '../http/cookies';
import { sendProblem } from '../http/problem';
import { sendJson } from '../http/node-response';
import type { HotPathClient } from '../http/hot-path.js';
import {
	SEAT_COOKIE,
	bodyProblemMessage,
	hostSession,
	seatCookieHeaders,
	seatJoin,
	seatPath,
	seatVerdict,
	tokenFrom,
	type ClassRequest
} from './http';
import { classHub } from './instance';
import { limits, places } from './limits';
import { EVENT_STREAM_HEADERS, finalEvent } from './sse';
import { passedToOwner, relaySessionRequest } from './relay';
import { EVENTS_MARK, WANTS_EVENTS_BY_REDIS, markHeader, type EventsMark } from './event-channel';
import type { LiveSession } from './session';

type Serve = (
	request: IncomingMessage,
	response: ServerResponse,
	caller: ClassRequest,
	locale: Locale,
	client: HotPathClient
) => void | Promise<void>;

interface Route {
	method: 'GET' | 'POST';
	serve: Serve;
	/** It opens an event stream. */
	stream?: true;
}

/**
 * The hot path's addresses, in every language (/class/…, /zh-CN/class/…): the session's id, then
 * what is asked of it. Anything else (a trailing slash, a page) is SvelteKit's.
 */
const ADDRESS = new RegExp(
	`^(?:/(${locales.filter((locale) => locale !== baseLocale).join('|')}))?` +
		'/class/([^/?#]+)/(join|verdict|events|host/events)(?:\\?.*)?$'
);

const ROUTES: Record<string, Route> = {
	join: { method: 'POST', serve: join },
	verdict: { method: 'POST', serve: verdict },
	events: { method: 'GET', serve: seatEvents, stream: true },
	'host/events': { method: 'GET', serve: hostEvents, stream: true }
};

/**
 * Serves a request if it is one of the hot path's, and says whether it was. Never throws: a
 * fault is logged and answered with a 500 problem (bad input is always a 4xx, decided above).
 */
export function classHotPath(
	request: IncomingMessage,
	response: ServerResponse,
	client: HotPathClient
): boolean {
	const match = ADDRESS.exec(request.url ?? '');
	// The session's other addresses are SvelteKit's, unless another process owns it (relay.ts).
	if (!match) return relaySessionRequest(request, response, client);
	const [, prefix, id, what] = match;
	const locale = (prefix ?? baseLocale) as Locale;
	const route = ROUTES[what];
	const caller: ClassRequest = {
		params: { id },
		cookies: { get: (name) => cookieValue(request.headers.cookie, name) },
		getClientAddress: client.address
	};
	inLocale(locale, request, client, async () => {
		try {
			const stream = route.stream === true && request.method === route.method;
			if (await passedToOwner(id, request, response, stream)) return;
			if (request.method !== route.method) {
				const message = m.class_method_not_allowed({ method: request.method ?? '' });
				sendProblem(response, 405, 'method-not-allowed', message, { Allow: route.method });
				return;
			}
			await route.serve(request, response, caller, locale, client);
		} catch (fault) {
			console.error(`[500] ${request.method} ${request.url}`, fault);
			if (response.headersSent) response.destroy();
			else sendProblem(response, 500, 'server-error', m.error_server());
		}
	});
	return true;
}

/**
 * Runs `task` with the request's language as Paraglide's, as its middleware does for SvelteKit's
 * requests, so every message (http.ts's, problems.ts's) is in the language of the address.
 */
function inLocale(
	locale: Locale,
	request: IncomingMessage,
	client: HotPathClient,
	task: () => Promise<void>
): void {
	let storage = getServerAsyncLocalStorage();
	if (!storage) {
		storage = new AsyncLocalStorage();
		overwriteServerAsyncLocalStorage(storage);
	}
	const origin = `${client.scheme}://${request.headers.host ?? 'localhost'}`;
	void storage.run({ locale, origin, messageCalls: new Set() }, task);
}

/**
 * A phone taking its seat: `{ nickname, generate }`, as the nickname form's script sends it (the
 * form without JavaScript posts to the page's `?/join` action, which SvelteKit serves). The answer
 * carries the seat cookie and where the phone goes next: the session's page, now with its seat.
 */
async function join(
	request: IncomingMessage,
	response: ServerResponse,
	caller: ClassRequest,
	_locale: Locale,
	client: HotPathClient
): Promise<void> {
	const read = await readJsonFrom(request);
	if (!read.ok) return refuseBody(response, read);
	const result = await seatJoin(caller, parseSeatJoin(read.body));
	if (!result.ok) {
		sendProblem(response, result.status, result.code, result.message, result.headers);
		return;
	}
	const id = caller.params.id!;
	const cookies = result.token
		? { 'Set-Cookie': seatCookieHeaders(id, result.token, client.scheme === 'https') }
		: undefined;
	sendJson(response, 200, { ok: true, location: localizeHref(seatPath(id)) }, cookies);
}

/** A body that could not be read as JSON, refused with the reason. */
function refuseBody(response: ServerResponse, read: Extract<JsonBody, { ok: false }>): void {
	// The rest of an oversized body is not worth reading: the connection ends with the answer.
	const headers = read.status === 413 ? { Connection: 'close' } : undefined;
	sendProblem(response, read.status, read.reason, bodyProblemMessage(read), headers);
}

/**
 * A phone's verdict: `{ round, shown, answer, confidence }` for the round it answers. The
 * response comes only after the verdict is committed; repeating it is harmless (the first one
 * stands).
 */
async function verdict(
	request: IncomingMessage,
	response: ServerResponse,
	caller: ClassRequest
): Promise<void> {
	const read = await readJsonFrom(request);
	if (!read.ok) return refuseBody(response, read);
	const result = await seatVerdict(caller, parseSeatVerdict(read.body));
	if (!result.ok) {
		sendProblem(response, result.status, result.code, result.message, result.headers);
		return;
	}
	sendJson(response, 200, { ok: true, verdict: result.verdict, duplicate: result.duplicate });
}

/**
 * A phone's live events: its whole state first, then a new state whenever the session moves on
 * (a round opens, closes, is revealed; the session ends). Never other students' answers.
 */
async function seatEvents(
	request: IncomingMessage,
	response: ServerResponse,
	caller: ClassRequest,
	locale: Locale
): Promise<void> {
	const session = await classHub().get(caller.params.id ?? '');
	// Deleted or expired: say so, so the phone stops reconnecting.
	if (!session) return sendFinalEvent(response, 'gone', '{}');
	const token = tokenFrom(caller.cookies, SEAT_COOKIE);
	const seat = token ? session.seatByToken(token) : undefined;
	if (!seat) {
		await limits.authMisses.take(caller.getClientAddress());
		return sendFinalEvent(response, 'removed', JSON.stringify({ reason: 'no-seat' }));
	}
	places.saw(session.id, caller.getClientAddress());
	const allowance = await limits.streams.take(`seat:${seat.id}`);
	if (!allowance.ok) {
		return sendProblem(response, 429, 'rate-limited', m.class_rate_limited(), {
			'Retry-After': String(allowance.retryAfter)
		});
	}
	const mark = eventsMark(request, session, locale, seat.id);
	response.writeHead(200, streamHeaders(mark));
	session.connectSeat(seat.id, response, locale, mark !== undefined);
}

/** The host screen's live events: the whole state on every change, the answer count in between. */
async function hostEvents(
	request: IncomingMessage,
	response: ServerResponse,
	caller: ClassRequest,
	locale: Locale
): Promise<void> {
	if (!(await classHub().get(caller.params.id ?? ''))) {
		return sendFinalEvent(response, 'gone', '{}');
	}
	const host = await hostSession(caller);
	if (!host.ok) return sendProblem(response, host.status, host.code, host.message);
	const allowance = await limits.streams.take(`host:${host.session.id}`);
	if (!allowance.ok) {
		return sendProblem(response, 429, 'rate-limited', m.class_rate_limited(), {
			'Retry-After': String(allowance.retryAfter)
		});
	}
	const mark = eventsMark(request, host.session, locale, null);
	response.writeHead(200, streamHeaders(mark));
	host.session.connectHost(response, locale, mark !== undefined);
}

/**
 * Where a stream another process asked to serve from Redis starts in the session's messages;
 * undefined for a browser's own stream, or when the events cannot go through Redis now.
 */
function eventsMark(
	request: IncomingMessage,
	session: LiveSession,
	locale: Locale,
	seatId: string | null
): EventsMark | undefined {
	return request.headers[WANTS_EVENTS_BY_REDIS] ? session.eventsMark(locale, seatId) : undefined;
}

/** An event stream's response headers, with its mark when its events go through Redis. */
function streamHeaders(mark: EventsMark | undefined): OutgoingHttpHeaders {
	return mark ? { ...EVENT_STREAM_HEADERS, [EVENTS_MARK]: markHeader(mark) } : EVENT_STREAM_HEADERS;
}

/** A stream that says one thing and ends (the session is gone, the seat was removed). */
function sendFinalEvent(response: ServerResponse, event: string, data: string): void {
	response.writeHead(200, EVENT_STREAM_HEADERS);
	response.end(finalEvent(event, data));
}
