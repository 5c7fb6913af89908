/**
 * A device asking for a seat, as a phone sends it: the name typed, whether the button asking
 * for a name to be picked sent the request, and the attempt's key (join-attempt.ts: the script's
 * own, or the one the page was rendered with when the form posts without JavaScript). The routes
 * parse it here, at the trust boundary, as JSON from the phone's script or as the no-JavaScript
 * form's fields; the session then judges the name (nickname.ts) and the seat
 * (server/class/joining.ts).
 */
import * as z from 'zod';
import { isJoinAttempt } from './join-attempt';

// Past 200 characters a name is too long whatever follows: the rest is neither read nor sent back.
const typed = z
	.string()
	.default('')
	.transform((text) => text.slice(0, 200));

export const seatJoinSchema = z.object({
	nickname: typed,
	generate: z.boolean().default(false),
	/** The attempt's key (join-attempt.ts). */
	attempt: z.string().refine(isJoinAttempt, 'must be an attempt key').optional()
});

export type SeatJoin = z.infer<typeof seatJoinSchema>;

/**
 * A join as read, or why not: `bad-attempt` when all that is wrong is its attempt key (a page
 * with a broken script), `unreadable` for anything else.
 */
export type SeatJoinRead =
	{ ok: true; join: SeatJoin } | { ok: false; problem: 'unreadable' | 'bad-attempt' };

/**
 * The form's fields: the JSON's, except that the "pick a name" button sends `generate` (any
 * value) when it is the one pressed. A form without `attempt` (a page cached from before it
 * had one) joins as before, with a random seat token.
 */
export const seatJoinFormSchema = seatJoinSchema.extend({
	generate: z
		.string()
		.optional()
		.transform((button) => button !== undefined)
});

/** The name a form's fields say was typed, as a join reads it; '' for a field that is no text. */
export function typedNickname(fields: Record<string, unknown>): string {
	return typed.catch('').parse(fields.nickname);
}

function readWith(schema: z.ZodType<SeatJoin, unknown>, input: unknown): SeatJoinRead {
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, join: parsed.data };
	const attemptOnly = parsed.error.issues.every((issue) => issue.path[0] === 'attempt');
	return { ok: false, problem: attemptOnly ? 'bad-attempt' : 'unreadable' };
}

/** A join the phone's script sent as JSON. */
export function parseSeatJoin(input: unknown): SeatJoinRead {
	return readWith(seatJoinSchema, input);
}

/** A join posted as the form's fields (each field's text; absent ones left out). */
export function parseSeatJoinForm(fields: Record<string, unknown>): SeatJoinRead {
	return readWith(seatJoinFormSchema, fields);
}
