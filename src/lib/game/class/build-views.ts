/**
 * The views of a class session (views.ts), built from its records: what every phone shares,
 * each phone's own part and the host screen. Pure: the live session (server/class/session.ts)
 * keeps the records, the streams and the clock, and its screens.ts calls these on every change.
 */
import type { Pack } from '../pack/schema';
import { packText } from '../pack/text';
import { revealRound, roundForPlayer, type Answer, type PlayerRound } from '../play/round';
import { isRevealed, type ClassPhase, type SessionRound } from './phases';
import { rankSeats, scoreSeat, type SeatScore } from './points';
import type { SeatStatus } from './report';
import type { SessionSettings } from './settings';
import type {
	AnswerCount,
	HostSeat,
	HostState,
	LeaderboardEntry,
	SeatMe,
	SeatShared
} from './views';

/** Leaderboard length on the projector and phones. */
export const LEADERBOARD_SIZE = 5;

/** What the views read of a session: its plan and where it is in it. */
export interface ViewSession {
	id: string;
	code: string;
	settings: SessionSettings;
	rounds: readonly SessionRound[];
	phase: ClassPhase;
	/** The current round's index; -1 in the lobby. */
	round: number;
	deadline: number | null;
	pausedLeft: number | null;
	lateJoin: boolean;
}

export interface ViewVerdict {
	round: number;
	answer: Answer;
	confidence: number;
	correct: boolean;
}

export interface ViewSeat {
	id: string;
	nickname: string;
	status: SeatStatus;
	verdicts: ReadonlyMap<number, ViewVerdict>;
}

/** The leaderboard with each line's seat, which phones use to find their own rank. */
export type Board = Array<LeaderboardEntry & { seatId: string }>;

/** Rounds whose answers are final: everything before the current round, and it once closed. */
export function playedRounds(session: ViewSession): number {
	const { phase, round } = session;
	if (phase === 'lobby') return 0;
	if (phase === 'open') return round;
	return round + 1;
}

/** Rounds whose results the seats may see: revealed training rounds; all at the end. */
function isPublic(session: ViewSession, round: SessionRound): boolean {
	const { phase, round: current } = session;
	if (phase === 'ended') return round.index <= current;
	if (!isRevealed(round.part)) return false;
	return round.index < current || (round.index === current && phase === 'revealed');
}

/** A seat's score over the public rounds up to `upTo`. */
function seatScore(session: ViewSession, seat: ViewSeat, upTo = Infinity): SeatScore {
	return scoreSeat(
		session.rounds
			.filter((round) => round.index <= upTo && isPublic(session, round))
			.map((round) => seat.verdicts.get(round.index)?.correct ?? null)
	);
}

/** The active seats ranked, after a reveal and at the end; null otherwise. */
export function leaderboard(session: ViewSession, seats: Iterable<ViewSeat>): Board | null {
	const { phase, settings } = session;
	if (phase !== 'revealed' && phase !== 'ended') return null;
	const by = settings.scoring === 'points' ? 'points' : 'correct';
	return rankSeats(
		[...seats]
			.filter((seat) => seat.status === 'active')
			.map((seat) => {
				const score = seatScore(session, seat);
				return {
					id: seat.id,
					nickname: seat.nickname,
					points: score.points,
					correct: score.correct
				};
			}),
		by
	).map(({ id, nickname, points, correct, rank }) => ({
		seatId: id,
		nickname,
		points,
		correct,
		rank
	}));
}

/** How the active seats answered the current round, once it is revealed. */
function answerSplit(session: ViewSession, seats: Iterable<ViewSeat>): AnswerCount[] | null {
	const round = session.rounds[session.round];
	if (!round || session.phase !== 'revealed') return null;
	const answers: Answer[] = round.type === 'pair' ? ['left', 'right'] : ['real', 'synthetic'];
	const counts = new Map<Answer, number>(answers.map((answer) => [answer, 0]));
	for (const seat of seats) {
		const verdict = seat.verdicts.get(round.index);
		if (verdict && seat.status === 'active') {
			counts.set(verdict.answer, (counts.get(verdict.answer) ?? 0) + 1);
		}
	}
	return answers.map((answer) => ({ answer, count: counts.get(answer)! }));
}

/** How the phones and the host screen name what a session shows, in one reader's language. */
export interface ViewContext {
	pack: Pack;
	locale: string;
	/** Rendition URLs for this session's rounds. */
	address: (src: string) => string;
	/** The opaque name of what a round shows (server/class/tokens.ts, shownToken). */
	shown: (round: PlayerRound) => string;
}

/** The part of the phones' view that is the same for every phone, in the context's locale. */
export function seatShared(
	session: ViewSession,
	board: Board | null,
	context: ViewContext
): SeatShared {
	const { pack, locale } = context;
	const round = session.rounds[session.round];
	const { phase, settings } = session;
	const inRound = phase === 'open' || phase === 'closed' || phase === 'revealed';
	const seatRound = inRound && round ? roundForPlayer(round, pack, locale, context.address) : null;
	return {
		code: session.code,
		phase,
		round: session.round,
		rounds: session.rounds.length,
		part: round?.part ?? null,
		hasTests: settings.testRounds > 0,
		scoring: settings.scoring,
		timer: settings.timer,
		seatRound,
		shown: seatRound && context.shown(seatRound),
		deadline: phase === 'open' ? session.deadline : null,
		paused: phase === 'open' && session.pausedLeft !== null,
		reveal: phase === 'revealed' && round ? revealRound(round, pack, locale) : null,
		top: board
			? board
					.slice(0, LEADERBOARD_SIZE)
					.map(({ nickname, points, correct, rank }) => ({ nickname, points, correct, rank }))
			: null
	};
}

/** One phone's own part of its view: its verdict, result, score, rank and, at the end, parts. */
export function seatMe(
	session: ViewSession,
	seat: ViewSeat,
	ranks: ReadonlyMap<string, number>,
	now: number
): SeatMe {
	const round = session.rounds[session.round];
	const own = round ? seat.verdicts.get(round.index) : undefined;
	let result: SeatMe['result'] = null;
	if (session.phase === 'revealed' && round && own) {
		const before = seatScore(session, seat, round.index - 1).points;
		result = { correct: own.correct, points: seatScore(session, seat).points - before };
	}
	let final: SeatMe['final'] = null;
	if (session.phase === 'ended') {
		const parts = [...new Set(session.rounds.map((r) => r.part))];
		final = parts.map((part) => {
			const answers = session.rounds
				.filter((r) => r.part === part && r.index <= session.round)
				.map((r) => seat.verdicts.get(r.index))
				.filter((verdict): verdict is ViewVerdict => verdict !== undefined);
			return {
				part,
				answered: answers.length,
				correct: answers.filter((verdict) => verdict.correct).length
			};
		});
	}
	return {
		seatId: seat.id,
		nickname: seat.nickname,
		verdict: own ? { round: own.round, answer: own.answer, confidence: own.confidence } : null,
		result,
		score: seatScore(session, seat),
		rank: ranks.get(seat.id) ?? null,
		final,
		now
	};
}

/** A seat's line on the host screen. */
export function hostSeat(session: ViewSession, seat: ViewSeat, online: boolean): HostSeat {
	return {
		id: seat.id,
		nickname: seat.nickname,
		status: seat.status,
		online,
		answered: session.round >= 0 && seat.verdicts.has(session.round)
	};
}

/** The host's counters: active seats, those connected, those that answered this round. */
export function seatCounts(
	session: ViewSession,
	seats: Iterable<ViewSeat>,
	online: (seat: ViewSeat) => boolean
): { answered: number; seated: number; online: number } {
	let answered = 0;
	let seated = 0;
	let connected = 0;
	for (const seat of seats) {
		if (seat.status !== 'active') continue;
		seated += 1;
		if (online(seat)) connected += 1;
		if (session.round >= 0 && seat.verdicts.has(session.round)) answered += 1;
	}
	return { answered, seated, online: connected };
}

/** The host screen's whole view, from the phones' shared view in the host's locale. */
export function hostState(
	session: ViewSession,
	shared: SeatShared,
	board: Board | null,
	seats: readonly ViewSeat[],
	online: (seat: ViewSeat) => boolean,
	context: ViewContext,
	now: number
): HostState {
	const { pack, locale } = context;
	return {
		id: session.id,
		code: session.code,
		packTitle: packText(pack, locale, pack.title).text,
		settings: session.settings,
		phase: session.phase,
		round: session.round,
		rounds: session.rounds.length,
		part: shared.part,
		lateJoin: session.lateJoin,
		seatRound: shared.seatRound,
		shown: shared.shown,
		deadline: shared.deadline,
		paused: shared.paused,
		pausedLeft: shared.paused ? session.pausedLeft : null,
		preview:
			session.phase === 'lobby'
				? // At the session's own addresses, as the phones get them: a teacher pack's media
					// have no public path.
					session.rounds.map((round) => {
						const shown = roundForPlayer(round, pack, locale, context.address);
						return { ...shown, shown: context.shown(shown) };
					})
				: null,
		reveal: shared.reveal,
		split: answerSplit(session, seats),
		leaderboard: board
			? board.map(({ nickname, points, correct, rank }) => ({ nickname, points, correct, rank }))
			: null,
		seats: seats.map((seat) => hostSeat(session, seat, online(seat))),
		...seatCounts(session, seats, online),
		now
	};
}
