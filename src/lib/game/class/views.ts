/**
 * What the host screen and the phones receive during a class session: the shapes of the page
 * data and of the live events. Phones never get another student's answers, and nobody gets a
 * round's answer (RoundReveal) before the host reveals it.
 */
import type { Answer, PlayerRound, RoundReveal } from '../play/round';
import type { ClassPhase, SessionPart } from './phases';
import type { SeatScore } from './points';
import type { SeatStatus } from './report';
import type { SessionSettings } from './settings';

export interface AnswerCount {
	answer: Answer;
	count: number;
}

export interface LeaderboardEntry {
	nickname: string;
	points: number;
	correct: number;
	rank: number;
}

/** The same for every phone in the session at a given moment. */
export interface SeatShared {
	code: string;
	phase: ClassPhase;
	/** The current round's index; -1 in the lobby. */
	round: number;
	rounds: number;
	part: SessionPart | null;
	/** Whether the session has a pre-test and post-test around the training. */
	hasTests: boolean;
	scoring: SessionSettings['scoring'];
	/** Seconds per round; 0 without a timer. */
	timer: SessionSettings['timer'];
	/** The round being played, without its answer; null in the lobby and at the end. */
	seatRound: PlayerRound | null;
	/**
	 * What the round shows, by an opaque name that changes when the host swaps or skips it: a
	 * verdict names it back, and one given for what the round no longer shows is refused.
	 */
	shown: string | null;
	/** When the round stops taking verdicts (server clock, epoch ms); null without a timer. */
	deadline: number | null;
	/** Whether the host has stopped the open round's timer (answers are still taken). */
	paused: boolean;
	/** Only once the host has revealed a training round. */
	reveal: RoundReveal | null;
	/** The top of the leaderboard, when the host shows it, after a reveal and at the end. */
	top: LeaderboardEntry[] | null;
}

/** One phone's own view. */
export interface SeatMe {
	seatId: string;
	nickname: string;
	/** The verdict this seat gave in the current round, once the server has stored it. */
	verdict: { round: number; answer: Answer; confidence: number } | null;
	/** After a reveal: whether this seat was right and the points it earned in the round. */
	result: { correct: boolean; points: number } | null;
	/** Over the rounds whose answers are out. */
	score: SeatScore;
	/** Place on the leaderboard, when it is shown. */
	rank: number | null;
	/** At the end: accuracy per part (pre-test, training, post-test) for this seat. */
	final: Array<{ part: SessionPart; answered: number; correct: number }> | null;
	/** The server's clock when this was sent, so the phone can show the deadline correctly. */
	now: number;
}

export interface SeatState {
	shared: SeatShared;
	me: SeatMe;
}

export interface HostSeat {
	id: string;
	nickname: string;
	status: SeatStatus;
	online: boolean;
	/** Whether the seat has answered the current round. */
	answered: boolean;
}

/** A round of the lobby's preview, with the name of what it shows (as HostState.shown). */
export type PreviewRound = PlayerRound & { shown: string };

export interface HostState {
	id: string;
	code: string;
	packTitle: string;
	settings: SessionSettings;
	phase: ClassPhase;
	round: number;
	rounds: number;
	part: SessionPart | null;
	lateJoin: boolean;
	seatRound: PlayerRound | null;
	/** The name of what the current round shows (SeatShared.shown): skip and swap send it back. */
	shown: string | null;
	deadline: number | null;
	paused: boolean;
	/** Milliseconds left on the paused timer; null when it runs or there is none. */
	pausedLeft: number | null;
	/** In the lobby, every round as the class will see it, for the host to check and swap. */
	preview: PreviewRound[] | null;
	reveal: RoundReveal | null;
	/** The class's answers to the current round, once revealed. */
	split: AnswerCount[] | null;
	leaderboard: LeaderboardEntry[] | null;
	seats: HostSeat[];
	answered: number;
	seated: number;
	online: number;
	now: number;
}

/** The host's live counter, pushed at most every 100 ms: totals and the seats that changed. */
export interface HostLive {
	round: number;
	answered: number;
	seated: number;
	online: number;
	seats: HostSeat[];
}
