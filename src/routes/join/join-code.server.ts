/** Turning a join code into a session, with misses counted against the client's address. */
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { classHub } from '$lib/server/class/instance';
import { limits, places } from '$lib/server/class/limits';
import { seatPath } from '$lib/server/class/http';
import { isJoinCode } from '$lib/server/class/tokens';

/**
 * The code form's one field, as typed (/join without JavaScript; the short link /j/[code] has
 * the code in its address). Whether it is a code at all is lookUpCode's to say.
 */
export const codeForm = z.object({ code: z.string().default('') });

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
 * cannot be tried in any useful time. Once it is spent, a right code still passes if its class
 * is already at this address (its host or a seat was seen here, see places.ts), so a student
 * sending wrong codes cannot stop classmates joining; every other lookup waits, right codes too:
 * answering those would tell a guesser which code is live.
 */
export async function lookUpCode(raw: string, address: string): Promise<CodeLookup> {
	const code = raw.replace(/\s+/g, '');
	if (!isJoinCode(code)) return { ok: false, status: 400, message: m.join_code_invalid(), code };
	const id = await classHub().idByCode(code);
	if (id && places.isAt(id, address)) return { ok: true, path: seatPath(id) };
	const allowance = await limits.codeMisses.check(address);
	if (!allowance.ok) {
		const seconds = allowance.retryAfter;
		return {
			ok: false,
			status: 429,
			message: m.join_code_rate_limited({ seconds }),
			code,
			retryAfter: seconds
		};
	}
	if (!id) {
		await limits.codeMisses.take(address);
		return { ok: false, status: 404, message: m.join_code_unknown(), code };
	}
	return { ok: true, path: seatPath(id) };
}
