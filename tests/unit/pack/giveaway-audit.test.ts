// The give-away audit (issue 22): can a player win a kind's rounds without learning a single
// tell, by always picking the side with more (or less) of some simple measurement? For every
// media kind and every tier it finds the best such rule over features that are not tells, prints
// the table, and fails when a rule wins too often to be luck.
import { beforeAll, describe, expect, test } from 'vitest';
import { MEDIA_KINDS, type Item, type MediaKind } from '$lib/game/pack/schema';
import { pack, sides } from './default-pack';
import { featuresOf, type Features } from './giveaway-features';
import { binomialTail, bestRule, type PairFeatures, type RuleResult } from './giveaway-rules';

/** A rule may win at most this share of a kind's pairs... */
const KIND_LIMIT = 0.65;
/** ...or of one tier's pairs, once a tier has enough pairs for the share to mean something. */
const TIER_LIMIT = 0.8;
const TIER_MIN_PAIRS = 8;
/** Family-wise significance: the rule's binomial p, times the number of rules tried. */
const ALPHA = 0.01;

/** Below this median pitch a voice counts as low (most men); above it, high (most women). */
const LOW_VOICE_HZ = 165;

interface Group {
	name: string;
	limit: number;
	pairs: PairFeatures[];
}

/**
 * Speaker identity, as a player meets it: a voice type (language and low or high voice) heard
 * among the pack's real clips or not. The feature is the share of the real clips that have this
 * clip's voice type, so "pick the voice that is not like the real ones" is a rule like any other.
 */
function addVoiceFamiliarity(items: Item[], features: Map<string, Features>, packLanguage: string) {
	const pitchKey = (name: string) => (name in features.get(items[0].id)! ? name : `sound ${name}`);
	const typeOf = (item: Item) => {
		const values = features.get(item.id)!;
		const pitch = values[pitchKey('median pitch')];
		return `${item.language ?? packLanguage}/${pitch < LOW_VOICE_HZ ? 'low' : 'high'}`;
	};
	const realTypes = items.filter((item) => item.truth === 'real').map(typeOf);
	for (const item of items) {
		const type = typeOf(item);
		const share = realTypes.filter((other) => other === type).length / realTypes.length;
		features.get(item.id)!['voice like the real ones'] = share;
	}
}

const results: { group: Group; best: RuleResult; failed: boolean }[] = [];

beforeAll(async () => {
	const current = pack();
	const features = new Map<string, Features>();
	for (const item of current.items) features.set(item.id, await featuresOf(item));
	for (const kind of ['audio', 'video'] as MediaKind[]) {
		const items = current.items.filter((item) => item.kind === kind);
		if (items.length) addVoiceFamiliarity(items, features, current.language);
	}
	const groups: Group[] = [];
	for (const kind of MEDIA_KINDS) {
		const pairs = current.pairs
			.map((pair) => ({ pair, ...sides(current, pair) }))
			.filter(({ synthetic }) => synthetic.kind === kind)
			.map(({ pair, synthetic, real }) => ({
				id: pair.id,
				tier: pair.tier,
				synthetic: features.get(synthetic.id)!,
				real: features.get(real.id)!
			}));
		groups.push({ name: kind, limit: KIND_LIMIT, pairs });
		for (const tier of [1, 2, 3]) {
			const ofTier = pairs.filter((pair) => pair.tier === tier);
			if (ofTier.length >= TIER_MIN_PAIRS) {
				groups.push({ name: `${kind} tier ${tier}`, limit: TIER_LIMIT, pairs: ofTier });
			}
		}
	}
	for (const group of groups) {
		if (!group.pairs.length) continue;
		const best = bestRule(group.pairs);
		const failed = best.share > group.limit && best.correctedP < ALPHA;
		results.push({ group, best, failed });
	}
	console.log('give-away audit: the best single-feature rule for each kind and tier');
	console.table(
		results.map(({ group, best, failed }) => ({
			group: group.name,
			pairs: group.pairs.length,
			rule: `pick ${best.direction} ${best.feature}`,
			wins: best.wins,
			ties: best.ties,
			share: Math.round(best.share * 100) + '%',
			limit: Math.round(group.limit * 100) + '%',
			'p (x rules)':
				best.correctedP < 1e-4 ? best.correctedP.toExponential(1) : best.correctedP.toFixed(4),
			verdict: failed ? 'GIVE-AWAY' : 'ok'
		}))
	);
}, 600_000);

describe('give-away audit of the default pack', () => {
	test('the binomial tail is exact on small cases', () => {
		expect(binomialTail(3, 3)).toBeCloseTo(1 / 8, 12);
		expect(binomialTail(0, 5)).toBe(1);
		expect(binomialTail(9, 10)).toBeCloseTo(11 / 1024, 12);
	});

	test('a made-up kind whose fake is always the crisper one is flagged; a coin-flip one is not', () => {
		const crisper = Array.from({ length: 24 }, (_, i) => ({
			id: `p${i}`,
			tier: 1,
			synthetic: { sharpness: 2 + i, bytes: 1000 + (i % 2) },
			real: { sharpness: 1 + i, bytes: 1000 + ((i + 1) % 2) }
		}));
		const flagged = bestRule(crisper);
		expect(flagged).toMatchObject({ feature: 'sharpness', direction: 'more', wins: 24, share: 1 });
		expect(flagged.correctedP).toBeLessThan(ALPHA);
		const coin = crisper.map((pair, i) => ({
			...pair,
			synthetic: { ...pair.synthetic, sharpness: i % 2 ? 2 + i : i }
		}));
		const best = bestRule(coin);
		expect(best.share).toBeLessThanOrEqual(KIND_LIMIT);
		expect(best.correctedP).toBeGreaterThanOrEqual(ALPHA);
	});

	test('no single feature rule picks the fake more often than luck allows', () => {
		expect(results.length).toBeGreaterThan(0);
		const giveAways = results
			.filter(({ failed }) => failed)
			.map(
				({ group, best }) =>
					`${group.name}: "pick ${best.direction} ${best.feature}" wins ${best.wins} of ${group.pairs.length} ` +
					`(${best.ties} ties), p x rules = ${best.correctedP.toExponential(1)}`
			);
		expect(giveAways).toEqual([]);
	});
});
