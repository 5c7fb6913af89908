// What the default pack must hold for a class on day one, within its download budget.
import { describe, expect, test } from 'vitest';
import { onlinePool } from '$lib/game/pack/pools';
import { PAIR_TOPICS, type PairTopic } from '$lib/game/pack/schema';
import { pack, packFiles, probeFile, sides, sizeOf } from './default-pack';

/** The least each topic must have (issue 4). */
const MINIMUM_PAIRS: Record<PairTopic, number> = { face: 24, scene: 8, voice: 24, video: 3 };
/**
 * Issue 22, "enough to play": pairs played online (practice pairs excluded), so that five Quick
 * play runs in a row rarely repeat one, and enough videos for every run that promises one.
 */
const MINIMUM_ONLINE = { all: 100, video: 6 };
/** Topics whose fakes come in three difficulty tiers (issue 4). */
const TIERED_TOPICS: PairTopic[] = ['face', 'voice'];
/** The whole pack folder, manifest included: 30 MB. */
const BUDGET_BYTES = 30 * 1000 * 1000;

/** The Debian file path a provenance text names (a photo or a recording). */
function sourceFile(text: string): string | undefined {
	return /\/usr\/share\/\S+?\.(?:jpe?g|png|avi|mp4|mov|ogv)/i.exec(text)?.[0];
}

function pairsOf(topic: PairTopic) {
	return pack().pairs.filter((pair) => pair.topic === topic);
}

describe('contents of the default pack', () => {
	test('prints the totals', () => {
		const current = pack();
		const rows = PAIR_TOPICS.map((topic) => {
			const pairs = pairsOf(topic);
			const files = pairs.flatMap((pair) => {
				const { synthetic, real } = sides(current, pair);
				return [...synthetic.media, ...real.media].map((rendition) => rendition.src);
			});
			const seconds = files.reduce((sum, file) => sum + (probeFile(file).duration ?? 0), 0);
			return {
				topic,
				pairs: pairs.length,
				tiers: [1, 2, 3].map((tier) => pairs.filter((pair) => pair.tier === tier).length).join('/'),
				independent: pairs.filter((pair) => pair.independent).length,
				files: files.length,
				kB: Math.round(files.reduce((sum, file) => sum + sizeOf(file), 0) / 1000),
				seconds: Math.round(seconds * 10) / 10
			};
		});
		const total = packFiles().reduce((sum, file) => sum + sizeOf(file), 0);
		console.log(`default pack ${current.version}: ${(total / 1e6).toFixed(2)} MB in all`);
		console.table(rows);
		expect(rows.reduce((sum, row) => sum + row.pairs, 0)).toBe(current.pairs.length);
	});

	test.each(PAIR_TOPICS)('has at least the minimum number of %s pairs', (topic) => {
		expect(pairsOf(topic).length).toBeGreaterThanOrEqual(MINIMUM_PAIRS[topic]);
	});

	test(`plays at least ${MINIMUM_ONLINE.all} pairs online, ${MINIMUM_ONLINE.video} of them videos`, () => {
		const online = onlinePool(pack()).pairs;
		expect(online.length).toBeGreaterThanOrEqual(MINIMUM_ONLINE.all);
		expect(online.filter((pair) => pair.topic === 'video').length).toBeGreaterThanOrEqual(
			MINIMUM_ONLINE.video
		);
	});

	test.each(TIERED_TOPICS)('spreads the %s pairs over the three tiers', (topic) => {
		const missing = [1, 2, 3].filter((tier) => !pairsOf(topic).some((pair) => pair.tier === tier));
		expect(missing).toEqual([]);
	});

	test('every picture and video pair is independent exactly when its sides share no source file', () => {
		// Issue 22: a pair is independent when the real side is not a file the fake was made from.
		// The files are read from each item's provenance (the real one's source, the fake's
		// derivedFrom), not from the recipe's own idea of them.
		const wrong: string[] = [];
		for (const pair of [...pairsOf('face'), ...pairsOf('scene'), ...pairsOf('video')]) {
			const { real, synthetic: fake } = sides(pack(), pair);
			const realFile = sourceFile(real.provenance.source);
			const madeFrom = (fake.provenance.derivedFrom ?? []).map(sourceFile);
			expect(realFile, pair.id).toBeDefined();
			expect(madeFrom.length, pair.id).toBeGreaterThan(0);
			if (pair.independent !== !madeFrom.includes(realFile)) wrong.push(pair.id);
		}
		expect(wrong).toEqual([]);
	});

	test('no fake is shown against the photo its face was taken from', () => {
		const againstDonor = pairsOf('face').filter((pair) => {
			const { real, synthetic: fake } = sides(pack(), pair);
			const donors = (fake.provenance.derivedFrom ?? []).filter((from) =>
				/\(the face\b/.test(from)
			);
			expect(donors.length, pair.id).toBe(1);
			return sourceFile(donors[0]) === sourceFile(real.provenance.source);
		});
		expect(againstDonor.map((pair) => pair.id)).toEqual([]);
	});

	test('every synthetic item has a located tell with an explanation', () => {
		const unlocated: string[] = [];
		for (const item of pack().items.filter((candidate) => candidate.truth === 'synthetic')) {
			const located = (item.tells ?? []).filter((tell) =>
				item.kind === 'image'
					? tell.region.type === 'box' || tell.region.type === 'polygon'
					: tell.region.type === 'time' && tell.region.end > tell.region.start
			);
			if (located.length === 0) unlocated.push(item.id);
		}
		expect(unlocated).toEqual([]);
	});

	test('the whole pack fits the 30 MB budget', () => {
		const total = packFiles().reduce((sum, file) => sum + sizeOf(file), 0);
		expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
	});
});
