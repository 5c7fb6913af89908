/**
 * A cookie's value from a request's Cookie header, for code that reads a cookie without
 * SvelteKit's `cookies` (the language switch's choice, the hot path's session tokens). Parsed by
 * the same `cookie` library SvelteKit uses, so both read a header alike: the first of several
 * with the same name wins (the browser sends the most specific path's first).
 */
import { parse } from 'cookie';

export function cookieValue(header: string | null | undefined, name: string): string | undefined {
	return header ? parse(header)[name] : undefined;
}
