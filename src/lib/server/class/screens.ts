/**
 * What the phones and the host screen see of a class session, and when it is pushed to them.
 * The views are built by the pure functions of $lib/game/class/build-views.ts once per state
 * change (the phones' shared part once per locale too); broadcast.ts frames them and writes them
 * to every open stream. A seat's change (a join, an answer, a phone going offline) reaches the
 * host as a live count, pushed at once or gathered into one push per HOST_FLUSH_MS.
 */
import {
	hostSeat,
	hostState,
	leaderboard,
	seatCounts,
	seatMe,
	seatShared
} from '$lib/game/class/build-views';
import type { HostState, SeatMe, SeatShared, SeatState } from '$lib/game/class/views';
import { roundForPlayer } from '$lib/game/play/round';
import { shownToken } from './tokens';
import type { EventSink } from './sse';
import type { Seat, SessionState, Standing } from './session';

/**
 * The host's live count goes out at once after this long without a push, else this often. 20 ms
 * keeps a 300-seat class's answers within 30 ms of the projector (issue 26's budget; 25 ms left
 * its p95 at 28-30 ms on a quiet machine) at no measurable cost in server CPU (BENCHMARKS.md,
 * class: 100 ms gave a p95 of 98 ms).
 */
export const HOST_FLUSH_MS = 20;

/** The views change with the state: built again on the next ask. */
export function forgetViews(state: SessionState): void {
	state.shared.clear();
	state.standing = undefined;
}

function standingNow(state: SessionState): Standing {
	if (state.standing) return state.standing;
	const { record } = state;
	const board = record.settings.leaderboard ? leaderboard(record, state.seats.values()) : null;
	const ranks = new Map((board ?? []).map((entry) => [entry.seatId, entry.rank]));
	return (state.standing = { board, ranks });
}

/** The phones' shared view in `locale`, once per state change. */
export function sharedView(state: SessionState, locale: string): SeatShared {
	let view = state.shared.get(locale);
	if (!view) {
		view = seatShared(state.record, standingNow(state).board, {
			pack: state.pack,
			locale,
			address: state.address,
			shown: shownToken
		});
		state.shared.set(locale, view);
	}
	return view;
}

/**
 * The name of what the session's round at `index` shows (see shownToken): its media, the same
 * in every locale, so the pack's own language names it.
 */
export function shownOf(state: SessionState, index: number): string {
	const locale = state.pack.language;
	const view = sharedView(state, locale);
	if (index === view.round && view.shown) return view.shown;
	return shownToken(roundForPlayer(state.record.rounds[index], state.pack, locale, state.address));
}

function me(state: SessionState, seat: Seat): SeatMe {
	return seatMe(state.record, seat, standingNow(state).ranks, state.now());
}

/** A phone's whole view, the pack's words in `locale`, for its page data and state events. */
export function seatView(
	state: SessionState,
	seatId: string,
	locale: string
): SeatState | undefined {
	const seat = state.seats.get(seatId);
	if (!seat) return undefined;
	return { shared: sharedView(state, locale), me: me(state, seat) };
}

/** Whether a seat has a phone connected, as the host's lines show it. */
function onlineIn(state: SessionState): (seat: { id: string }) => boolean {
	return (seat) => state.broadcast.online(seat.id);
}

/** The host screen's whole view, the pack's words in `locale` (the host's). */
export function hostView(state: SessionState, locale: string): HostState {
	return hostState(
		state.record,
		sharedView(state, locale),
		standingNow(state).board,
		[...state.seats.values()],
		onlineIn(state),
		{ pack: state.pack, locale, address: state.address, shown: shownToken },
		state.now()
	);
}

/**
 * Opens the host's event stream on `sink`, in the host's locale; it starts with the whole state.
 * `relayed`: its later events go through Redis (broadcast.ts).
 */
export function connectHost(
	state: SessionState,
	sink: EventSink,
	locale: string,
	relayed: boolean
): void {
	state.broadcast.openHost(sink, locale, hostView(state, locale), relayed);
}

/**
 * Opens a phone's event stream on `sink`, in the phone's locale; it starts with its whole state.
 * `relayed`: its later events go through Redis (broadcast.ts).
 */
export function connectSeat(
	state: SessionState,
	seatId: string,
	sink: EventSink,
	locale: string,
	relayed: boolean
): void {
	const seat = state.seats.get(seatId)!;
	const view =
		seat.status === 'active'
			? seatView(state, seatId, locale)!
			: { removed: seat.status === 'banned' ? ('banned' as const) : ('kicked' as const) };
	const { cameOnline } = state.broadcast.openSeat(seatId, sink, locale, view, relayed);
	if (cameOnline) seatChanged(state, seat.id);
}

/** Every phone's state, after a change all of them see. */
export function broadcastSeats(state: SessionState): void {
	state.broadcast.seats(
		(locale) => sharedView(state, locale),
		(seatId) => me(state, state.seats.get(seatId)!)
	);
}

/** The host's whole state, after a change of the session's (not just a seat's). */
export function broadcastHost(state: SessionState): void {
	state.broadcast.host((locale) => hostView(state, locale));
}

/**
 * Notes a seat's change for the host and pushes it. The first change after a quiet spell
 * (HOST_FLUSH_MS since the last push) goes out at once, so a small class's answers show on
 * the projector as they come; changes that follow within HOST_FLUSH_MS wait for one push at
 * its end, so a large class's burst costs one message per HOST_FLUSH_MS, whatever its size.
 */
export function seatChanged(state: SessionState, seatId: string): void {
	state.changed.add(seatId);
	if (state.flushTimer || state.disposed) return;
	const wait = state.lastFlush + HOST_FLUSH_MS - state.now();
	if (wait <= 0) flushHost(state);
	else state.flushTimer = setTimeout(() => flushHost(state), wait);
}

function flushHost(state: SessionState): void {
	state.flushTimer = undefined;
	// A state broadcast took the changes since this was scheduled: nothing was pushed, so
	// the quiet spell goes on.
	if (state.changed.size === 0) return;
	state.lastFlush = state.now();
	const changed = [...state.changed];
	state.changed.clear();
	if (!state.broadcast.hostListening) return;
	const { record } = state;
	const online = onlineIn(state);
	const seats = changed
		.map((id) => state.seats.get(id))
		.filter((seat): seat is Seat => seat !== undefined);
	state.broadcast.live({
		round: record.round,
		...seatCounts(record, state.seats.values(), online),
		seats: seats.map((seat) => hostSeat(record, seat, online(seat)))
	});
}
