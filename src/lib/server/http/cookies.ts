/**
 * Cookies without SvelteKit's `cookies`, for the language switch's choice and the hot path's
 * session tokens. Read and written by the same `cookie` library SvelteKit uses, so both read a
 * header alike and write the same Set-Cookie for the same attributes.
 */
import { parse, serialize, type CookieSerializeOptions } from 'cookie';

/**
 * A cookie's value from a request's Cookie header: the first of several with the same name wins
 * (the browser sends the most specific path's first).
 */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
	return header ? parse(header)[name] : undefined;
}

/** A Set-Cookie header's value. */
export function setCookieHeader(
	name: string,
	value: string,
	options: CookieSerializeOptions & { path: string }
): string {
	return serialize(name, value, options);
}
