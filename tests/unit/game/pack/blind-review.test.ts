import { describe, expect, test } from 'vitest';
import { drawReview, scoreReview, type ReviewAnswer } from '$lib/game/pack/blind-review';
import { getItem } from '$lib/game/pack/schema';
import { buildPack } from '../pack-builder';

/** 12 voice pairs (tiers cycling 1, 2, 3), the first a practice pair, and 3 picture pairs. */
function pack() {
	const built = buildPack([
		...Array.from({ length: 12 }, () => ({ kind: 'audio' as const })),
		...Array.from({ length: 3 }, () => ({ kind: 'image' as const }))
	]);
	built.pairs[0].practice = true;
	return built;
}

describe('a blind review of tiers', () => {
	test('draws the same number of online pairs of the kind from each tier, sides at random', () => {
		const { rounds, key } = drawReview(pack(), 'audio', 3, 7);
		expect(rounds.map((round) => round.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		// Tier 1 has 3 online voice pairs once the practice pair is left out.
		expect([1, 2, 3].map((tier) => key.filter((round) => round.tier === tier).length)).toEqual([
			3, 3, 3
		]);
		expect(key.map((round) => round.pairId)).not.toContain('p000');
		for (const [index, round] of rounds.entries()) {
			const fake = key[index].fake === 'A' ? round.a : round.b;
			const real = key[index].fake === 'A' ? round.b : round.a;
			expect(getItem(pack(), fake).truth).toBe('synthetic');
			expect(getItem(pack(), real).truth).toBe('real');
			expect(getItem(pack(), fake).kind).toBe('audio');
		}
		const sides = new Set(
			Array.from({ length: 20 }, (_, seed) => drawReview(pack(), 'audio', 3, seed).key)
				.flat()
				.map((round) => round.fake)
		);
		expect(sides).toEqual(new Set(['A', 'B']));
	});

	test('the same seed makes the same review, and a tier with fewer pairs gives what it has', () => {
		expect(drawReview(pack(), 'audio', 4, 3)).toEqual(drawReview(pack(), 'audio', 4, 3));
		expect(drawReview(pack(), 'image', 4, 3).key).toHaveLength(3);
	});

	test('scores picks and ratings against the key, leaving half-answered rounds out', () => {
		const { key } = drawReview(pack(), 'audio', 2, 11);
		const answers: ReviewAnswer[] = key.map((round, index) => ({
			round: round.round,
			fake: index === 0 ? (round.fake === 'A' ? 'B' : 'A') : round.fake,
			// Round 1 rated as its tier, the others as 1 (obvious), the last not rated.
			plain: index === key.length - 1 ? null : index === 0 ? round.tier : 1,
			note: `note ${index}`
		}));
		const score = scoreReview(key, answers);
		const answered = key.slice(0, -1);
		expect(score.rounds).toBe(6);
		expect(score.answered).toBe(5);
		expect(score.pickedRight).toBe(4);
		const rest = answered.slice(1);
		expect(score.sameAsTier).toBe(1 + rest.filter((round) => round.tier === 1).length);
		expect(score.twoApart).toBe(rest.filter((round) => round.tier === 3).length);
		expect(score.byTier.flat().reduce((sum, n) => sum + n, 0)).toBe(5);
		expect(score.disagreements.map((round) => round.pairId)).toEqual(
			rest.filter((round) => round.tier !== 1).map((round) => round.pairId)
		);
	});
});
