/**
 * A seat's verdict as a phone sends it: a verdict (play/round.ts) and the name of what the round
 * showed when it was tapped (`shown`, see shownToken on the server). The routes parse it here, at
 * the trust boundary, as JSON from the phone's script or as the no-JavaScript form's fields; the
 * session then checks it against its round (which round, which pair, which side).
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '../issues';
import { verdictSchema } from '../play/round';

const shown = 'must be the text the round came with';

export const seatVerdictSchema = verdictSchema.extend({
	shown: z.string(shown).max(64, shown).optional()
});

export type SeatVerdict = z.infer<typeof seatVerdictSchema>;

// A form field holding a number: digits with an optional decimal point, nothing else.
const formNumber = z
	.string()
	.regex(/^\d*\.?\d+$/, 'must be a number')
	.transform(Number);

/**
 * The verdict form's fields (VerdictInput without JavaScript): text, the numbers written out.
 * Other fields a browser may add are left out; the verdict itself is then the JSON's schema.
 */
export const seatVerdictFormSchema = z
	.object({
		round: formNumber,
		shown: z.string().optional(),
		answer: z.string(),
		confidence: formNumber
	})
	.pipe(seatVerdictSchema);

export type SeatVerdictResult = { ok: true; verdict: SeatVerdict } | { ok: false; error: string };

function parseWith(schema: z.ZodType<SeatVerdict>, input: unknown): SeatVerdictResult {
	const parsed = schema.safeParse(input, { error: friendlyMessage });
	if (parsed.success) return { ok: true, verdict: parsed.data };
	return { ok: false, error: describeIssues(parsed.error.issues) };
}

/** A verdict the phone's script sent as JSON, with a message naming what was wrong. */
export function parseSeatVerdict(input: unknown): SeatVerdictResult {
	return parseWith(seatVerdictSchema, input);
}

/** A verdict posted as the form's fields (each field's text; absent ones left out). */
export function parseSeatVerdictForm(fields: Record<string, unknown>): SeatVerdictResult {
	return parseWith(seatVerdictFormSchema, fields);
}
