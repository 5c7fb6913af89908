/**
 * The class report: per seat, per item, per tell category and, with the pre/post design, the
 * class's change. Built from the server's own records only (rounds, seats, verdicts), with the
 * core's scoring (summarize, sdt, pairSensitivity), so it never trusts a browser's numbers.
 */
import { getItem, type Pack, type Tier } from '../pack/schema';
import { correctAnswer, type Answer, type ScoredVerdict } from '../play/round';
import {
	calibration,
	pairSensitivity,
	sdt,
	summarize,
	type Calibration,
	type SdtCounts,
	type Summary
} from '../play/scoring';
import type { MediaKind, TellCategory } from '../pack/taxonomy';
import type { SessionPart, SessionRound, SessionRun } from './phases';
import { scoreSeat } from './points';

export type SeatStatus = 'active' | 'kicked' | 'banned';

/**
 * The fewest answers d' is reported from (for c: answers to single rounds, the only ones with a
 * bias). At 10 answers one answer more or less right moves d' by about a third of a point; with
 * fewer it moves by half a point or more, on a scale where 1 is clearly better than chance, so
 * the number would claim more than the answers can tell.
 */
export const MIN_ANSWERS_FOR_SDT = 10;

export interface ReportSeat {
	id: string;
	nickname: string;
	status: SeatStatus;
}

/** A seat's verdict as the server recorded and scored it. */
export interface ReportVerdict extends ScoredVerdict {
	seatId: string;
}

export interface ReportInput {
	/** The session's run, its rounds in session order (see planSession). */
	run: SessionRun;
	pack: Pack;
	seats: readonly ReportSeat[];
	verdicts: readonly ReportVerdict[];
	/** Rounds whose answers are final (closed or revealed): the first `played` rounds. */
	played: number;
}

/** Accuracy and sensitivity over some verdicts. */
export interface PartStats {
	answered: number;
	correct: number;
	accuracy: number | null;
	/**
	 * d': single rounds by signal detection, pair rounds by two-alternative sensitivity; null
	 * below MIN_ANSWERS_FOR_SDT answers.
	 */
	sensitivity: number | null;
}

export interface SeatReport extends PartStats {
	seatId: string;
	nickname: string;
	status: SeatStatus;
	/**
	 * Response bias c on single rounds (above 0: leans to "real"); null below MIN_ANSWERS_FOR_SDT
	 * answers to single rounds.
	 */
	criterion: number | null;
	calibration: Calibration | null;
	points: number;
	/** Per part of a pre/post session; only the parts the session has. */
	parts: Partial<Record<SessionPart, PartStats>>;
}

export interface AnswerSplit {
	answer: Answer;
	count: number;
	meanConfidence: number | null;
}

export interface ItemReport {
	round: number;
	part: SessionPart;
	type: SessionRound['type'];
	kind: MediaKind;
	tier: Tier;
	pairId: string;
	answer: Answer;
	answered: number;
	/** Wrong answers: students the item fooled. */
	fooled: number;
	fooledShare: number | null;
	split: AnswerSplit[];
	/** Tell categories of the synthetic item shown; empty when a single round showed a real item. */
	tells: TellCategory[];
	meanConfidence: number | null;
}

export interface CategoryReport {
	category: TellCategory;
	/** Played rounds that showed a synthetic item with a tell of this category. */
	rounds: number;
	answered: number;
	fooled: number;
	fooledShare: number | null;
}

export interface PrePostReport {
	pre: PartStats;
	post: PartStats;
	/** post - pre, pooled over the class; null when a test has no answers. */
	accuracyChange: number | null;
	sensitivityChange: number | null;
	/** Seats that answered in both tests, and the mean of their own accuracy change. */
	seats: number;
	meanSeatAccuracyChange: number | null;
}

export interface ClassReport {
	rounds: number;
	played: number;
	class: PartStats & { calibration: Calibration | null };
	seats: SeatReport[];
	items: ItemReport[];
	categories: CategoryReport[];
	prePost: PrePostReport | null;
}

function singlesOf(counts: SdtCounts): number {
	return counts.hits + counts.misses + counts.falseAlarms + counts.correctRejections;
}

/**
 * One d' for a mix of single and pair rounds, averaged weighted by rounds. The two are on the
 * same scale: in a pair (two-alternative) round an observer of sensitivity d' is right with
 * probability Phi(d' / sqrt 2), so pairSensitivity has already multiplied z(proportion correct)
 * by sqrt 2 to give the d' of single (yes/no) rounds (Macmillan & Creelman, Detection Theory).
 */
export function combinedSensitivity(
	single: { dPrime: number; rounds: number } | null,
	pair: { dPrime: number; rounds: number } | null
): number | null {
	const parts = [single, pair].filter((part): part is { dPrime: number; rounds: number } =>
		Boolean(part && part.rounds > 0)
	);
	const rounds = parts.reduce((sum, part) => sum + part.rounds, 0);
	if (rounds === 0) return null;
	return parts.reduce((sum, part) => sum + part.dPrime * part.rounds, 0) / rounds;
}

function summarySensitivity(summary: Summary, pairRounds: number): number | null {
	return combinedSensitivity(
		summary.sdt ? { dPrime: summary.sdt.dPrime, rounds: singlesOf(summary.sdtCounts) } : null,
		summary.pairSensitivity === null
			? null
			: { dPrime: summary.pairSensitivity, rounds: pairRounds }
	);
}

function statsOf(summary: Summary, pairRounds: number): PartStats {
	return {
		answered: summary.answered,
		correct: summary.correct,
		accuracy: summary.accuracy,
		sensitivity:
			summary.answered >= MIN_ANSWERS_FOR_SDT ? summarySensitivity(summary, pairRounds) : null
	};
}

/** Class-level stats with every seat's answers pooled (one big signal-detection table). */
function pooledStats(
	rounds: readonly SessionRound[],
	pack: Pack,
	verdicts: readonly ReportVerdict[]
): PartStats {
	const byIndex = new Map(rounds.map((round) => [round.index, round]));
	const counts: SdtCounts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
	let pairCorrect = 0;
	let pairTotal = 0;
	let correct = 0;
	let answered = 0;
	for (const verdict of verdicts) {
		const round = byIndex.get(verdict.round);
		if (!round) continue;
		const right = verdict.correct;
		answered += 1;
		if (right) correct += 1;
		if (round.type === 'pair') {
			pairTotal += 1;
			if (right) pairCorrect += 1;
		} else if (getItem(pack, round.itemId).truth === 'synthetic') {
			counts[right ? 'hits' : 'misses'] += 1;
		} else {
			counts[right ? 'correctRejections' : 'falseAlarms'] += 1;
		}
	}
	const singles = singlesOf(counts);
	return {
		answered,
		correct,
		accuracy: answered === 0 ? null : correct / answered,
		sensitivity:
			answered < MIN_ANSWERS_FOR_SDT
				? null
				: combinedSensitivity(
						singles > 0 ? { dPrime: sdt(counts).dPrime, rounds: singles } : null,
						pairTotal > 0
							? { dPrime: pairSensitivity(pairCorrect, pairTotal), rounds: pairTotal }
							: null
					)
	};
}

/** The tell categories on the fake the class saw in this round (the round carries them). */
function shownTells(round: SessionRound, pack: Pack): TellCategory[] {
	const shown = round.type === 'pair' || getItem(pack, round.itemId).truth === 'synthetic';
	return shown ? round.categories : [];
}

/**
 * summarize() matches verdicts to rounds by index 0..n-1, so a part (say the post-test, rounds
 * 14-17) is scored as a run of its own rounds renumbered from 0, with its verdicts renumbered too.
 */
function summarizePart(
	run: SessionRun,
	rounds: readonly SessionRound[],
	verdicts: readonly ReportVerdict[]
): Summary {
	const renumber = new Map(rounds.map((round, index) => [round.index, index]));
	const own: ScoredVerdict[] = [];
	for (const verdict of verdicts) {
		const index = renumber.get(verdict.round);
		if (index !== undefined) own.push({ ...verdict, round: index });
	}
	return summarize({ ...run, rounds: rounds.map((round, index) => ({ ...round, index })) }, own);
}

function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Builds the class report from a session's records. */
export function classReport(input: ReportInput): ClassReport {
	const { run, pack } = input;
	const played = run.rounds.slice(0, Math.max(0, Math.min(input.played, run.rounds.length)));
	const playedIndex = new Set(played.map((round) => round.index));
	const verdicts = input.verdicts.filter((verdict) => playedIndex.has(verdict.round));
	const playedRun = { ...run, rounds: played };
	const parts = [...new Set(played.map((round) => round.part))];
	const hasTests = run.rounds.some((round) => round.part !== 'training');

	const bySeat = new Map<string, ReportVerdict[]>();
	for (const verdict of verdicts) {
		const list = bySeat.get(verdict.seatId) ?? [];
		list.push(verdict);
		bySeat.set(verdict.seatId, list);
	}
	const pairCount = (list: readonly ReportVerdict[], rounds: readonly SessionRound[]) => {
		const pairs = new Set(
			rounds.filter((round) => round.type === 'pair').map((round) => round.index)
		);
		return new Set(list.filter((verdict) => pairs.has(verdict.round)).map((v) => v.round)).size;
	};

	const seatReports = input.seats
		.filter((seat) => seat.status === 'active' || bySeat.has(seat.id))
		.map((seat): SeatReport => {
			const own = bySeat.get(seat.id) ?? [];
			const summary = summarize(playedRun, own);
			const answers = new Map(own.map((verdict) => [verdict.round, verdict]));
			const outcomes = played.map((round) => {
				const verdict = answers.get(round.index);
				return verdict ? verdict.correct : null;
			});
			const seatParts: Partial<Record<SessionPart, PartStats>> = {};
			if (hasTests) {
				for (const part of parts) {
					const rounds = played.filter((round) => round.part === part);
					seatParts[part] = statsOf(summarizePart(run, rounds, own), pairCount(own, rounds));
				}
			}
			return {
				seatId: seat.id,
				nickname: seat.nickname,
				status: seat.status,
				...statsOf(summary, pairCount(own, played)),
				criterion:
					summary.sdt && singlesOf(summary.sdtCounts) >= MIN_ANSWERS_FOR_SDT
						? summary.sdt.criterion
						: null,
				calibration: summary.calibration,
				points: scoreSeat(outcomes).points,
				parts: seatParts
			};
		});

	const items = played.map((round): ItemReport => {
		const answer = correctAnswer(round, pack);
		const answers = verdicts.filter((verdict) => verdict.round === round.index);
		const options: Answer[] = round.type === 'pair' ? ['left', 'right'] : ['real', 'synthetic'];
		const fooled = answers.filter((verdict) => !verdict.correct).length;
		return {
			round: round.index,
			part: round.part,
			type: round.type,
			kind: round.kind,
			tier: round.tier,
			pairId: round.pairId,
			answer,
			answered: answers.length,
			fooled,
			fooledShare: answers.length === 0 ? null : fooled / answers.length,
			split: options.map((option) => {
				const picked = answers.filter((verdict) => verdict.answer === option);
				return {
					answer: option,
					count: picked.length,
					meanConfidence: mean(picked.map((verdict) => verdict.confidence))
				};
			}),
			tells: shownTells(round, pack),
			meanConfidence: mean(answers.map((verdict) => verdict.confidence))
		};
	});

	const categoryTotals = new Map<TellCategory, CategoryReport>();
	for (const item of items) {
		for (const category of item.tells) {
			const entry = categoryTotals.get(category) ?? {
				category,
				rounds: 0,
				answered: 0,
				fooled: 0,
				fooledShare: null
			};
			entry.rounds += 1;
			entry.answered += item.answered;
			entry.fooled += item.fooled;
			entry.fooledShare = entry.answered === 0 ? null : entry.fooled / entry.answered;
			categoryTotals.set(category, entry);
		}
	}
	// Most fooling first: that is what the class should look at next.
	const categories = [...categoryTotals.values()].sort(
		(a, b) => (b.fooledShare ?? -1) - (a.fooledShare ?? -1) || b.answered - a.answered
	);

	const classSummary = pooledStats(played, pack, verdicts);
	const classCalibration = verdicts.length === 0 ? null : calibration(verdicts);

	let prePost: PrePostReport | null = null;
	if (hasTests && parts.includes('pre') && parts.includes('post')) {
		const roundsOf = (part: SessionPart) => played.filter((round) => round.part === part);
		const inPart = (part: SessionPart) => {
			const indexes = new Set(roundsOf(part).map((round) => round.index));
			return verdicts.filter((verdict) => indexes.has(verdict.round));
		};
		const pre = pooledStats(roundsOf('pre'), pack, inPart('pre'));
		const post = pooledStats(roundsOf('post'), pack, inPart('post'));
		const changes = seatReports
			.map((seat) => {
				const before = seat.parts.pre?.accuracy;
				const after = seat.parts.post?.accuracy;
				return before == null || after == null ? null : after - before;
			})
			.filter((change): change is number => change !== null);
		prePost = {
			pre,
			post,
			accuracyChange:
				pre.accuracy === null || post.accuracy === null ? null : post.accuracy - pre.accuracy,
			sensitivityChange:
				pre.sensitivity === null || post.sensitivity === null
					? null
					: post.sensitivity - pre.sensitivity,
			seats: changes.length,
			meanSeatAccuracyChange: mean(changes)
		};
	}

	return {
		rounds: run.rounds.length,
		played: played.length,
		class: { ...classSummary, calibration: classCalibration },
		seats: seatReports,
		items,
		categories,
		prePost
	};
}
