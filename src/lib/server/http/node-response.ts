/**
 * Answers written straight to a Node response, for the handlers that run in front of SvelteKit
 * (the class's hot path). The security headers are already on the response: src/server.js sets
 * them on every response before any handler runs (and the dev server's plugin does the same).
 */
import type { ServerResponse } from 'node:http';

/** A JSON answer, never cached (every answer of the hot path is about one device's session). */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers?: Record<string, string | string[]>
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store'
	});
	response.end(text);
}
