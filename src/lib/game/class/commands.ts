/**
 * What the host screen may ask of a session: the one schema, whose type the host screen's
 * client sends and which the server validates before a command reaches the session (which of
 * them a session takes when is control.ts). Commands that move a round on name the round they
 * mean, so a double tap or an old tab cannot skip one; skip and swap also name what the round
 * shows (`shown`, the name the host screen got with it), since after one the same index names
 * another round: a command sent again (after a 503 "moving") cannot skip or swap a second one.
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '$lib/game/issues';

const round = z.int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'is too big');
/** What the round shows, as the server named it (SeatShared.shown); checked against it. */
const shown = z.string('must be the text the round came with').max(64).optional();
const seat = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a seat id');

export const hostCommandSchema = z.discriminatedUnion(
	'command',
	[
		z.strictObject({ command: z.literal('start') }),
		z.strictObject({ command: z.literal('pause'), round }),
		z.strictObject({ command: z.literal('resume'), round }),
		z.strictObject({ command: z.literal('close'), round }),
		z.strictObject({ command: z.literal('reveal'), round }),
		z.strictObject({ command: z.literal('skip'), round, shown }),
		z.strictObject({ command: z.literal('swap'), round, shown }),
		z.strictObject({ command: z.literal('next'), round }),
		z.strictObject({ command: z.literal('end') }),
		z.strictObject({ command: z.literal('kick'), seat }),
		z.strictObject({ command: z.literal('ban'), seat }),
		z.strictObject({ command: z.literal('unban'), seat }),
		z.strictObject({ command: z.literal('late-join'), allow: z.boolean('must be true or false') })
	],
	{
		error:
			'command: must be one of "start", "pause", "resume", "close", "reveal", "skip", "swap", "next", "end", "kick", "ban", "unban", "late-join"'
	}
);

export type HostCommand = z.infer<typeof hostCommandSchema>;

export type HostCommandResult = { ok: true; command: HostCommand } | { ok: false; error: string };

/** Validates a command from the host screen, with a message naming what was wrong. */
export function parseHostCommand(input: unknown): HostCommandResult {
	const parsed = hostCommandSchema.safeParse(input, { error: friendlyMessage });
	if (parsed.success) return { ok: true, command: parsed.data };
	return { ok: false, error: describeIssues(parsed.error.issues) };
}
