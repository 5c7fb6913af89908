import { json } from '@sveltejs/kit';

/**
 * The one shape of a JSON error: `error`, a stable code for programs, and `message`, a sentence
 * for people in the request's language (the `message` that SvelteKit's own JSON errors carry).
 */
export function problem(
	status: number,
	code: string,
	message: string,
	headers?: HeadersInit
): Response {
	return json({ error: code, message }, { status, headers });
}
