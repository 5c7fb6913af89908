/**
 * Scoring: signal detection (d', c) for single rounds, two-alternative sensitivity for pair
 * rounds, calibration of confidence, and the per-category breakdown that practice draws on.
 */
import type { Tier } from '../pack/schema';
import type { ScoredVerdict } from './round';
import type { Round, Run } from './run';
import { normalQuantile } from './normal';
import { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory } from '../pack/taxonomy';

export { normalCdf, normalQuantile } from './normal';

export interface SdtCounts {
	/** Synthetic item called synthetic. */
	hits: number;
	/** Synthetic item called real. */
	misses: number;
	/** Real item called synthetic. */
	falseAlarms: number;
	/** Real item called real. */
	correctRejections: number;
}

export interface SdtResult {
	hitRate: number;
	falseAlarmRate: number;
	dPrime: number;
	criterion: number;
}

export interface Calibration {
	meanConfidence: number;
	accuracy: number;
	/** meanConfidence - accuracy: above 0 means surer than right. */
	overconfidence: number;
	/** Mean squared gap between confidence and outcome (0 best, 0.25 for always-50% guessing). */
	brier: number;
}

function assertCount(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be a whole number of rounds, 0 or more (got ${value})`);
	}
}

/**
 * Signal detection over single rounds, where "synthetic" is the signal. The log-linear correction
 * (add 0.5 to each count, 1 to each total) keeps perfect and empty scores finite.
 */
export function sdt({ hits, misses, falseAlarms, correctRejections }: SdtCounts): SdtResult {
	assertCount('hits', hits);
	assertCount('misses', misses);
	assertCount('falseAlarms', falseAlarms);
	assertCount('correctRejections', correctRejections);
	const hitRate = (hits + 0.5) / (hits + misses + 1);
	const falseAlarmRate = (falseAlarms + 0.5) / (falseAlarms + correctRejections + 1);
	const zHit = normalQuantile(hitRate);
	const zFalseAlarm = normalQuantile(falseAlarmRate);
	const criterion = -(zHit + zFalseAlarm) / 2;
	return {
		hitRate,
		falseAlarmRate,
		dPrime: zHit - zFalseAlarm,
		// No bias is 0, not -0 (which would print as "-0" on the results page).
		criterion: criterion === 0 ? 0 : criterion
	};
}

/** d' from two-alternative (pair) rounds: sqrt(2) * z((correct + 0.5) / (total + 1)). */
export function pairSensitivity(correct: number, total: number): number {
	assertCount('correct', correct);
	assertCount('total', total);
	if (correct > total) throw new RangeError(`correct (${correct}) exceeds total (${total})`);
	return Math.SQRT2 * normalQuantile((correct + 0.5) / (total + 1));
}

/** How well confidence matched accuracy. Every field is NaN for an empty list. */
export function calibration(
	verdicts: ReadonlyArray<{ confidence: number; correct: boolean }>
): Calibration {
	const n = verdicts.length;
	let confidence = 0;
	let correct = 0;
	let brier = 0;
	for (const verdict of verdicts) {
		const outcome = verdict.correct ? 1 : 0;
		confidence += verdict.confidence;
		correct += outcome;
		brier += (verdict.confidence - outcome) ** 2;
	}
	const meanConfidence = confidence / n;
	const accuracy = correct / n;
	return { meanConfidence, accuracy, overconfidence: meanConfidence - accuracy, brier: brier / n };
}

/**
 * The widest gap between confidence and accuracy, in whole percentage points, that still reads as
 * "confidence matched accuracy". The four confidence choices are 15 to 30 points apart, so a gap
 * of a third of the smallest step or less is no finding about the player.
 */
export const CALIBRATION_MATCHED_POINTS = 5;

/** Whether a player (or class) was surer than right, less sure than right, or neither. */
export type CalibrationJudgement = 'over' | 'under' | 'matched';

/** The gap between confidence and accuracy in whole percentage points, as every screen shows it. */
export function calibrationGapPoints(overconfidence: number): number {
	return Math.round(Math.abs(overconfidence) * 100);
}

/**
 * The one judgement of calibration that the results chart, the class report and the score card
 * all word. It is made on the whole points a screen shows, so no screen says "matched" beside a
 * gap another screen calls "6 points surer than right"; rounding first also keeps a gap such as
 * 0.75 - 0.7 (0.050000000000000044 in floating point) on the side of the 5 points it is.
 */
export function judgeCalibration(overconfidence: number): CalibrationJudgement {
	if (calibrationGapPoints(overconfidence) <= CALIBRATION_MATCHED_POINTS) return 'matched';
	return overconfidence > 0 ? 'over' : 'under';
}

/** Right answers out of rounds answered, for one slice of a run. */
export interface Tally {
	correct: number;
	total: number;
	accuracy: number;
}

export type CategoryTally = Tally & { category: TellCategory };
export type KindTally = Tally & { kind: MediaKind };
export type TierTally = Tally & { tier: Tier };

export interface Summary {
	/** Rounds in the run. */
	rounds: number;
	/** Rounds with a verdict (the first verdict for a round counts). */
	answered: number;
	correct: number;
	/** correct / answered; null when nothing was answered. */
	accuracy: number | null;
	/**
	 * Single rounds as signal detection; sdt is null when no single round was answered real or
	 * synthetic. A round's class follows from its verdict's answer and outcome (see sawSynthetic).
	 */
	sdtCounts: SdtCounts;
	sdt: SdtResult | null;
	/** d' of the pair rounds; null when no pair round was answered. */
	pairSensitivity: number | null;
	calibration: Calibration | null;
	meanResponseMs: number | null;
	/** Rounds that showed a synthetic item with a tell of the category, in taxonomy order. */
	byCategory: CategoryTally[];
	byKind: KindTally[];
	byTier: TierTally[];
	/** The categories missed most, worst first (see weakestCategories). */
	weakest: TellCategory[];
}

/**
 * Answers a measure needs before it says anything about the player: d' (and c) from fewer
 * rounds of its type, or calibration from fewer answers, swing with a single lucky guess.
 */
export const ANSWERS_FOR_MEASURES = 5;

/** Which of the summary's measures rest on enough answers to show (see ANSWERS_FOR_MEASURES). */
export function measuresReady(
	summary: Pick<Summary, 'answered' | 'sdtCounts' | 'pairSensitivity' | 'sdt' | 'calibration'>
): {
	pairs: boolean;
	singles: boolean;
	calibration: boolean;
} {
	const counts = summary.sdtCounts;
	const singles = counts.hits + counts.misses + counts.falseAlarms + counts.correctRejections;
	const pairs = summary.answered - singles;
	return {
		pairs: summary.pairSensitivity !== null && pairs >= ANSWERS_FOR_MEASURES,
		singles: summary.sdt !== null && singles >= ANSWERS_FOR_MEASURES,
		calibration: summary.calibration !== null && summary.answered >= ANSWERS_FOR_MEASURES
	};
}

/** How many weakest categories a summary lists. */
export const WEAKEST_COUNT = 3;

function tally(correct: number, total: number): Tally {
	return { correct, total, accuracy: total === 0 ? 0 : correct / total };
}

/**
 * Whether the player was shown a synthetic item, from the round and the scored verdict alone:
 * pair rounds always show one; a single round showed one when "synthetic" was right or "real"
 * was wrong. Null for a single round answered left/right, which says nothing about the item.
 */
function sawSynthetic(round: Round, verdict: ScoredVerdict): boolean | null {
	if (round.type === 'pair') return true;
	if (verdict.answer === 'synthetic') return verdict.correct;
	if (verdict.answer === 'real') return !verdict.correct;
	return null;
}

/** The tell categories of the synthetic item the player saw (see sawSynthetic); none otherwise. */
export function shownCategories(round: Round, verdict: ScoredVerdict): TellCategory[] {
	return sawSynthetic(round, verdict) ? round.categories : [];
}

/**
 * Scores a run from its scored verdicts (each carries `correct`, decided by isCorrect when it
 * arrived), so it needs no pack and no answer key. Verdicts are matched to rounds by index; the
 * first verdict for a round counts and verdicts for rounds the run does not have are ignored.
 */
export function summarize(run: Run, verdicts: readonly ScoredVerdict[]): Summary {
	const byRound = new Map<number, ScoredVerdict>();
	for (const verdict of verdicts) {
		if (verdict.round >= 0 && verdict.round < run.rounds.length && !byRound.has(verdict.round)) {
			byRound.set(verdict.round, verdict);
		}
	}

	const counts: SdtCounts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
	let pairCorrect = 0;
	let pairTotal = 0;
	let responseMs = 0;
	const scored: Array<{ confidence: number; correct: boolean }> = [];
	const categories = new Map<TellCategory, [number, number]>();
	const kinds = new Map<MediaKind, [number, number]>();
	const tiers = new Map<Tier, [number, number]>();
	const add = <K>(map: Map<K, [number, number]>, key: K, correct: boolean) => {
		const entry = map.get(key) ?? [0, 0];
		entry[0] += correct ? 1 : 0;
		entry[1] += 1;
		map.set(key, entry);
	};

	for (const round of run.rounds) {
		const verdict = byRound.get(round.index);
		if (!verdict) continue;
		const { correct } = verdict;
		scored.push({ confidence: verdict.confidence, correct });
		responseMs += verdict.responseMs;
		if (round.type === 'pair') {
			pairTotal += 1;
			if (correct) pairCorrect += 1;
		} else {
			const synthetic = sawSynthetic(round, verdict);
			if (synthetic === true) counts[correct ? 'hits' : 'misses'] += 1;
			else if (synthetic === false) counts[correct ? 'correctRejections' : 'falseAlarms'] += 1;
		}
		for (const category of shownCategories(round, verdict)) add(categories, category, correct);
		add(kinds, round.kind, correct);
		add(tiers, round.tier, correct);
	}

	const answered = scored.length;
	const correct = scored.filter((verdict) => verdict.correct).length;
	const singles = counts.hits + counts.misses + counts.falseAlarms + counts.correctRejections;
	const byCategory = TELL_CATEGORIES.filter((category) => categories.has(category)).map(
		(category) => {
			const [right, total] = categories.get(category)!;
			return { category, ...tally(right, total) };
		}
	);
	return {
		rounds: run.rounds.length,
		answered,
		correct,
		accuracy: answered === 0 ? null : correct / answered,
		sdtCounts: counts,
		sdt: singles === 0 ? null : sdt(counts),
		pairSensitivity: pairTotal === 0 ? null : pairSensitivity(pairCorrect, pairTotal),
		calibration: answered === 0 ? null : calibration(scored),
		meanResponseMs: answered === 0 ? null : responseMs / answered,
		byCategory,
		byKind: MEDIA_KINDS.filter((kind) => kinds.has(kind)).map((kind) => {
			const [right, total] = kinds.get(kind)!;
			return { kind, ...tally(right, total) };
		}),
		byTier: ([1, 2, 3] as const)
			.filter((tier) => tiers.has(tier))
			.map((tier) => {
				const [right, total] = tiers.get(tier)!;
				return { tier, ...tally(right, total) };
			}),
		weakest: weakestCategories(byCategory, WEAKEST_COUNT)
	};
}

/**
 * The `n` categories the player misses most, worst first, for practice runs (`focus`). Takes a
 * summary, or a history: per-category tallies from any number of runs (summed per category).
 * Only categories with at least one miss qualify. Ranked by Laplace-smoothed accuracy
 * ((correct + 1) / (total + 2)), so one miss in one round does not outrank three misses in five;
 * ties go to the category seen more often, then to taxonomy order.
 */
export function weakestCategories(
	source: Summary | ReadonlyArray<{ category: TellCategory; correct: number; total: number }>,
	n: number
): TellCategory[] {
	const tallies = 'byCategory' in source ? source.byCategory : source;
	const sums = new Map<TellCategory, { correct: number; total: number }>();
	for (const { category, correct, total } of tallies) {
		const sum = sums.get(category) ?? { correct: 0, total: 0 };
		sum.correct += correct;
		sum.total += total;
		sums.set(category, sum);
	}
	const order = (category: TellCategory) => TELL_CATEGORIES.indexOf(category);
	return [...sums.entries()]
		.filter(([, sum]) => sum.total > sum.correct)
		.map(([category, sum]) => ({ category, ...sum, score: (sum.correct + 1) / (sum.total + 2) }))
		.sort((a, b) => a.score - b.score || b.total - a.total || order(a.category) - order(b.category))
		.slice(0, Math.max(0, n))
		.map((entry) => entry.category);
}
