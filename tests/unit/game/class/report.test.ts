import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRun, type Run } from '../../../../src/lib/game/play/run';
import { correctAnswer, isCorrect, type Answer } from '../../../../src/lib/game/play/round';
import { planSession, roundsToDraw, type SessionRun } from '../../../../src/lib/game/class/phases';
import {
	classReport,
	combinedSensitivity,
	type ReportVerdict
} from '../../../../src/lib/game/class/report';
import { normalCdf } from '../../../../src/lib/game/play/normal';
import { pairSensitivity, sdt } from '../../../../src/lib/game/play/scoring';
import { classPack } from '../class-pack';

const pack = classPack();

function sessionRun(
	seed: number,
	training: number,
	tests: number,
	mode: Run['options']['mode'] = 'pairs'
): SessionRun {
	const run = buildRun(pack, {
		seed,
		mode,
		count: roundsToDraw(training, tests),
		difficulty: 'any',
		kinds: ['image', 'audio', 'video']
	});
	return { ...run, rounds: planSession(run, tests).rounds };
}

/** A seat's verdict, scored as the session scores it when it arrives. */
function scored(run: SessionRun, verdict: Omit<ReportVerdict, 'correct'>): ReportVerdict {
	return { ...verdict, correct: isCorrect(run.rounds[verdict.round], pack, verdict.answer) };
}

function wrong(answer: Answer): Answer {
	return ({ left: 'right', right: 'left', real: 'synthetic', synthetic: 'real' } as const)[answer];
}

describe('planSession', () => {
	it('without tests keeps the run as training rounds', () => {
		const run = buildRun(pack, {
			seed: 1,
			mode: 'pairs',
			count: 6,
			difficulty: 'any',
			kinds: ['image']
		});
		const plan = planSession(run, 0);
		expect(plan.testRounds).toBe(0);
		expect(plan.rounds.map((round) => round.pairId)).toEqual(run.rounds.map((r) => r.pairId));
		expect(plan.rounds.every((round) => round.part === 'training')).toBe(true);
	});

	it('puts matched tests around the training, indexes in order, every round once', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 0xffffffff }),
				fc.integer({ min: 1, max: 4 }),
				(seed, tests) => {
					const run = buildRun(pack, {
						seed,
						mode: 'mixed',
						count: roundsToDraw(4, tests),
						difficulty: 'any',
						kinds: ['image', 'audio']
					});
					const plan = planSession(run, tests);
					expect(plan.testRounds).toBe(tests);
					expect(plan.rounds.map((round) => round.index)).toEqual(run.rounds.map((_, i) => i));
					expect(plan.rounds.map((round) => round.part)).toEqual([
						...Array(tests).fill('pre'),
						...Array(4).fill('training'),
						...Array(tests).fill('post')
					]);
					expect(new Set(plan.rounds.map((round) => round.pairId)).size).toBe(run.rounds.length);
					// Matched: the two tests are equally hard on average.
					const tiers = (part: string) =>
						plan.rounds.filter((round) => round.part === part).reduce((sum, r) => sum + r.tier, 0);
					expect(Math.abs(tiers('pre') - tiers('post'))).toBeLessThanOrEqual(2);
				}
			)
		);
	});

	it('shrinks the tests for a short run but keeps a training round', () => {
		const run = buildRun(pack, {
			seed: 3,
			mode: 'pairs',
			count: 4,
			difficulty: 'any',
			kinds: ['image']
		});
		const plan = planSession(run, 5);
		expect(plan.testRounds).toBe(1);
		expect(plan.rounds.filter((round) => round.part === 'training')).toHaveLength(2);
	});
});

describe('combinedSensitivity', () => {
	it('averages single and pair d-prime weighted by rounds', () => {
		expect(combinedSensitivity(null, null)).toBeNull();
		expect(combinedSensitivity({ dPrime: 1, rounds: 3 }, null)).toBe(1);
		expect(combinedSensitivity({ dPrime: 1, rounds: 3 }, { dPrime: 2, rounds: 1 })).toBe(1.25);
	});

	it('averages like with like: pair d-prime is already on the single-round scale', () => {
		// One observer of d' = 1, unbiased, over many rounds of each kind: yes/no rounds give hit
		// and false-alarm rates Phi(+-0.5); pair rounds are right with probability Phi(1 / sqrt 2).
		const n = 1_000_000;
		const hits = Math.round(n * normalCdf(0.5));
		const single = sdt({
			hits,
			misses: n - hits,
			falseAlarms: n - hits,
			correctRejections: hits
		}).dPrime;
		const pair = pairSensitivity(Math.round(n * normalCdf(Math.SQRT1_2)), n);
		expect(single).toBeCloseTo(1, 2);
		expect(pair).toBeCloseTo(1, 2);
		expect(
			combinedSensitivity({ dPrime: single, rounds: n }, { dPrime: pair, rounds: n })
		).toBeCloseTo(1, 2);
	});
});

describe('classReport', () => {
	// 6 training rounds and two tests of 5: enough answers for d' (MIN_ANSWERS_FOR_SDT).
	const run = sessionRun(42, 6, 5);
	const seats = [
		{ id: 'sa', nickname: 'Ada', status: 'active' as const },
		{ id: 'sb', nickname: 'Bo', status: 'active' as const },
		{ id: 'sc', nickname: 'Cy', status: 'kicked' as const },
		{ id: 'sd', nickname: 'Di', status: 'kicked' as const }
	];
	const answerKey = run.rounds.map((round) => correctAnswer(round, pack));
	// Ada: always right. Bo: wrong in the pre-test, right afterwards. Cy (removed): one answer.
	const verdicts: ReportVerdict[] = [
		...run.rounds.map((round) => ({
			seatId: 'sa',
			round: round.index,
			answer: answerKey[round.index],
			confidence: 0.9,
			responseMs: 4000
		})),
		...run.rounds.map((round) => ({
			seatId: 'sb',
			round: round.index,
			answer: round.part === 'pre' ? wrong(answerKey[round.index]) : answerKey[round.index],
			confidence: 0.7,
			responseMs: 2000
		})),
		{ seatId: 'sc', round: 0, answer: wrong(answerKey[0]), confidence: 1, responseMs: 100 }
	].map((verdict) => scored(run, verdict));

	it('scores each student on the server records', () => {
		const report = classReport({ run, pack, seats, verdicts, played: run.rounds.length });
		expect(report.rounds).toBe(16);
		expect(report.played).toBe(16);
		// Di was removed and never answered: not in the report; Cy answered once: kept.
		expect(report.seats.map((student) => student.nickname)).toEqual(['Ada', 'Bo', 'Cy']);
		const [ada, bo, cy] = report.seats;
		expect(ada).toMatchObject({ answered: 16, correct: 16, accuracy: 1 });
		expect(ada.sensitivity).toBeCloseTo(pairSensitivity(16, 16));
		expect(ada.calibration?.overconfidence).toBeCloseTo(-0.1);
		expect(bo).toMatchObject({ answered: 16, correct: 11, accuracy: 11 / 16 });
		expect(bo.parts.pre).toMatchObject({ answered: 5, correct: 0, accuracy: 0 });
		expect(bo.parts.post).toMatchObject({ answered: 5, correct: 5, accuracy: 1 });
		// Too few answers for d': none rather than a number that claims too much.
		expect(bo.parts.post?.sensitivity).toBeNull();
		expect(cy).toMatchObject({ answered: 1, correct: 0, status: 'kicked', points: 0 });
		expect(cy.sensitivity).toBeNull();
		// Ada: 16 in a row = 100 + 150 + 200 + 250 + 300 * 12.
		expect(ada.points).toBe(4300);
	});

	it('reports per item who was fooled and by which tells, and per category', () => {
		const report = classReport({ run, pack, seats, verdicts, played: run.rounds.length });
		const first = report.items[0];
		expect(first.part).toBe('pre');
		expect(first.answer).toBe(answerKey[0]);
		expect(first).toMatchObject({ answered: 3, fooled: 2 });
		expect(first.fooledShare).toBeCloseTo(2 / 3);
		expect(first.split.find((s) => s.answer === answerKey[0])?.count).toBe(1);
		const synthetic = pack.items.find(
			(item) =>
				item.truth === 'synthetic' &&
				pack.pairs.find((p) => p.id === first.pairId)!.items.includes(item.id)
		)!;
		expect(first.tells).toEqual([synthetic.tells![0].category]);

		const totalTold = report.categories.reduce((sum, c) => sum + c.rounds, 0);
		expect(totalTold).toBe(report.items.filter((item) => item.tells.length > 0).length);
		const fooledSum = report.categories.reduce((sum, c) => sum + c.fooled, 0);
		expect(fooledSum).toBe(report.items.reduce((sum, item) => sum + item.fooled, 0));
		const shares = report.categories.map((c) => c.fooledShare ?? -1);
		expect(shares).toEqual([...shares].sort((a, b) => b - a));
	});

	it('measures the class change from pre-test to post-test', () => {
		const report = classReport({ run, pack, seats, verdicts, played: run.rounds.length });
		expect(report.prePost).not.toBeNull();
		const { pre, post, accuracyChange, sensitivityChange, seats: both } = report.prePost!;
		// Pre: Ada 5/5, Bo 0/5, Cy 0/1 (round 0 is in the pre-test). Post: Ada 5/5, Bo 5/5.
		expect(pre).toMatchObject({ answered: 11, correct: 5 });
		expect(post).toMatchObject({ answered: 10, correct: 10 });
		expect(accuracyChange).toBeCloseTo(1 - 5 / 11);
		expect(sensitivityChange).toBeCloseTo(pairSensitivity(10, 10) - pairSensitivity(5, 11));
		expect(both).toBe(2);
		expect(report.prePost!.meanSeatAccuracyChange).toBeCloseTo(0.5);
	});

	it('shows only rounds that are over', () => {
		const report = classReport({ run, pack, seats, verdicts, played: 3 });
		expect(report.items).toHaveLength(3);
		expect(report.seats[0].answered).toBe(3);
		// The post-test has not happened yet.
		expect(report.prePost).toBeNull();
	});

	it('pools single rounds as signal detection', () => {
		const singles = sessionRun(5, 12, 0, 'single');
		const key = singles.rounds.map((round) => correctAnswer(round, pack));
		const all: ReportVerdict[] = singles.rounds.map((round) =>
			scored(singles, {
				seatId: 'sa',
				round: round.index,
				answer: 'synthetic',
				confidence: 0.6,
				responseMs: 1000
			})
		);
		const report = classReport({ run: singles, pack, seats, verdicts: all, played: 12 });
		const fakes = key.filter((answer) => answer === 'synthetic').length;
		const expected = sdt({
			hits: fakes,
			misses: 0,
			falseAlarms: 12 - fakes,
			correctRejections: 0
		});
		expect(report.class.sensitivity).toBeCloseTo(expected.dPrime);
		expect(report.seats[0].criterion).toBeCloseTo(expected.criterion);
		expect(report.class.calibration?.meanConfidence).toBeCloseTo(0.6);

		// With 9 answers, neither d' nor c.
		const early = classReport({ run: singles, pack, seats, verdicts: all, played: 9 });
		expect(early.class.sensitivity).toBeNull();
		expect(early.seats[0]).toMatchObject({ answered: 9, sensitivity: null, criterion: null });
	});

	it('copes with a class that has not answered anything', () => {
		const report = classReport({ run, pack, seats, verdicts: [], played: 2 });
		expect(report.class).toMatchObject({
			answered: 0,
			accuracy: null,
			sensitivity: null,
			calibration: null
		});
		expect(report.seats.map((s) => s.accuracy)).toEqual([null, null]);
		expect(report.items.every((item) => item.fooledShare === null)).toBe(true);
	});
});
