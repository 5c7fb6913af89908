/**
 * Which of the host's round commands a class session takes in which state. The server refuses
 * a command this says no to, and the host screen shows only the buttons this says yes to: one
 * rule, asked by both, so a button never leads to a refusal and a refusal never hides a button.
 */
import { isRevealed, type ClassPhase, type SessionPart } from './phases';

/** The commands that move a session through its rounds (seat commands are always allowed). */
export const ROUND_COMMANDS = [
	'start',
	'pause',
	'resume',
	'close',
	'reveal',
	'skip',
	'swap',
	'next',
	'end'
] as const;
export type RoundCommand = (typeof ROUND_COMMANDS)[number];

/** What the rule needs to know of a session. */
export interface ControlState {
	phase: ClassPhase;
	/** The current round's index; -1 in the lobby. */
	round: number;
	/** Rounds in the session. */
	rounds: number;
	/** The current round's part; null in the lobby. */
	part: SessionPart | null;
	/** Whether rounds have a timer (a round without one cannot be paused). */
	timed: boolean;
	/** Whether the open round's timer is stopped. */
	paused: boolean;
}

/**
 * Whether `command` may be given now. `target` is the round the command names (for start and
 * end, none); in the lobby, skip and swap may name any round of the preview, in play only the
 * current one. stale: the command names another round or asks for what is already so (a double
 * tap, an old tab); not-now: it makes no sense in this phase.
 */
export function commandRule(
	command: RoundCommand,
	state: ControlState,
	target?: number
): 'ok' | 'stale' | 'not-now' {
	const { phase } = state;
	const inRound = phase === 'open' || phase === 'closed' || phase === 'revealed';
	if (command === 'start') return phase === 'lobby' ? 'ok' : 'stale';
	if (command === 'end') return phase === 'ended' ? 'stale' : 'ok';
	if (phase === 'lobby' && (command === 'skip' || command === 'swap')) {
		if (target === undefined || target < 0 || target >= state.rounds) return 'stale';
	} else if (!inRound || target !== state.round) {
		return 'stale';
	}
	// A session keeps at least one round.
	if (command === 'skip' && state.rounds <= 1) return 'not-now';
	if (phase === 'lobby') return 'ok';
	switch (command) {
		case 'pause':
			if (phase !== 'open') return 'stale';
			if (!state.timed) return 'not-now';
			return state.paused ? 'stale' : 'ok';
		case 'resume':
			if (phase !== 'open') return 'stale';
			return state.paused ? 'ok' : 'stale';
		case 'close':
			return phase === 'open' ? 'ok' : 'stale';
		case 'reveal':
			if (phase === 'revealed') return 'stale';
			return state.part !== null && isRevealed(state.part) ? 'ok' : 'not-now';
		// Once the answer is out the round has been played: the next one comes with "next".
		case 'skip':
		case 'swap':
			return phase === 'revealed' ? 'not-now' : 'ok';
		case 'next':
			return phase === 'open' ? 'not-now' : 'ok';
	}
	return 'not-now';
}

/** The round commands the host may give now, about the current round (the screen's buttons). */
export function allowedCommands(state: ControlState): Set<RoundCommand> {
	return new Set(
		ROUND_COMMANDS.filter(
			(command) =>
				commandRule(command, state, state.phase === 'lobby' ? undefined : state.round) === 'ok'
		)
	);
}
