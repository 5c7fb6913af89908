/** Turning a join code into a session, with misses counted against the client's address. */
import { m } from '$lib/paraglide/messages.js';
import { classroom } from '$lib/server/classroom/instance';
import { limits } from '$lib/server/classroom/limits';
import { seatPath } from '$lib/server/classroom/http';
import { isJoinCode } from '$lib/server/classroom/tokens';

export type CodeLookup =
	{ ok: true; path: string } | { ok: false; status: number; message: string; code: string };

/**
 * The player page of the session with this code. Only wrong codes use up the address's
 * allowance (10, then one every 6 s), so a class behind one router joins freely while a million
 * codes cannot be tried in any useful time.
 */
export function lookUpCode(raw: string, address: string): CodeLookup {
	const code = raw.replace(/\s+/g, '');
	if (!isJoinCode(code)) return { ok: false, status: 400, message: m.join_code_invalid(), code };
	if (!limits.codeMisses.allows(address)) {
		const seconds = limits.codeMisses.retryAfter(address);
		return { ok: false, status: 429, message: m.join_code_rate_limited({ seconds }), code };
	}
	const session = classroom().byCode(code);
	if (!session) {
		limits.codeMisses.take(address);
		return { ok: false, status: 404, message: m.join_code_unknown(), code };
	}
	return { ok: true, path: seatPath(session.id) };
}
