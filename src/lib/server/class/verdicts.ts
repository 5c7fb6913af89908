/**
 * A seat's verdict on the class session's round: which round it counts for, whether it still
 * may (the phase, the deadline and its grace), and its commit to SQLite before the answer goes
 * back. The response time is the server's own.
 */
import {
	MAX_RESPONSE_MS,
	isCorrect,
	parseVerdict,
	roundForPlayer,
	type Answer
} from '$lib/game/play/round';
import type { VerdictRecord } from './store';
import { shownToken } from './tokens';
import type { SessionState } from './session';
import { checkDeadline } from './round-phase';
import { seatChanged, sharedView } from './screens';

/**
 * How long after a round closes (at its deadline or by the host) a verdict for it still counts,
 * until the reveal: a phone whose answer was tapped in time but held up by a network blip sends
 * it the moment it is back online. Nothing about the answer is shown before the reveal, so the
 * grace gives no one an advantage but a few seconds; the response time stays the server's.
 */
export const LATE_GRACE_MS = 10_000;

/** stale: the verdict names what the round showed before the host swapped or skipped it. */
export type VerdictProblem =
	'invalid' | 'removed' | 'banned' | 'not-open' | 'wrong-round' | 'too-late' | 'stale';
export type VerdictResult =
	| {
			ok: true;
			verdict: { round: number; answer: Answer; confidence: number };
			/** True when the seat had already answered this round: the first verdict stands. */
			duplicate: boolean;
	  }
	| { ok: false; problem: VerdictProblem; error?: string };

/**
 * Records a seat's verdict for the round it names. The server measures the response time;
 * the first verdict of a seat for a round stands, later ones are acknowledged as duplicates.
 * A verdict may also name what the round showed (`shown`, from the phone's state; the phone
 * always sends it): if the host has swapped or skipped that round since, the verdict answers
 * a pair no longer in play and is refused as stale rather than counted for the new one.
 * Returns only after the verdict is committed to the database. The caller has found the
 * seat behind the request (server/class/http.ts, seatVerdict).
 */
export function recordVerdict(state: SessionState, seatId: string, input: unknown): VerdictResult {
	const seat = state.seats.get(seatId);
	if (!seat || seat.status === 'kicked') return { ok: false, problem: 'removed' };
	if (seat.status === 'banned') return { ok: false, problem: 'banned' };

	const now = state.now();
	const { shown, ...body } =
		typeof input === 'object' && input !== null && !Array.isArray(input)
			? (input as { shown?: unknown })
			: {};
	const named = (body as { round?: unknown }).round;
	const round = state.record.rounds[state.record.round];

	if (shown !== undefined && (typeof shown !== 'string' || shown.length > 64)) {
		return {
			ok: false,
			problem: 'invalid',
			error: 'shown: must be the text the round came with'
		};
	}
	if (typeof shown === 'string' && typeof named === 'number' && state.record.rounds[named]) {
		if (shown !== shownOf(state, named)) return { ok: false, problem: 'stale' };
	}

	// A repeat of a verdict already stored (a double tap, a retry after a lost response):
	// acknowledge it with the first verdict, even if the round has closed since.
	if (typeof named === 'number' && seat.verdicts.has(named)) {
		const first = seat.verdicts.get(named)!;
		return {
			ok: true,
			verdict: { round: first.round, answer: first.answer, confidence: first.confidence },
			duplicate: true
		};
	}

	checkDeadline(state);
	const { phase, openedAt } = state.record;
	const inGrace =
		phase === 'closed' && state.closedAt !== null && now - state.closedAt <= LATE_GRACE_MS;
	if (!round || (phase !== 'open' && !inGrace)) {
		const error = parseVerdict(body);
		if (!error.ok) return { ok: false, problem: 'invalid', error: error.error };
		return { ok: false, problem: named === state.record.round ? 'too-late' : 'not-open' };
	}
	const parsed = parseVerdict(body, round);
	if (!parsed.ok) {
		if (typeof named === 'number' && Number.isInteger(named) && named !== round.index) {
			return { ok: false, problem: 'wrong-round' };
		}
		return { ok: false, problem: 'invalid', error: parsed.error };
	}

	const { verdict } = parsed;
	const record: VerdictRecord = {
		seatId: seat.id,
		round: verdict.round,
		answer: verdict.answer,
		confidence: verdict.confidence,
		responseMs: Math.round(Math.min(MAX_RESPONSE_MS, Math.max(0, now - (openedAt ?? now)))),
		correct: isCorrect(round, state.pack, verdict.answer),
		createdAt: now
	};
	state.store.insertVerdict(state.record.id, record);
	seat.verdicts.set(record.round, record);
	seatChanged(state, seat.id);
	return {
		ok: true,
		verdict: { round: record.round, answer: record.answer, confidence: record.confidence },
		duplicate: false
	};
}

/**
 * The name of what the session's round at `index` shows (see shownToken): its media, the same
 * in every locale, so the pack's own language names it.
 */
function shownOf(state: SessionState, index: number): string {
	const locale = state.pack.language;
	const view = sharedView(state, locale);
	if (index === view.round && view.shown) return view.shown;
	return shownToken(roundForPlayer(state.record.rounds[index], state.pack, locale, state.address));
}
