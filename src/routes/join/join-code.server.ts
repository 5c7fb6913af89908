/** Turning a join code into a session, with misses counted against the client's address. */
import { m } from '$lib/paraglide/messages.js';
import { classroom } from '$lib/server/classroom/instance';
import { limits } from '$lib/server/classroom/limits';
import { seatPath } from '$lib/server/classroom/http';
import { addressKey } from '$lib/server/classroom/rate-limit';
import { isJoinCode } from '$lib/server/classroom/tokens';

export type CodeLookup =
	| { ok: true; path: string }
	| {
			ok: false;
			status: 400 | 404 | 429;
			message: string;
			code: string;
			/** With 429: seconds until the address may try again. */
			retryAfter?: number;
	  };

/**
 * The player page of the session with this code. Only wrong codes use up the address's
 * allowance (see CODE_MISSES), so a class behind one router joins freely while a million codes
 * cannot be tried in any useful time. Once it is spent every lookup waits, right codes too:
 * answering those would tell a guesser which code is live.
 */
export function lookUpCode(raw: string, address: string): CodeLookup {
	const code = raw.replace(/\s+/g, '');
	if (!isJoinCode(code)) return { ok: false, status: 400, message: m.join_code_invalid(), code };
	const key = addressKey(address);
	if (!limits.codeMisses.allows(key)) {
		const seconds = limits.codeMisses.retryAfter(key);
		return {
			ok: false,
			status: 429,
			message: m.join_code_rate_limited({ seconds }),
			code,
			retryAfter: seconds
		};
	}
	const session = classroom().byCode(code);
	if (!session) {
		limits.codeMisses.take(key);
		return { ok: false, status: 404, message: m.join_code_unknown(), code };
	}
	return { ok: true, path: seatPath(session.id) };
}
