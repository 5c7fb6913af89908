import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isCorrect, type Answer, type ScoredVerdict } from '$lib/game/play/round';
import { tellCategoriesOf, type Run } from '$lib/game/play/run';
import {
	ANSWERS_FOR_MEASURES,
	CALIBRATION_MATCHED_POINTS,
	calibration,
	judgeCalibration,
	measuresReady,
	normalCdf,
	normalQuantile,
	pairSensitivity,
	sdt,
	summarize,
	weakestCategories,
	type SdtCounts
} from '$lib/game/play/scoring';
import { buildPack } from '../pack-builder';

describe('normalQuantile', () => {
	// Reference values: R's qnorm / scipy.stats.norm.ppf.
	test.each([
		[0.5, 0],
		[0.975, 1.959963984540054],
		[0.025, -1.959963984540054],
		[0.95, 1.6448536269514722],
		[0.9, 1.2815515655446004],
		[0.8413447460685429, 1],
		[0.99, 2.3263478740408408],
		[0.001, -3.090232306167813],
		[1e-10, -6.361340902404056],
		[2.866515718791939e-7, -5],
		[6.22096057427178e-16, -8]
	])('z(%d) = %d', (p, z) => {
		expect(normalQuantile(p)).toBeCloseTo(z, 12);
	});

	test('edges', () => {
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(NaN)).toBeNaN();
		expect(normalQuantile(-0.1)).toBeNaN();
		expect(normalQuantile(1.1)).toBeNaN();
	});

	test('inverts the CDF', () => {
		fc.assert(
			fc.property(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), (p) => {
				const back = normalCdf(normalQuantile(p));
				expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
			})
		);
	});

	test('is symmetric: z(1 - p) = -z(p)', () => {
		// Below 1e-6, 1 - p itself is too coarse in floating point to test this.
		fc.assert(
			fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
				expect(normalQuantile(p) + normalQuantile(1 - p)).toBeCloseTo(0, 9);
			})
		);
	});

	test('the CDF matches known values', () => {
		expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
		expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
		expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
		expect(normalCdf(0)).toBe(0.5);
	});
});

describe('sdt', () => {
	test('the worked example: 20, 10, 5, 25', () => {
		const result = sdt({ hits: 20, misses: 10, falseAlarms: 5, correctRejections: 25 });
		expect(result.hitRate).toBeCloseTo(20.5 / 31, 12);
		expect(result.falseAlarmRate).toBeCloseTo(5.5 / 31, 12);
		expect(result.dPrime.toFixed(4)).toBe('1.3412');
		expect(result.criterion.toFixed(4)).toBe('0.2546');
	});

	test('chance and bias', () => {
		const none = sdt({ hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 });
		expect(none).toEqual({ hitRate: 0.5, falseAlarmRate: 0.5, dPrime: 0, criterion: 0 });
		// Calling everything synthetic: no sensitivity, a liberal (negative) criterion.
		const liberal = sdt({ hits: 10, misses: 0, falseAlarms: 10, correctRejections: 0 });
		expect(liberal.dPrime).toBeCloseTo(0, 12);
		expect(liberal.criterion).toBeLessThan(-1);
		// Perfect play stays finite.
		const perfect = sdt({ hits: 25, misses: 0, falseAlarms: 0, correctRejections: 25 });
		expect(perfect.dPrime).toBeGreaterThan(3.5);
		expect(Number.isFinite(perfect.dPrime)).toBe(true);
	});

	test('is finite for every count from 0 to 50', () => {
		const count = fc.integer({ min: 0, max: 50 });
		fc.assert(
			fc.property(count, count, count, count, (hits, misses, falseAlarms, correctRejections) => {
				const result = sdt({ hits, misses, falseAlarms, correctRejections });
				for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
				expect(result.hitRate).toBeGreaterThan(0);
				expect(result.hitRate).toBeLessThan(1);
			}),
			{ numRuns: 2000 }
		);
		// And exhaustively on the corners, where the correction matters.
		for (const a of [0, 50])
			for (const b of [0, 50])
				for (const c of [0, 50])
					for (const d of [0, 50]) {
						const result = sdt({ hits: a, misses: b, falseAlarms: c, correctRejections: d });
						expect(Number.isFinite(result.dPrime) && Number.isFinite(result.criterion)).toBe(true);
					}
	});

	test('more hits never lower d-prime', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 49 }),
				fc.integer({ min: 0, max: 50 }),
				(hits, falseAlarms) => {
					const base = { misses: 50 - hits, falseAlarms, correctRejections: 50 - falseAlarms };
					expect(sdt({ hits: hits + 1, ...base, misses: base.misses - 1 }).dPrime).toBeGreaterThan(
						sdt({ hits, ...base }).dPrime
					);
				}
			)
		);
	});

	test('rejects counts that are not whole and non-negative', () => {
		expect(() => sdt({ hits: -1, misses: 0, falseAlarms: 0, correctRejections: 0 })).toThrow(
			RangeError
		);
		expect(() => sdt({ hits: 0.5, misses: 0, falseAlarms: 0, correctRejections: 0 })).toThrow(
			/hits/
		);
		expect(() => sdt({ hits: 0, misses: NaN, falseAlarms: 0, correctRejections: 0 })).toThrow(
			/misses/
		);
	});
});

describe('pairSensitivity', () => {
	test('follows sqrt(2) * z((correct + 0.5) / (total + 1))', () => {
		expect(pairSensitivity(0, 0)).toBe(0);
		expect(pairSensitivity(5, 10)).toBeCloseTo(0, 12);
		// (9 + 0.5) / (9 + 1) = 0.95, (19 + 0.5) / 20 = 0.975, (4 + 0.5) / 5 = 0.9.
		expect(pairSensitivity(9, 9)).toBeCloseTo(Math.SQRT2 * 1.6448536269514722, 12);
		expect(pairSensitivity(19, 19)).toBeCloseTo(Math.SQRT2 * 1.959963984540054, 12);
		expect(pairSensitivity(4, 4)).toBeCloseTo(Math.SQRT2 * 1.2815515655446004, 12);
		expect(pairSensitivity(0, 4)).toBeCloseTo(-Math.SQRT2 * 1.2815515655446004, 12);
		expect(pairSensitivity(20, 20)).toBeGreaterThan(pairSensitivity(19, 20));
		expect(() => pairSensitivity(3, 2)).toThrow(RangeError);
	});
});

describe('calibration', () => {
	test('mean confidence, accuracy, overconfidence and Brier score', () => {
		const result = calibration([
			{ confidence: 1, correct: true },
			{ confidence: 0.9, correct: false },
			{ confidence: 0.6, correct: true },
			{ confidence: 0.5, correct: false }
		]);
		expect(result.meanConfidence).toBeCloseTo(0.75, 12);
		expect(result.accuracy).toBe(0.5);
		expect(result.overconfidence).toBeCloseTo(0.25, 12);
		expect(result.brier).toBeCloseTo((0 + 0.81 + 0.16 + 0.25) / 4, 12);
	});

	test('always guessing at 50% scores a Brier of 0.25 and no overconfidence at chance', () => {
		const result = calibration([
			{ confidence: 0.5, correct: true },
			{ confidence: 0.5, correct: false }
		]);
		expect(result).toEqual({ meanConfidence: 0.5, accuracy: 0.5, overconfidence: 0, brier: 0.25 });
	});

	test('is NaN when there is nothing to calibrate', () => {
		const result = calibration([]);
		expect(Object.values(result).every(Number.isNaN)).toBe(true);
	});
});

describe('judgeCalibration', () => {
	test('a gap of up to 5 whole points either way is matched, a wider one is over or under', () => {
		expect(CALIBRATION_MATCHED_POINTS).toBe(5);
		expect(judgeCalibration(0)).toBe('matched');
		expect(judgeCalibration(0.05)).toBe('matched');
		expect(judgeCalibration(-0.05)).toBe('matched');
		expect(judgeCalibration(0.0549)).toBe('matched');
		expect(judgeCalibration(0.055)).toBe('over');
		expect(judgeCalibration(0.08)).toBe('over');
		expect(judgeCalibration(-0.08)).toBe('under');
		expect(judgeCalibration(1)).toBe('over');
		expect(judgeCalibration(-0.5)).toBe('under');
	});

	test('judges the gap a screen shows, not its floating-point error', () => {
		// 75% sure and 70% right: 0.75 - 0.7 is 0.050000000000000044, which is 5 points.
		const gap = calibration(
			Array.from({ length: 10 }, (_, index) => ({
				confidence: index % 2 === 0 ? 0.5 : 1,
				correct: index < 7
			}))
		);
		expect(gap.meanConfidence).toBe(0.75);
		expect(gap.accuracy).toBe(0.7);
		expect(gap.overconfidence).toBeGreaterThan(0.05);
		expect(judgeCalibration(gap.overconfidence)).toBe('matched');
	});

	test('is symmetric: the same gap is over one way and under the other', () => {
		fc.assert(
			fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (gap) => {
				const judgement = judgeCalibration(gap);
				const mirrored = judgeCalibration(-gap);
				if (judgement === 'matched') expect(mirrored).toBe('matched');
				else expect(mirrored).toBe(judgement === 'over' ? 'under' : 'over');
			})
		);
	});
});

describe('summarize', () => {
	const pack = buildPack([
		{ kind: 'image', tier: 1, category: 'eyes' },
		{ kind: 'image', tier: 2, category: 'blend-seam' },
		{ kind: 'audio', tier: 2, category: 'splice-jump' },
		{ kind: 'image', tier: 3, category: 'eyes' },
		{ kind: 'video', tier: 3, category: 'lip-sync' },
		{ kind: 'image', tier: 1, category: 'eyes' }
	]);
	// The fake of p001 (i001s) has a second tell.
	pack.items[3].tells!.push({ ...pack.items[3].tells![0], category: 'teeth-mouth' });
	const run: Run = {
		packId: pack.id,
		packVersion: pack.version,
		options: {
			seed: 1,
			mode: 'mixed',
			count: 6,
			difficulty: 'any',
			kinds: ['image', 'audio', 'video']
		},
		rounds: [
			// fake on the left; eyes
			{
				index: 0,
				type: 'pair',
				pairId: 'p000',
				tier: 1,
				kind: 'image',
				categories: ['eyes'],
				items: ['i000s', 'i000r']
			},
			// fake on the right; blend-seam + teeth-mouth
			{
				index: 1,
				type: 'pair',
				pairId: 'p001',
				tier: 2,
				kind: 'image',
				categories: ['blend-seam', 'teeth-mouth'],
				items: ['i001r', 'i001s']
			},
			{
				index: 2,
				type: 'single',
				pairId: 'p002',
				tier: 2,
				kind: 'audio',
				categories: ['splice-jump'],
				itemId: 'i002s'
			},
			// A real item: its pair's categories (eyes) do not count for this round.
			{
				index: 3,
				type: 'single',
				pairId: 'p003',
				tier: 3,
				kind: 'image',
				categories: ['eyes'],
				itemId: 'i003r'
			},
			{
				index: 4,
				type: 'single',
				pairId: 'p004',
				tier: 3,
				kind: 'video',
				categories: ['lip-sync'],
				itemId: 'i004s'
			},
			{
				index: 5,
				type: 'single',
				pairId: 'p005',
				tier: 1,
				kind: 'image',
				categories: ['eyes'],
				itemId: 'i005r'
			}
		]
	};
	/** A verdict scored as the server scores it on arrival (wrong for a round the run lacks). */
	const verdict = (
		round: number,
		answer: Answer,
		confidence: number,
		responseMs: number
	): ScoredVerdict => ({
		round,
		answer,
		confidence,
		responseMs,
		correct: run.rounds[round] ? isCorrect(run.rounds[round], pack, answer) : false
	});

	test('the rounds carry the categories buildRun gives them', () => {
		for (const round of run.rounds) {
			const pair = pack.pairs.find((candidate) => candidate.id === round.pairId)!;
			expect(round.categories).toEqual(tellCategoriesOf(pack, pair));
		}
	});

	test('scores every part of a run', () => {
		const summary = summarize(run, [
			verdict(0, 'left', 0.9, 1000), // right
			verdict(1, 'left', 0.8, 2000), // wrong
			verdict(2, 'synthetic', 0.7, 3000), // hit
			verdict(3, 'synthetic', 1, 4000), // false alarm
			verdict(4, 'real', 0.6, 5000), // miss
			verdict(5, 'real', 0.5, 6000), // correct rejection
			verdict(5, 'synthetic', 1, 1) // a second verdict for a round is ignored
		]);
		expect(summary.rounds).toBe(6);
		expect(summary.answered).toBe(6);
		expect(summary.correct).toBe(3);
		expect(summary.accuracy).toBe(0.5);
		expect(summary.sdtCounts).toEqual({ hits: 1, misses: 1, falseAlarms: 1, correctRejections: 1 });
		expect(summary.sdt).toEqual(sdt({ hits: 1, misses: 1, falseAlarms: 1, correctRejections: 1 }));
		expect(summary.pairSensitivity).toBeCloseTo(pairSensitivity(1, 2), 12);
		expect(summary.calibration?.meanConfidence).toBeCloseTo(0.75, 12);
		expect(summary.calibration?.overconfidence).toBeCloseTo(0.25, 12);
		expect(summary.meanResponseMs).toBe(3500);
		// Only rounds that showed a synthetic item count for its categories (round 3 and 5 were real).
		expect(summary.byCategory).toEqual([
			{ category: 'blend-seam', correct: 0, total: 1, accuracy: 0 },
			{ category: 'eyes', correct: 1, total: 1, accuracy: 1 },
			{ category: 'teeth-mouth', correct: 0, total: 1, accuracy: 0 },
			{ category: 'splice-jump', correct: 1, total: 1, accuracy: 1 },
			{ category: 'lip-sync', correct: 0, total: 1, accuracy: 0 }
		]);
		expect(summary.byKind).toEqual([
			{ kind: 'image', correct: 2, total: 4, accuracy: 0.5 },
			{ kind: 'audio', correct: 1, total: 1, accuracy: 1 },
			{ kind: 'video', correct: 0, total: 1, accuracy: 0 }
		]);
		expect(summary.byTier).toEqual([
			{ tier: 1, correct: 2, total: 2, accuracy: 1 },
			{ tier: 2, correct: 1, total: 2, accuracy: 0.5 },
			{ tier: 3, correct: 0, total: 2, accuracy: 0 }
		]);
		expect(summary.weakest).toEqual(['blend-seam', 'teeth-mouth', 'lip-sync']);
	});

	test('counts the teeth-mouth tell when it is on the fake the player saw', () => {
		const summary = summarize(run, [verdict(1, 'right', 0.9, 100)]);
		expect(summary.byCategory.map((tally) => tally.category)).toEqual([
			'blend-seam',
			'teeth-mouth'
		]);
		expect(summary.byCategory.every((tally) => tally.correct === 1)).toBe(true);
	});

	test('handles a run with no verdicts, and ignores verdicts for rounds it does not have', () => {
		const summary = summarize(run, [verdict(6, 'left', 1, 1), verdict(-1, 'left', 1, 1)]);
		expect(summary).toMatchObject({
			rounds: 6,
			answered: 0,
			correct: 0,
			accuracy: null,
			sdt: null,
			pairSensitivity: null,
			calibration: null,
			meanResponseMs: null,
			byCategory: [],
			byKind: [],
			byTier: [],
			weakest: []
		});
	});

	test('a wrong-shaped answer counts as wrong, and a single one stays out of the SDT table', () => {
		const summary = summarize(run, [verdict(0, 'synthetic', 0.5, 10)]);
		expect(summary.correct).toBe(0);
		expect(summary.answered).toBe(1);
		expect(summary.pairSensitivity).toBeCloseTo(pairSensitivity(0, 1), 12);

		// left/right says nothing about whether the single item was synthetic.
		const single = summarize(run, [verdict(2, 'left', 0.5, 10)]);
		expect(single).toMatchObject({ answered: 1, correct: 0, sdt: null, byCategory: [] });
		expect(single.sdtCounts).toEqual({ hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 });
	});

	// The server decided `correct` when the verdict arrived; summarize never looks at the items.
	test.each<[Answer, boolean, keyof SdtCounts, boolean]>([
		['synthetic', true, 'hits', true],
		['real', false, 'misses', true],
		['synthetic', false, 'falseAlarms', false],
		['real', true, 'correctRejections', false]
	])(
		'a single round answered %s, correct %s, is one of the %s (categories counted: %s)',
		(answer, correct, expected, counted) => {
			// Round 3 shows a real item, round 2 a synthetic one: the class follows the verdict alone.
			for (const round of [2, 3]) {
				const summary = summarize(run, [
					{ round, answer, confidence: 0.8, responseMs: 100, correct }
				]);
				expect(summary.sdtCounts).toEqual({
					hits: 0,
					misses: 0,
					falseAlarms: 0,
					correctRejections: 0,
					[expected]: 1
				});
				expect(summary.correct).toBe(correct ? 1 : 0);
				expect(summary.byCategory).toEqual(
					counted
						? run.rounds[round].categories.map((category) => ({
								category,
								correct: correct ? 1 : 0,
								total: 1,
								accuracy: correct ? 1 : 0
							}))
						: []
				);
			}
		}
	);

	test('takes the categories from the round, not from the pack', () => {
		const relabelled: Run = {
			...run,
			rounds: run.rounds.map((round) => ({ ...round, categories: ['flicker', 'frozen-region'] }))
		};
		const summary = summarize(relabelled, [
			verdict(0, 'right', 0.9, 100), // wrong, fake shown
			verdict(2, 'synthetic', 0.9, 100), // hit
			verdict(3, 'real', 0.9, 100) // correct rejection: no fake shown, no category
		]);
		expect(summary.byCategory).toEqual([
			{ category: 'flicker', correct: 1, total: 2, accuracy: 0.5 },
			{ category: 'frozen-region', correct: 1, total: 2, accuracy: 0.5 }
		]);
		expect(summary.weakest).toEqual(['flicker', 'frozen-region']);
	});
});

describe('measuresReady', () => {
	const counts = (singles: number): SdtCounts => ({
		hits: Math.ceil(singles / 2),
		misses: 0,
		falseAlarms: 0,
		correctRejections: Math.floor(singles / 2)
	});
	const summary = (pairs: number, singles: number) => ({
		answered: pairs + singles,
		sdtCounts: counts(singles),
		pairSensitivity: pairs > 0 ? 1 : null,
		sdt: singles > 0 ? sdt(counts(singles)) : null,
		calibration: pairs + singles > 0 ? calibration([{ confidence: 0.7, correct: true }]) : null
	});

	test('d′, c and calibration wait for enough answers of their kind', () => {
		const few = ANSWERS_FOR_MEASURES - 1;
		expect(measuresReady(summary(few, 0))).toEqual({
			pairs: false,
			singles: false,
			calibration: false
		});
		expect(measuresReady(summary(few, few))).toEqual({
			pairs: false,
			singles: false,
			calibration: true
		});
		expect(measuresReady(summary(ANSWERS_FOR_MEASURES, 2))).toEqual({
			pairs: true,
			singles: false,
			calibration: true
		});
		expect(measuresReady(summary(0, ANSWERS_FOR_MEASURES))).toEqual({
			pairs: false,
			singles: true,
			calibration: true
		});
	});
});

describe('weakestCategories', () => {
	test('ranks by smoothed accuracy, then by how often seen, then by taxonomy order', () => {
		const history = [
			{ category: 'eyes' as const, correct: 2, total: 5 },
			{ category: 'blend-seam' as const, correct: 0, total: 1 },
			{ category: 'lip-sync' as const, correct: 4, total: 4 },
			{ category: 'flicker' as const, correct: 1, total: 3 },
			{ category: 'background' as const, correct: 0, total: 1 },
			{ category: 'eyes' as const, correct: 0, total: 3 }
		];
		// eyes: 2/8 -> 3/10; flicker 1/3 -> 2/5; blend-seam, background 0/1 -> 1/3; lip-sync never missed.
		expect(weakestCategories(history, 10)).toEqual(['eyes', 'blend-seam', 'background', 'flicker']);
		expect(weakestCategories(history, 2)).toEqual(['eyes', 'blend-seam']);
		expect(weakestCategories(history, 0)).toEqual([]);
		expect(weakestCategories([], 3)).toEqual([]);
	});
});
