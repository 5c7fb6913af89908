/**
 * A device taking a seat in a class session: a new seat with a free name, a seat resumed, a
 * removed one back under a new name; never a blocked one, a full class or a closed door.
 */
import { randomSeed, mulberry32 } from '$lib/game/play/random';
import {
	friendlyName,
	nicknameKey,
	nicknameLooks,
	parseNickname,
	type NicknameProblem
} from '$lib/game/class/nickname';
import type { SeatJoin } from '$lib/game/class/seat-join';
import { isUniqueViolation, type SeatRecord } from './store';
import { attemptSeatToken, newSeatId, randomToken, hashToken } from './tokens';
import type { Seat, SessionState } from './session';
import { seatChanged } from './screens';

/** The most seats one session holds. */
export const MAX_SEATS = 2000;
/**
 * busy: the join would add a seat, and the caller's allowance of new seats is spent. moving: the
 * session left this process's memory while the join was on its way (another process took its
 * lease, or it is loaded afresh after a failed write), so the phone sends it again.
 */
export type JoinProblem =
	NicknameProblem | 'taken' | 'closed' | 'ended' | 'banned' | 'full' | 'busy' | 'moving';
/** A seat given: `token` is the one to store in the device's cookie, null when it holds it already. */
export type JoinResult =
	{ ok: true; seat: SeatRecord; token: string | null } | { ok: false; problem: JoinProblem };

/**
 * Gives a device a seat. `token` is the device's seat token, if it has one for this session: an
 * active seat is simply resumed, a removed one may join again with a new name, a banned one
 * may not. Without `nickname` (or with `generate`), a friendly name is picked.
 *
 * A join sent with an attempt key (seat-join.ts) makes its new seat's token from it
 * (attemptSeatToken), so the same join sent again, its first answer lost before the phone got
 * the cookie, is the device holding that token: its seat is resumed and the answer carries the
 * cookie again, never a second seat nor "taken" for its own name. Another phone's key makes
 * another token, so the same name from it is still taken.
 *
 * `mayAddSeat` is asked only when everything else has passed and the join would add a new
 * seat, so a resumed seat or a refused name never uses up the caller's allowance of new
 * seats (limits.ts, NEW_SEATS); false refuses the join as busy.
 */
export function joinSeat(
	state: SessionState,
	token: string | null,
	input: Partial<SeatJoin>,
	mayAddSeat: () => boolean
): JoinResult {
	// Stored now, it would be a seat the session in memory (loaded before it) never knows.
	if (state.disposed) return { ok: false, problem: 'moving' };
	const { record, store } = state;
	const held = token ? state.byToken.get(hashToken(token)) : undefined;
	const offered = input.attempt ? attemptSeatToken(record.id, input.attempt) : null;
	const made = !held && offered ? state.byToken.get(hashToken(offered)) : undefined;
	const existing = held ?? made;
	// The cookie the device lacks when its seat was found by its attempt.
	const again = made ? offered : null;
	if (existing?.status === 'banned') return { ok: false, problem: 'banned' };
	if (existing?.status === 'active') return { ok: true, seat: existing, token: again };

	const { phase } = record;
	if (phase === 'ended') return { ok: false, problem: 'ended' };
	if (phase !== 'lobby' && !record.lateJoin) return { ok: false, problem: 'closed' };
	if (!existing && state.seats.size >= MAX_SEATS) return { ok: false, problem: 'full' };

	const taken = takenLooks(state);
	let nickname: string;
	let key: string;
	if (input.generate || !input.nickname?.trim()) {
		nickname = friendlyName(mulberry32(randomSeed()), taken);
		key = nicknameKey(nickname);
	} else {
		const parsed = parseNickname(input.nickname);
		if (!parsed.ok) return { ok: false, problem: parsed.problem };
		nickname = parsed.nickname;
		key = parsed.key;
	}
	const looks = nicknameLooks(nickname);
	if (looks.some((look) => taken.has(look))) return { ok: false, problem: 'taken' };
	if (!existing && !mayAddSeat()) return { ok: false, problem: 'busy' };

	const now = state.now();
	if (existing) {
		try {
			state.keep(
				store.updateSeat(record.id, {
					id: existing.id,
					nickname,
					nicknameKey: key,
					status: 'active'
				})
			);
		} catch (error) {
			if (isUniqueViolation(error)) return { ok: false, problem: 'taken' };
			throw error;
		}
		Object.assign(existing, { nickname, nicknameKey: key, status: 'active' });
		for (const look of looks) taken.add(look);
		seatChanged(state, existing.id);
		return { ok: true, seat: existing, token: again };
	}

	const newToken = offered ?? randomToken();
	const seat: Seat = {
		id: newSeatId(),
		tokenHash: hashToken(newToken),
		nickname,
		nicknameKey: key,
		status: 'active',
		joinedAt: now,
		verdicts: new Map()
	};
	try {
		state.keep(
			store.insertSeat(
				record.id,
				{
					id: seat.id,
					tokenHash: seat.tokenHash,
					nickname,
					nicknameKey: key,
					status: 'active',
					joinedAt: now
				},
				now
			)
		);
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, problem: 'taken' };
		throw error;
	}
	state.seats.set(seat.id, seat);
	state.byToken.set(seat.tokenHash, seat);
	for (const look of looks) taken.add(look);
	seatChanged(state, seat.id);
	return { ok: true, seat, token: newToken };
}

/**
 * Every form the active names take, so a new name may look like none of them. Kept while the
 * session lives: a seat taking a name adds its forms (joinSeat), a seat removed drops the set
 * to be counted again (host-commands.ts). So neither a class of phones joining at once nor a
 * stream of refused names costs a pass over the class each.
 */
function takenLooks(state: SessionState): Set<string> {
	state.taken ??= new Set(
		[...state.seats.values()]
			.filter((seat) => seat.status === 'active')
			.flatMap((seat) => [seat.nicknameKey, ...nicknameLooks(seat.nickname)])
	);
	return state.taken;
}
