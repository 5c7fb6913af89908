import type { ServerResponse } from 'node:http';
import { json } from '@sveltejs/kit';
import { sendJson } from './node-response';

/**
 * The one shape of a JSON error: `error`, a stable code for programs, and `message`, a sentence
 * for people in the request's language (the `message` that SvelteKit's own JSON errors carry).
 */
function problemBody(code: string, message: string): { error: string; message: string } {
	return { error: code, message };
}

/** A JSON problem as a SvelteKit endpoint returns it. */
export function problem(
	status: number,
	code: string,
	message: string,
	headers?: HeadersInit
): Response {
	return json(problemBody(code, message), { status, headers });
}

/** The same problem, written by a plain Node handler (the class's hot path, hot-path.ts). */
export function sendProblem(
	response: ServerResponse,
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>
): void {
	sendJson(response, status, problemBody(code, message), headers);
}
