/**
 * A class session's round moving through its phases (open, closed, revealed; the session's end),
 * and the deadline that closes an open round by itself: each move is stored before anything is
 * pushed, and every screen hears of it. The deadline is the server's: a phone's clock only shows it.
 */
import type { SessionRecord } from './store';
import type { SessionState } from './session';
import { broadcastHost, broadcastSeats, forgetViews } from './screens';

/**
 * Stores the round plan: the settings, the rounds and the time a paused round has left.
 * `dropRound` also drops that round's stored answers (a skipped or swapped round).
 */
export function savePlan(state: SessionState, dropRound?: number): void {
	const { settings, rounds, pausedLeft } = state.record;
	state.keep(state.store.updatePlan(state.record.id, { settings, rounds, pausedLeft }, dropRound));
}

/** Opens the round at `index`, its deadline (if the session has a timer) counted from now. */
export function openRound(state: SessionState, index: number): void {
	const { record } = state;
	const now = state.now();
	const timer = record.settings.timer;
	if (record.pausedLeft !== null) {
		record.pausedLeft = null;
		savePlan(state);
	}
	record.round = index;
	record.openedAt = now;
	record.deadline = timer > 0 ? now + timer * 1000 : null;
	setPhase(state, 'open');
}

/** Moves the session to `phase`, stores it, and tells every screen. */
export function setPhase(state: SessionState, phase: SessionRecord['phase']): void {
	const { record } = state;
	record.phase = phase;
	record.activeAt = state.now();
	state.closedAt = phase === 'closed' ? record.activeAt : null;
	if (phase !== 'open') record.deadline = null;
	if (phase !== 'open' && record.pausedLeft !== null) {
		record.pausedLeft = null;
		savePlan(state);
	}
	state.keep(
		state.store.updatePhase(record.id, {
			phase: record.phase,
			round: record.round,
			openedAt: record.openedAt,
			deadline: record.deadline,
			activeAt: record.activeAt
		})
	);
	armDeadline(state);
	forgetViews(state);
	state.changed.clear();
	broadcastSeats(state);
	broadcastHost(state);
}

/** Stops the open round's clock; the round still takes answers while the class talks. */
export function pauseClock(state: SessionState): void {
	const { record } = state;
	record.pausedLeft = Math.max(0, (record.deadline ?? state.now()) - state.now());
	record.deadline = null;
	savePlan(state);
	setPhase(state, 'open');
}

/** Starts the clock again with the time that was left when it stopped. */
export function resumeClock(state: SessionState): void {
	const { record } = state;
	record.deadline = state.now() + (record.pausedLeft ?? 0);
	record.pausedLeft = null;
	savePlan(state);
	setPhase(state, 'open');
}

/** Closes the open round if its deadline has passed. */
export function checkDeadline(state: SessionState): void {
	const { phase, deadline } = state.record;
	if (phase === 'open' && deadline !== null && state.now() > deadline) setPhase(state, 'closed');
}

/** Sets the timer that closes the open round at its deadline (none for other phases). */
export function armDeadline(state: SessionState): void {
	clearTimeout(state.deadlineTimer);
	state.deadlineTimer = undefined;
	const { phase, deadline } = state.record;
	if (phase !== 'open' || deadline === null || state.disposed) return;
	state.deadlineTimer = setTimeout(
		() => {
			state.deadlineTimer = undefined;
			checkDeadline(state);
			// The clock may have been a hair early; look again.
			if (state.record.phase === 'open') armDeadline(state);
		},
		Math.max(0, deadline - state.now() + 1)
	);
}
