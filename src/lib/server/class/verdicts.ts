/**
 * A seat's verdict on the class session's round: which round it counts for, whether it still
 * may (the phase, the deadline and its grace), and its commit to the records before the answer goes
 * back. The verdict arrives parsed (game/class/seat-verdict.ts); what it is checked against here
 * is the round: the round it names, the pair it saw, the side of its answer. The response time
 * is the server's own.
 */
import { MAX_RESPONSE_MS, answersRound, isCorrect, type SentVerdict } from '$lib/game/play/round';
import type { SeatVerdict } from '$lib/game/class/seat-verdict';
import type { VerdictRecord } from './store';
import type { SessionState } from './session';
import { checkDeadline } from './round-phase';
import { seatChanged, shownOf } from './screens';

/**
 * How long after a round closes (at its deadline or by the host) a verdict for it still counts,
 * until the reveal: a phone whose answer was tapped in time but held up by a network blip sends
 * it the moment it is back online. Nothing about the answer is shown before the reveal, so the
 * grace gives no one an advantage but a few seconds; the response time stays the server's.
 */
export const LATE_GRACE_MS = 10_000;

/** Verdicts held by their seats whose commit is still to come. */
const uncommitted = new WeakMap<VerdictRecord, Promise<void>>();

/**
 * stale: the verdict names what the round showed before the host swapped or skipped it. moving:
 * the session left this process's memory while the verdict was on its way (another process took
 * its lease, or the hub loads it afresh after a failed write), or the verdict could not be
 * stored, so the phone sends it again.
 */
export type VerdictProblem =
	'invalid' | 'removed' | 'banned' | 'not-open' | 'wrong-round' | 'too-late' | 'stale' | 'moving';
export type VerdictResult =
	| {
			ok: true;
			verdict: SentVerdict;
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
 * Settles only once the verdict is committed to the database (with the others arriving
 * together, store.ts); a repeat of one still waiting for its commit waits for the same commit.
 * The seat holds the verdict from the start, so a second tap in the meantime is a repeat; if the
 * commit fails it is forgotten again and the promise rejects. The caller has found the seat
 * behind the request and parsed the verdict (server/class/http.ts, seatVerdict).
 */
export async function recordVerdict(
	state: SessionState,
	seatId: string,
	verdict: SeatVerdict
): Promise<VerdictResult> {
	// Stored now, it would be a verdict the session in memory (loaded before it) never counts.
	if (state.disposed) return { ok: false, problem: 'moving' };
	const seat = state.seats.get(seatId);
	if (!seat || seat.status === 'kicked') return { ok: false, problem: 'removed' };
	if (seat.status === 'banned') return { ok: false, problem: 'banned' };

	const now = state.now();
	const named = verdict.round;
	const round = state.record.rounds[state.record.round];

	if (verdict.shown !== undefined && state.record.rounds[named]) {
		if (verdict.shown !== shownOf(state, named)) return { ok: false, problem: 'stale' };
	}

	// A repeat of a verdict already stored (a double tap, a retry after a lost response):
	// acknowledge it with the first verdict, even if the round has closed since.
	const first = seat.verdicts.get(named);
	if (first) {
		// One still being committed: the repeat shares its fate.
		const pending = uncommitted.get(first);
		if (
			pending &&
			!(await pending.then(
				() => true,
				() => false
			))
		) {
			return { ok: false, problem: 'moving' };
		}
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
		return { ok: false, problem: named === state.record.round ? 'too-late' : 'not-open' };
	}
	if (named !== round.index) return { ok: false, problem: 'wrong-round' };
	const answers = answersRound(verdict, round);
	if (!answers.ok) return { ok: false, problem: 'invalid', error: answers.error };

	const record: VerdictRecord = {
		seatId: seat.id,
		round: named,
		answer: verdict.answer,
		confidence: verdict.confidence,
		responseMs: Math.round(Math.min(MAX_RESPONSE_MS, Math.max(0, now - (openedAt ?? now)))),
		correct: isCorrect(round, state.pack, verdict.answer),
		createdAt: now
	};
	seat.verdicts.set(record.round, record);
	const commit = state.store.commitVerdict(state.record.id, record);
	uncommitted.set(record, commit);
	try {
		await commit;
	} catch (fault) {
		if (seat.verdicts.get(record.round) === record) seat.verdicts.delete(record.round);
		// Not stored: another process took the session's lease, or the database refused. The
		// session is lost, so the hub loads it afresh (and finds its owner), and the phone sends
		// the verdict again: a 503 it retries, not a 500.
		if (!state.lost)
			console.error(`Class session ${state.record.id}: a verdict was not stored`, fault);
		state.lost = true;
		return { ok: false, problem: 'moving' };
	} finally {
		uncommitted.delete(record);
	}
	// The host counts it once it is stored.
	seatChanged(state, seat.id);
	return {
		ok: true,
		verdict: { round: record.round, answer: record.answer, confidence: record.confidence },
		duplicate: false
	};
}
