// A minimal class-session client over plain HTTP, for the load benchmark and the restart test:
// it creates a session as a host would, joins seats as phones would, opens the real event
// streams and posts real verdicts. Cookies are handled by hand; nothing here is a browser.
import http from 'node:http';

/** One agent for all simulated devices: keep-alive, and no cap on sockets (SSE holds one each). */
export const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256 });

let ownAddresses = false;
/**
 * With `on`, each simulated device with an `ip` connects from its own loopback address too
 * (10.a.b.c connects from 127.a.b.c; Linux routes all of 127/8 to loopback), so a proxy in front
 * of the server (nginx, which overwrites X-Forwarded-For) tells the devices apart as it would
 * tell real phones apart. Each device then keeps its own connections, as a phone does. Without,
 * every device's requests share the agent's pool of connections, as a proxy's to its servers do.
 */
export function connectFromOwnAddresses(on) {
	ownAddresses = on;
}

/** The local address a device's connections come from, when they have their own. */
function sourceOf(ip) {
	return ownAddresses && ip ? `127.${ip.split('.').slice(1).join('.')}` : undefined;
}

/**
 * One HTTP request. Resolves with status, headers, text body. `ip` is sent as X-Forwarded-For,
 * which the server reads only when started with ADDRESS_HEADER (the benchmark does, so each
 * simulated phone has its own address, as in a real class, and then every request needs one).
 * @param {string} base
 * @param {string} method
 * @param {string} path
 * @param {{ body?: string, headers?: Record<string, string>, ip?: string }} [options]
 * @param {boolean} [retried]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string }>}
 */
export function request(base, method, path, { body, headers = {}, ip } = {}, retried = false) {
	const url = new URL(path, base);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method,
				agent,
				localAddress: sourceOf(ip),
				headers: {
					...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
					'x-forwarded-for': ip ?? '127.0.0.1',
					...headers
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
				res.on('error', reject);
			}
		);
		req.on('error', (error) => {
			// A kept-alive socket the server closed as this request went out: the request never
			// arrived, so send it once more on a fresh socket (what browsers do too).
			if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) {
				resolve(request(base, method, path, { body, headers, ip }, true));
			} else {
				reject(error);
			}
		});
		if (body !== undefined) req.write(body);
		req.end();
	});
}

function cookieFrom(headers, name) {
	for (const line of headers['set-cookie'] ?? []) {
		const match = new RegExp(`^${name}=([^;]+)`).exec(line);
		if (match) return `${name}=${match[1]}`;
	}
	return undefined;
}

function form(fields) {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(fields)) {
		for (const item of [value].flat()) params.append(key, String(item));
	}
	return params.toString();
}

/** Creates a session through the host form; returns its id and the host cookie. */
export async function createSession(base, settings, ip) {
	const response = await request(base, 'POST', '/host', {
		body: form(settings),
		ip,
		headers: {
			origin: new URL(base).origin,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json'
		}
	});
	const location = JSON.parse(response.text).location;
	const id = /^\/class\/([\w-]+)\/host$/.exec(location ?? '')?.[1];
	const hostCookie = cookieFrom(response.headers, 'tt_host');
	if (!id || !hostCookie)
		throw new Error(`could not create a session: ${response.status} ${response.text}`);
	return { id, hostCookie };
}

/** The session's join code, as the host screen shows it. */
export async function joinCode(base, session) {
	const response = await request(base, 'GET', `/class/${session.id}/host`, {
		headers: { cookie: session.hostCookie }
	});
	const code = /data-testid="join-code"[^>]*>(\d{3}) (\d{3})</.exec(response.text);
	if (response.status !== 200 || !code) throw new Error(`no join code: ${response.status}`);
	return code[1] + code[2];
}

/** Looks up a join code as the short link does; returns the session id it leads to. */
export async function lookUp(base, code, ip) {
	const response = await request(base, 'GET', `/j/${code}`, { ip });
	const id = /^\/class\/([\w-]+)$/.exec(response.headers.location ?? '')?.[1];
	return { status: response.status, id, text: response.text };
}

/**
 * Takes a seat with a nickname as the phone's script does (JSON to the session's join address);
 * returns the seat cookie.
 */
export async function join(base, sessionId, nickname, ip) {
	const response = await request(base, 'POST', `/class/${sessionId}/join`, {
		body: JSON.stringify({ nickname }),
		ip,
		headers: { 'content-type': 'application/json' }
	});
	const cookie = cookieFrom(response.headers, 'tt_seat');
	if (!cookie)
		throw new Error(`could not join as ${nickname}: ${response.status} ${response.text}`);
	return cookie;
}

/** Posts a verdict; resolves with the HTTP status and the parsed answer. */
export async function verdict(base, sessionId, cookie, body, ip) {
	const response = await request(base, 'POST', `/class/${sessionId}/verdict`, {
		body: JSON.stringify(body),
		ip,
		headers: { cookie, 'content-type': 'application/json' }
	});
	return { status: response.status, body: JSON.parse(response.text || '{}') };
}

/** Sends a host command; resolves with the HTTP status and the parsed answer. */
export async function command(base, session, body) {
	const response = await request(base, 'POST', `/class/${session.id}/host/command`, {
		body: JSON.stringify(body),
		headers: { cookie: session.hostCookie, 'content-type': 'application/json' }
	});
	return { status: response.status, body: JSON.parse(response.text || '{}') };
}

/**
 * Opens an event stream and calls `onevent(name, data, receivedAt)` for each event. Returns
 * `close()`. The stream is read as it arrives; nothing is buffered beyond one partial event.
 * @param {string} base
 * @param {string} path
 * @param {string} cookie
 * @param {(name: string, data: any, receivedAt: number) => void} onevent
 * @param {{ ip?: string, onend?: (why: string) => void }} [options] `onend` says why a stream
 *   the caller did not close ended: its status and last event, or the connection's error

 */
export function events(base, path, cookie, onevent, { ip, onend } = {}) {
	const url = new URL(path, base);
	let closed = false;
	let req;
	const open = (retried) => {
		req = http.get(
			url,
			{
				agent,
				localAddress: sourceOf(ip),
				headers: { cookie, accept: 'text/event-stream', 'x-forwarded-for': ip ?? '127.0.0.1' }
			},
			(res) => {
				let buffer = '';
				let last = 'no event';
				res.setEncoding('utf8');
				res.on('data', (chunk) => {
					const receivedAt = performance.now();
					buffer += chunk;
					let end;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						let name = 'message';
						let data = '';
						for (const line of block.split('\n')) {
							if (line.startsWith('event: ')) name = line.slice(7);
							else if (line.startsWith('data: ')) data += line.slice(6);
						}
						last = name;
						if (data) onevent(name, JSON.parse(data), receivedAt);
					}
				});
				res.on('end', () => {
					if (!closed) onend?.(`${res.statusCode} after ${last}`);
				});
				res.on('error', () => {});
			}
		);
		req.on('error', (error) => {
			// A kept-alive socket the server closed as the stream was asked for (a phone idle since
			// joining): the request never arrived, so ask once more on a fresh socket, as request() does.
			if (req.reusedSocket && error.code === 'ECONNRESET' && !retried && !closed) open(true);
			else if (!closed) onend?.(error.code ?? error.message);
		});
	};
	open(false);
	return {
		close() {
			closed = true;
			req.destroy();
		}
	};
}
