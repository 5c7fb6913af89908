/**
 * A class session's requests reach its owner (ownership.ts) whichever process the load balancer
 * sends them to: a process that does not own the session passes the request on to the owner's
 * address over HTTP and the answer back, an event stream included (its bytes are piped as they
 * come, so the owner's events reach phones connected to any process). The owner decides
 * everything, as one process always did. The client's headers go on unchanged (the address and
 * scheme the load balancer set), so the owner reads the same client the first process did.
 *
 * An owner that does not answer (killed, restarting) is asked again until its lease lapses; then
 * this process takes the session (ownership.ts) and serves a GET itself; a request with a body
 * (already read to be passed on) is answered 503 with Retry-After, as is one the owner may have
 * received before it failed. The phone's or host's script sends it again, which is safe: a
 * verdict is answered once however often it is sent, a join with its attempt key gets the seat
 * it made (joining.ts), a host command names its round.
 *
 * A request passed on names the process that passed it (PASSED_BY) and is never passed on again:
 * a process that does not serve its session (the sender's lease was out of date, or the session
 * is being handed back, ownership.ts) sends it back unread, and the sender reads the lease again.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime';
import { sendProblem } from '../http/problem';
import type { HotPathClient } from '../http/hot-path.js';
import { classEventRelay, classOwnership } from './instance';
import { EVENTS_MARK, WANTS_EVENTS_BY_REDIS, parseMark } from './event-channel';
import type { Listener } from './event-relay';

/**
 * The address of the process that passed the request on: the owner counts who sends it a
 * session's requests (ownership.ts, `served`), and a request passed on is never passed on again.
 * The load balancer removes it from what clients send (nginx-site.conf); one sent straight to a
 * process can only end in a "moving" answer, or in a session handed back and taken again.
 */
const PASSED_BY = 'x-telltale-passed-by';
/**
 * Set on the answer to a request passed on to a process that does not serve the session (any
 * more): it did nothing with it, so the sender reads the lease again and sends it on anew.
 */
const NOT_OWNER = 'x-telltale-not-owner';
/** Joins, verdicts, host commands and forms: small (uploads never go to a session's address). */
const MAX_BODY_BYTES = 512 * 1024;
/** How long the owner has to start answering (an event stream then stays open). */
const ANSWER_MS = 10_000;
const RETRY_MS = 250;
/** Failures that mean the request never reached the owner: safe to send again. */
const UNREACHED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
/** Connection headers are this hop's own, not passed on. */
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade'];

const agent = new http.Agent({ keepAlive: true });

/** Any address of one class session in any language: its pages, host commands, report, CSV. */
const SESSION_ADDRESS = new RegExp(
	`^(?:/(?:${locales.join('|')}))?/class/([A-Za-z0-9_-]+)(?:[/?#]|$)`
);

/**
 * A class session's request that SvelteKit serves (a page, a host command): passed to its
 * owner if that is another process, else handed to SvelteKit (`client.kit`). Returns false,
 * touching nothing, when this process serves it at once (it owns the session, or one process
 * serves every session).
 */
export function relaySessionRequest(
	request: IncomingMessage,
	response: ServerResponse,
	client: HotPathClient
): boolean {
	const id = SESSION_ADDRESS.exec(request.url ?? '')?.[1];
	if (!id || servedHere(id, request)) return false;
	passedOn(id, request, response).then(
		(passed) => passed || client.kit(),
		(fault: unknown) => {
			console.error(`[500] ${request.method} ${request.url}`, fault);
			if (response.headersSent) response.destroy();
			else sendProblem(response, 500, 'server-error', m.error_server());
		}
	);
	return true;
}

/**
 * Whether this process serves the session's request without asking anyone; the owner notes who
 * passed it on, and the request that makes it hand the session back is not served here. An
 * event stream (`stream`) is not noted: a whole class opens its streams at once wherever each
 * phone reconnects, so a burst of them from one process says nothing of where the load balancer
 * sends the session's requests, and would move a session that has phones on every process back
 * and forth.
 */
function servedHere(id: string, request: IncomingMessage, stream = false): boolean {
	const ownership = classOwnership();
	if (!ownership) return true;
	if (!ownership.holds(id)) return false;
	if (stream) return true;
	ownership.served(id, passedBy(request));
	return ownership.holds(id);
}

/** The process that passed the request on, if one did. */
function passedBy(request: IncomingMessage): string | undefined {
	const value = request.headers[PASSED_BY];
	return typeof value === 'string' ? value : undefined;
}

/**
 * Serves the request by the session's owner if that is another process, and says whether it
 * did; false means this process owns the session (it may have just taken it) and serves it.
 * `stream`: the request opens an event stream, whose events come through Redis when the
 * processes share it (event-channel.ts).
 */
export async function passedToOwner(
	id: string,
	request: IncomingMessage,
	response: ServerResponse,
	stream = false
): Promise<boolean> {
	if (servedHere(id, request, stream)) return false;
	const relay = stream ? classEventRelay() : undefined;
	const listener = relay?.ready ? await relay.listen(id) : undefined;
	try {
		return await passedOn(id, request, response, listener);
	} finally {
		if (listener && !listener.attached) listener.release();
	}
}

/** passedToOwner for a session this process does not serve. */
async function passedOn(
	id: string,
	request: IncomingMessage,
	response: ServerResponse,
	listener?: Listener
): Promise<boolean> {
	const ownership = classOwnership()!;
	// Passed on to a process that does not serve the session (its sender's lease was out of date,
	// or this process is handing the session back): neither taken here nor passed on again.
	if (passedBy(request) !== undefined) {
		sendProblem(response, 503, 'moving', m.class_moving(), {
			'Retry-After': '1',
			[NOT_OWNER]: '1'
		});
		return true;
	}
	const until = Date.now() + ownership.leaseMs + 2 * RETRY_MS;
	let body: Buffer | null | undefined;
	for (;;) {
		const place = await ownership.place(id);
		// This process took the session after its owner failed to answer: a body already read
		// cannot be read again here, so the client sends the request again (to the new owner).
		if (place.here) return body !== undefined && !bodiless(request) ? moving(response) : false;
		if (!place.url) return moving(response);
		body ??= await bodyOf(request);
		if (body === null) {
			sendProblem(response, 413, 'too-large', m.class_too_large(), { Connection: 'close' });
			return true;
		}
		const outcome = await forward(place.url, request, body, ownership.url, response, listener);
		if (outcome === 'answered') return true;
		if (outcome === 'failed' || Date.now() > until) return moving(response);
		ownership.unreachable(id);
		await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
	}
}

/** The session is changing hands: the client tries again in a second. */
function moving(response: ServerResponse): true {
	if (response.headersSent) response.destroy();
	else sendProblem(response, 503, 'moving', m.class_moving(), { 'Retry-After': '1' });
	return true;
}

/** Whether the request has no body to read (GET, HEAD). */
function bodiless(request: IncomingMessage): boolean {
	return request.method === 'GET' || request.method === 'HEAD';
}

/** The request's body, whole (null when too large to pass on). */
async function bodyOf(request: IncomingMessage): Promise<Buffer | null> {
	if (bodiless(request)) return Buffer.alloc(0);
	if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return null;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) return null;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/**
 * Sends the request to the owner at `origin` (from this process, at `from`) and pipes its
 * answer back: 'answered' once the answer has started, 'unreached' when the owner did not act
 * on the request (it could not have seen it, or does not serve the session: safe to send again;
 * a GET always is), 'failed' otherwise. An event stream's request with a `listener` asks for its
 * events through Redis: if the owner agrees, the listener serves the answer. Exported for its
 * tests.
 */
export function forward(
	origin: string,
	request: IncomingMessage,
	body: Buffer,
	from: string,
	response: ServerResponse,
	listener?: Listener
): Promise<'answered' | 'unreached' | 'failed'> {
	const headers: http.OutgoingHttpHeaders = { ...request.headers, [PASSED_BY]: from };
	for (const name of HOP_HEADERS) delete headers[name];
	if (listener) headers[WANTS_EVENTS_BY_REDIS] = '1';
	if (body.length > 0 || request.method === 'POST') headers['content-length'] = body.length;
	return new Promise((resolve) => {
		let answered = false;
		const upstream = http.request(
			new URL(request.url ?? '/', origin),
			{ method: request.method, headers, agent },
			(answer) => {
				upstream.setTimeout(0);
				if (answer.headers[NOT_OWNER]) {
					answer.resume();
					response.off('close', cancel);
					resolve('unreached');
					return;
				}
				answered = true;
				const passed = { ...answer.headers };
				for (const name of [...HOP_HEADERS, EVENTS_MARK]) delete passed[name];
				response.writeHead(answer.statusCode ?? 502, passed);
				const mark = listener && parseMark(answer.headers[EVENTS_MARK]);
				if (mark) {
					listener!.attach(response, answer, mark);
					resolve('answered');
					return;
				}
				answer.pipe(response);
				// The owner died mid-answer: an event stream ends, and the browser reconnects
				// (through the load balancer, to whichever process serves the session next).
				answer.once('close', () => {
					if (answer.complete) return;
					if (String(passed['content-type']).startsWith('text/event-stream')) response.end();
					else response.destroy();
				});
				resolve('answered');
			}
		);
		upstream.setTimeout(ANSWER_MS, () => upstream.destroy(new Error('no answer in time')));
		const cancel = () => upstream.destroy();
		response.once('close', cancel);
		upstream.on('error', (error: NodeJS.ErrnoException) => {
			if (answered) return;
			response.off('close', cancel);
			// A kept-alive connection the owner closed, idle, as the request went out on it: the
			// owner never read it, so it is sent again, as browsers do. (The agent lets a connection
			// go a second before the owner's keep-alive timeout, but on a busy machine its timer runs
			// late: a verdict sent between two rounds was refused so, and its phone had to resend.)
			const stale = upstream.reusedSocket && error.code === 'ECONNRESET';
			const safe = stale || UNREACHED.has(error.code ?? '') || request.method === 'GET';
			resolve(safe && !response.destroyed ? 'unreached' : 'failed');
		});
		upstream.end(body);
	});
}
