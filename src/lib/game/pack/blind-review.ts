/**
 * A blind review of a pack's tiers: a sample of its online pairs of one media kind, the same
 * number from each tier, each shown as A and B in random order with nothing that names the fake,
 * its tier or how it was made. The reviewer picks the fake and rates how plain its flaw is (1
 * obvious, 2 found by looking or listening closely, 3 nothing clear: a guess); the answers are
 * then scored against the key. A tier measure is only as good as its agreement with such a
 * review (issue 22): README reports the reviews done, and `npm run pack:review` makes and scores
 * them.
 */
import { getItem, syntheticItemOf, type Pack, type Tier } from './schema';
import { onlinePool } from './pools';
import type { MediaKind } from './taxonomy';
import { mulberry32, shuffled } from '../play/random';

export type Side = 'A' | 'B';
/** How plain the fake's flaw was to the reviewer, on the tiers' scale. */
export type Plainness = Tier;

export interface ReviewRound {
	/** 1-based, the order the reviewer sees. */
	round: number;
	/** The item ids shown as A and B. */
	a: string;
	b: string;
}

/** What the reviewer must not see: per round, the pair, its tier, the fake's side and method. */
export interface ReviewKey {
	round: number;
	pairId: string;
	tier: Tier;
	fake: Side;
	/** The fake's method, in the pack's words, to read disagreements by kind of fake. */
	method: string;
}

export interface ReviewAnswer {
	round: number;
	fake: Side | null;
	plain: Plainness | null;
	note?: string;
}

/**
 * `perTier` online pairs of `kind` from each tier (fewer when a tier has fewer), in an order and
 * with sides drawn from `seed`, so the same command makes the same sample.
 */
export function drawReview(
	pack: Pack,
	kind: MediaKind,
	perTier: number,
	seed: number
): { rounds: ReviewRound[]; key: ReviewKey[] } {
	const random = mulberry32(seed);
	const online = onlinePool(pack);
	const ofKind = online.pairs
		.filter((pair) => getItem(online, pair.items[0]).kind === kind)
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const chosen = ([1, 2, 3] as const).flatMap((tier) =>
		shuffled(
			random,
			ofKind.filter((pair) => pair.tier === tier)
		).slice(0, perTier)
	);
	const rounds: ReviewRound[] = [];
	const key: ReviewKey[] = [];
	shuffled(random, chosen).forEach((pair, index) => {
		const fake = syntheticItemOf(online, pair);
		const real = pair.items[0] === fake.id ? pair.items[1] : pair.items[0];
		const fakeSide: Side = random() < 0.5 ? 'A' : 'B';
		const round = index + 1;
		rounds.push({
			round,
			a: fakeSide === 'A' ? fake.id : real,
			b: fakeSide === 'A' ? real : fake.id
		});
		key.push({
			round,
			pairId: pair.id,
			tier: pair.tier as Tier,
			fake: fakeSide,
			method: fake.provenance.method ?? ''
		});
	});
	return { rounds, key };
}

export interface ReviewScore {
	rounds: number;
	/** Rounds with both a pick and a rating. */
	answered: number;
	/** Of the answered, those whose fake was picked. */
	pickedRight: number;
	/** Of the answered, those rated exactly their tier. */
	sameAsTier: number;
	/** Of the answered, those rated two apart from their tier (1 against 3). */
	twoApart: number;
	/** byTier[tier - 1][rating - 1]: how many rounds of each tier got each rating. */
	byTier: number[][];
	/** Answered rounds whose rating is not their tier, for reading what the measure missed. */
	disagreements: Array<ReviewKey & { plain: Plainness; pickedRight: boolean; note?: string }>;
}

/** Scores answers against the key; a round without an answer, or with half of one, is left out. */
export function scoreReview(
	key: readonly ReviewKey[],
	answers: readonly ReviewAnswer[]
): ReviewScore {
	const answerOf = new Map(answers.map((answer) => [answer.round, answer]));
	const score: ReviewScore = {
		rounds: key.length,
		answered: 0,
		pickedRight: 0,
		sameAsTier: 0,
		twoApart: 0,
		byTier: [1, 2, 3].map(() => [0, 0, 0]),
		disagreements: []
	};
	for (const round of key) {
		const answer = answerOf.get(round.round);
		if (!answer?.fake || !answer.plain) continue;
		const pickedRight = answer.fake === round.fake;
		score.answered++;
		if (pickedRight) score.pickedRight++;
		score.byTier[round.tier - 1][answer.plain - 1]++;
		if (answer.plain === round.tier) score.sameAsTier++;
		else
			score.disagreements.push({ ...round, plain: answer.plain, pickedRight, note: answer.note });
		if (Math.abs(answer.plain - round.tier) === 2) score.twoApart++;
	}
	return score;
}
