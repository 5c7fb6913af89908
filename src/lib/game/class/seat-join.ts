/**
 * A device asking for a seat, as a phone sends it: the name typed, and whether the button asking
 * for a name to be picked sent the request. The routes parse it here, at the trust boundary, as
 * JSON from the phone's script or as the no-JavaScript form's fields; the session then judges
 * the name (nickname.ts) and the seat (server/class/joining.ts).
 */
import * as z from 'zod';

// Past 200 characters a name is too long whatever follows: the rest is neither read nor sent back.
const typed = z
	.string()
	.default('')
	.transform((text) => text.slice(0, 200));

export const seatJoinSchema = z.object({
	nickname: typed,
	generate: z.boolean().default(false)
});

export type SeatJoin = z.infer<typeof seatJoinSchema>;

/** The form's fields: the "pick a name" button sends `generate` (any value) when it is the one pressed. */
export const seatJoinFormSchema = z.object({
	nickname: typed,
	generate: z
		.string()
		.optional()
		.transform((button) => button !== undefined)
});

/** A join the phone's script sent as JSON; null when it is not one. */
export function parseSeatJoin(input: unknown): SeatJoin | null {
	const parsed = seatJoinSchema.safeParse(input);
	return parsed.success ? parsed.data : null;
}

/** A join posted as the form's fields (each field's text; absent ones left out); null when unreadable. */
export function parseSeatJoinForm(fields: Record<string, unknown>): SeatJoin | null {
	const parsed = seatJoinFormSchema.safeParse(fields);
	return parsed.success ? parsed.data : null;
}
