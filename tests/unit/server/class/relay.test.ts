/**
 * Passing a class session's request to its owner (class/relay.ts), between two real HTTP
 * servers on free ports: a request on a kept-alive connection that the owner closes as it goes
 * out (the owner had it idle for its keep-alive timeout, and never read the request) is one to
 * send again, not one to refuse.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forward } from '$lib/server/class/relay';

let owner: http.Server;
let relay: http.Server;
let ownerUrl: string;
let relayUrl: string;
/** What `forward` said about each request the relay passed on. */
const outcomes: string[] = [];

/** Listens on a free loopback port; the server's address. */
async function listening(server: http.Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
	// The owner answers the first request on a connection and keeps it open; a second request
	// on it arrives as the owner closes it, idle: the connection is reset, the request unread.
	const served = new WeakMap<object, number>();
	owner = http.createServer((request, response) => {
		const count = (served.get(request.socket) ?? 0) + 1;
		served.set(request.socket, count);
		if (count > 1) {
			request.socket.resetAndDestroy();
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"ok":true}');
	});
	ownerUrl = await listening(owner);
	relay = http.createServer(async (request, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		// As passedToOwner does: a request the owner never saw is sent again, else refused.
		for (let attempt = 0; attempt < 2; attempt++) {
			const outcome = await forward(ownerUrl, request, Buffer.concat(chunks), relayUrl, response);
			outcomes.push(outcome);
			if (outcome === 'answered') return;
			if (outcome === 'failed') break;
		}
		response.writeHead(503).end();
	});
	relayUrl = await listening(relay);
});

afterAll(async () => {
	owner.closeAllConnections();
	relay.closeAllConnections();
	await Promise.all([owner, relay].map((server) => new Promise((done) => server.close(done))));
});

/** A verdict posted to the relay on a connection of its own. */
async function post(): Promise<number> {
	const response = await fetch(`${relayUrl}/class/abc/verdict`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', connection: 'close' },
		body: '{"round":0,"answer":"left","confidence":0.7}'
	});
	await response.text();
	return response.status;
}

it('sends a request again when the owner closed the kept-alive connection it went out on', async () => {
	expect(await post()).toBe(200);
	// The relay reuses its connection to the owner, which resets it: it sends the verdict again
	// on a new connection, and the phone has the owner's answer, not a refusal.
	expect(await post()).toBe(200);
	expect(outcomes).toEqual(['answered', 'unreached', 'answered']);
});
