// The production server: SvelteKit's adapter-node handler inside a plain Node HTTP server, so
// that what is true of every request is decided here, before the handler serves static files
// (which no SvelteKit hook sees) or renders a page.
//
// - The scheme. adapter-node assumes https unless told otherwise, and then every form post over
//   plain http fails Kit's CSRF check with 403. A newcomer's `npm start` is plain http on
//   localhost or a LAN address, so unless a proxy is configured (ORIGIN, or PROTOCOL_HEADER
//   naming a header the proxy sets), each request's scheme is what its socket really speaks;
//   a client cannot claim another (the header below is overwritten on every request).
// - Security headers on every response, static files included; HSTS over https only.
// - The requests a live class sends by the thousand (verdicts, event streams) go to the app's
//   hot path (src/lib/server/class/hot-path.ts, registered when the app starts) before
//   SvelteKit's handler, which costs several times their own work (BENCHMARKS.md, class).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reachableOrigins, isLoopback } from './lib/server/http/addresses.js';
import { securityHeaders, strictTransportSecurity } from './lib/server/http/security-headers.js';
import { hotPath } from './lib/server/http/hot-path.js';
import { locales } from './lib/paraglide/runtime.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const port = Number(env.PORT || 3000);
const host = env.HOST || '0.0.0.0';
// Open live-session streams would otherwise hold a restart for adapter-node's default 30 s.
const shutdownSeconds = Number(env.SHUTDOWN_TIMEOUT || 3);
// A wrong address would otherwise surface as a stack trace after the server started listening.
for (const name of ['ORIGIN', 'PUBLIC_URL']) {
	if (env[name] && !URL.canParse(env[name])) {
		console.error(
			`${name} is not a URL: ${JSON.stringify(env[name])} (e.g. https://telltale.example.org)`
		);
		process.exit(1);
	}
}
const origin = env.ORIGIN ? new URL(env.ORIGIN) : undefined;
const proxyProtocolHeader = env.PROTOCOL_HEADER?.toLowerCase();
const OWN_PROTOCOL_HEADER = 'x-telltale-socket-protocol';
if (!origin && !proxyProtocolHeader) env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

/** The scheme the browser used for this request, by the rule in the comment at the top. */
function schemeOf(/** @type {http.IncomingMessage} */ request) {
	if (origin) return origin.protocol.slice(0, -1);
	if (proxyProtocolHeader) {
		const value = request.headers[proxyProtocolHeader];
		return String(Array.isArray(value) ? value[0] : (value ?? ''))
			.split(',')[0]
			.trim()
			.toLowerCase();
	}
	return 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
}

// adapter-node's rule for the client's address (ADDRESS_HEADER, XFF_DEPTH), for the hot path.
const addressHeader = env.ADDRESS_HEADER?.toLowerCase();
const xffDepth = Number(env.XFF_DEPTH || 1);

/**
 * The client's address as SvelteKit's getClientAddress gives it here. Where adapter-node would
 * fail (the header absent, fewer proxies than XFF_DEPTH), the socket's address stands in: the
 * request did not come through the proxy as configured, and that is who sent it.
 */
function addressOf(/** @type {http.IncomingMessage} */ request) {
	const value = addressHeader ? request.headers[addressHeader] : undefined;
	if (typeof value === 'string' && value) {
		if (addressHeader !== 'x-forwarded-for') return value;
		const addresses = value.split(',');
		if (xffDepth >= 1 && xffDepth <= addresses.length) {
			return addresses[addresses.length - xffDepth].trim();
		}
	}
	return request.socket.remoteAddress ?? '';
}

// Teachers upload pictures of up to 20 MB to their pack's editor (MAX_UPLOAD_BYTES in
// src/lib/server/packs/teacher/images.ts) and import pack zips of up to 20 MB (MAX_ZIP_BYTES in
// pack-zip.ts beside it), which adapter-node's default limit (512 KB) would refuse. Only the
// editor's addresses and the import action, in every language, get the larger allowance: any
// other request announcing a bigger body is refused below before it is read, as adapter-node
// would have. A body that does not announce its length (chunked) is refused on every address,
// or adapter-node would read it up to the uploads' limit anywhere; browsers announce the length
// of every form and fetch body this app sends.
const SMALL_BODY_BYTES = 512 * 1024;
const UPLOAD_BODY_BYTES = 21 * 1024 * 1024;
const UPLOAD_PATH = new RegExp(`^/(?:(?:${locales.join('|')})/)?packs/(?:edit/|new\\?/import$)`);
env.BODY_SIZE_LIMIT ||= String(UPLOAD_BODY_BYTES);

// Imported after PROTOCOL_HEADER is settled: adapter-node reads its settings when it loads. The
// app starts (hooks' init) as the handler loads, and registers its hot path then.
// A problem its host fixes (src/lib/server/setting-problem.ts) stops the start with its sentence.
const { handler } = await import(path.join(root, 'build', 'handler.js')).catch((error) => {
	if (error?.name !== 'SettingProblem') throw error;
	console.error(`Telltale could not start: ${error.message}`);
	process.exit(1);
});
const classHotPath = hotPath();
if (!classHotPath) throw new Error('the app did not register its hot path when it started');

let shuttingDown = false;
const server = http.createServer((request, response) => {
	request.on('close', () => {
		// While stopping, close each connection as soon as it has nothing more to send.
		if (shuttingDown) server.closeIdleConnections();
	});
	const scheme = schemeOf(request);
	if (!origin && !proxyProtocolHeader) request.headers[OWN_PROTOCOL_HEADER] = scheme;
	for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
	if (scheme === 'https') response.setHeader('Strict-Transport-Security', strictTransportSecurity);
	const client = {
		scheme,
		address: () => addressOf(request),
		kit: () => serveWithKit(request, response)
	};
	if (classHotPath(request, response, client)) return;
	serveWithKit(request, response);
});

/**
 * SvelteKit serves the request, unless its body is refused first.
 * @param {http.IncomingMessage} request @param {http.ServerResponse} response
 */
function serveWithKit(request, response) {
	const refusal = bodyRefusal(request);
	if (refusal) {
		response.writeHead(refusal.status, {
			'Content-Type': 'text/plain; charset=utf-8',
			Connection: 'close'
		});
		response.end(refusal.message);
		return;
	}
	handler(request, response, () => {
		response.statusCode = 404;
		response.end('Not found');
	});
}

/**
 * Why a request is refused before its body is read, if it is.
 * @param {http.IncomingMessage} request
 */
function bodyRefusal(request) {
	const length = request.headers['content-length'];
	if (length === undefined && request.headers['transfer-encoding'] !== undefined) {
		return { status: 411, message: 'Send the length of the request body (Content-Length).' };
	}
	if (Number(length ?? 0) > SMALL_BODY_BYTES && !UPLOAD_PATH.test(request.url ?? '')) {
		return { status: 413, message: 'The request body is too large.' };
	}
	return undefined;
}

/** @param {string} reason */
function shutDown(reason) {
	if (shuttingDown) return;
	shuttingDown = true;
	server.closeIdleConnections();
	console.log(`Stopping (${reason})...`);
	server.close();
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));

// Connections wait here, made but not yet taken, while the process is busy (a few classes
// joining at once behind nginx, which opens one per request it passes on). Node's default of 511
// overflowed at 20 classes of 100 joining together: the kernel dropped new connections and
// nginx gave up on the process after its 2 s connect timeout (BENCHMARKS.md, "20 classes of
// 100"). The kernel caps it at net.core.somaxconn (4096 since Linux 5.4).
const LISTEN_BACKLOG = 4096;
server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
	console.log(readyLine());
});

/** What a newcomer needs to know after `npm start`: where to go, and where phones go. */
function readyLine() {
	const listening = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	const everywhere = host === '0.0.0.0' || host === '::';
	const here = everywhere ? 'localhost' : host;
	const local = `http://${here.includes(':') ? `[${here}]` : here}:${listening}`;
	if (!everywhere && isLoopback(host)) {
		return `Telltale is ready: ${local} (only this computer can open it: HOST is ${host})`;
	}
	const phones = reachableOrigins({
		requestOrigin: local,
		publicUrl: env.PUBLIC_URL || env.ORIGIN
	}).filter((o) => o !== local);
	return phones.length > 0
		? `Telltale is ready: ${local} (phones on this network: ${phones.join(', ')})`
		: `Telltale is ready: ${local}`;
}
