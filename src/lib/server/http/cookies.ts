/**
 * A cookie's value from a request's Cookie header, for code that reads a cookie without
 * SvelteKit's `cookies` (the language switch's choice, the hot path's session tokens). The
 * first of several with the same name wins, as in SvelteKit: the browser sends the cookie of
 * the most specific path first.
 */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const pair of header.split(';')) {
		const equals = pair.indexOf('=');
		if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
		const value = pair.slice(equals + 1).trim();
		return value.length > 1 && value.startsWith('"') && value.endsWith('"')
			? value.slice(1, -1)
			: value;
	}
	return undefined;
}
