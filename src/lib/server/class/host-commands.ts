/**
 * The host's commands on a class session: moving the rounds on (start, pause, resume, close,
 * reveal, next, end), changing the plan (skip, swap), and the seats (kick, ban, unban, late
 * joining). Which command is allowed when is one pure rule ($lib/game/class/control.ts) that the
 * host screen asks too; the command arrives already checked against its schema
 * ($lib/game/class/commands.ts).
 */
import { randomSeed, mulberry32 } from '$lib/game/play/random';
import { onTopics, replacementRound, withoutRound } from '$lib/game/class/phases';
import { commandRule, type ControlState } from '$lib/game/class/control';
import type { HostCommand } from '$lib/game/class/commands';
import { PAIR_TOPICS } from '$lib/game/pack/schema';
import type { SessionState } from './session';
import {
	openRound,
	pauseClock,
	resumeClock,
	savePlan,
	checkDeadline,
	setPhase
} from './round-phase';
import { broadcastHost, broadcastSeats, forgetViews, seatChanged, shownOf } from './screens';

/** stale: the command names a round that is no longer current (a double tap, an old tab). */
/** none-left: no unused pair of the round's kind to swap in. */
/** moving: as a join's (joining.ts), the session left this process's memory meanwhile. */
export type CommandProblem = 'stale' | 'not-now' | 'no-seat' | 'none-left' | 'moving';
export type CommandResult = { ok: true } | { ok: false; problem: CommandProblem };

/** The state the command rules look at (see game/class/control.ts). */
function control(state: SessionState): ControlState {
	const { record } = state;
	return {
		phase: record.phase,
		round: record.round,
		rounds: record.rounds.length,
		part: record.rounds[record.round]?.part ?? null,
		timed: record.settings.timer > 0,
		paused: record.pausedLeft !== null
	};
}

export function applyCommand(state: SessionState, command: HostCommand): CommandResult {
	if (state.disposed) return { ok: false, problem: 'moving' };
	const { record } = state;
	checkDeadline(state);
	switch (command.command) {
		case 'late-join':
			record.lateJoin = command.allow;
			record.activeAt = state.now();
			state.keep(state.store.updateLateJoin(record.id, command.allow, record.activeAt));
			broadcastHost(state);
			return { ok: true };
		case 'kick':
		case 'ban':
			return remove(state, command.seat, command.command === 'kick' ? 'kicked' : 'banned');
		case 'unban':
			return unban(state, command.seat);
	}
	const target = 'round' in command ? command.round : undefined;
	const rule = commandRule(command.command, control(state), target);
	if (rule !== 'ok') return { ok: false, problem: rule };
	// After a skip or a swap the same index names another round: one sent again (its answer
	// lost, a 503 "moving") is stale instead of skipping or swapping that one too.
	if (
		'shown' in command &&
		command.shown !== undefined &&
		command.shown !== shownOf(state, target!)
	) {
		return { ok: false, problem: 'stale' };
	}
	const { round } = record;
	switch (command.command) {
		case 'start':
			openRound(state, 0);
			return { ok: true };
		case 'pause':
			pauseClock(state);
			return { ok: true };
		case 'resume':
			resumeClock(state);
			return { ok: true };
		case 'close':
			setPhase(state, 'closed');
			return { ok: true };
		case 'reveal':
			setPhase(state, 'revealed');
			return { ok: true };
		case 'skip':
			return skip(state, command.round);
		case 'swap':
			return swap(state, command.round);
		case 'next':
			if (round + 1 >= record.rounds.length) setPhase(state, 'ended');
			else openRound(state, round + 1);
			return { ok: true };
		case 'end':
			setPhase(state, 'ended');
			return { ok: true };
	}
}

/**
 * Drops a round the class should not play. In the lobby it leaves the list; in play its
 * answers are forgotten and the next round opens in its place (or the session ends).
 */
function skip(state: SessionState, index: number): CommandResult {
	const { record } = state;
	record.rounds = withoutRound(record.rounds, index);
	record.pausedLeft = null;
	savePlan(state, index);
	forgetAnswers(state, index);
	if (record.phase === 'lobby') {
		planChanged(state);
	} else if (index >= record.rounds.length) {
		record.round = index - 1;
		setPhase(state, 'ended');
	} else {
		openRound(state, index);
	}
	return { ok: true };
}

/**
 * Puts another pair of the same kind in the round's place. In play the round starts again
 * with the new pair: answers to the old one are forgotten, the timer starts from the top.
 */
function swap(state: SessionState, index: number): CommandResult {
	const { record } = state;
	// Sessions created before topics could be chosen drew from every topic.
	const topics = record.settings.topics ?? PAIR_TOPICS;
	const stand = replacementRound(
		onTopics(state.pack, topics),
		record.rounds,
		index,
		mulberry32(randomSeed())
	);
	if (!stand) return { ok: false, problem: 'none-left' };
	record.rounds = record.rounds.map((round) => (round.index === index ? stand : round));
	record.pausedLeft = null;
	savePlan(state, index);
	forgetAnswers(state, index);
	if (record.phase === 'lobby') planChanged(state);
	else openRound(state, index);
	return { ok: true };
}

function forgetAnswers(state: SessionState, index: number): void {
	for (const seat of state.seats.values()) {
		// Later rounds have no answers yet, so only this one's need forgetting.
		if (seat.verdicts.delete(index)) state.changed.add(seat.id);
	}
}

/** The lobby's list of rounds changed: only the host sees it. */
function planChanged(state: SessionState): void {
	forgetViews(state);
	broadcastSeats(state);
	broadcastHost(state);
}

/**
 * Lifts a block: the device may join again, under a name that is free then, like a removed
 * one. It is not put back in the class by itself; the student rejoins.
 */
function unban(state: SessionState, seatId: string): CommandResult {
	const seat = state.seats.get(seatId);
	if (!seat) return { ok: false, problem: 'no-seat' };
	if (seat.status !== 'banned') return { ok: false, problem: 'stale' };
	state.keep(
		state.store.updateSeat(state.record.id, {
			id: seat.id,
			nickname: seat.nickname,
			nicknameKey: seat.nicknameKey,
			status: 'kicked'
		})
	);
	seat.status = 'kicked';
	seatChanged(state, seat.id);
	return { ok: true };
}

function remove(state: SessionState, seatId: string, status: 'kicked' | 'banned'): CommandResult {
	const seat = state.seats.get(seatId);
	if (!seat) return { ok: false, problem: 'no-seat' };
	if (seat.status === status) return { ok: false, problem: 'stale' };
	state.keep(
		state.store.updateSeat(state.record.id, {
			id: seat.id,
			nickname: seat.nickname,
			nicknameKey: seat.nicknameKey,
			status
		})
	);
	seat.status = status;
	// Its name is free again: the names taken are counted afresh at the next join (joining.ts).
	state.taken = undefined;
	// The leaderboard on the phones no longer lists this seat.
	forgetViews(state);
	state.broadcast.removed(seat.id, status);
	seatChanged(state, seat.id);
	return { ok: true };
}
