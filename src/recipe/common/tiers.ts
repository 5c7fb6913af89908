// Tiers from a measure (issue 22, point 5): within each topic whose fakes all carry a difficulty
// (pictures: visibility at phone size, common/visibility.ts; videos: the larger of their frames'
// visibility and their motion cue, common/motion.ts; a voice's flaw size to the ear,
// voices/difficulty.ts), the pairs are ranked from the most obvious fake to the
// least, and the first third is tier 1, the next tier 2, the last tier 3. Terciles, not fixed thresholds: the
// two measures are on different scales, and each topic then offers every tier. Ties are broken by
// pair id, so the assignment is the same on every run. Pair ids never change, so class answers
// can later recalibrate a pair's tier by its id.
import type { Item, Pair } from '../../lib/game/pack/schema';

/** The key in a synthetic item's provenance parameters that holds its measured difficulty. */
export const DIFFICULTY = 'difficulty';

/** What a part records on each fake: the measure's name and the pair's value (larger: easier). */
export interface Difficulty {
	measure: string;
	value: number;
}

function difficultyOf(item: Item | undefined): Difficulty | undefined {
	const recorded = item?.provenance.parameters?.[DIFFICULTY] as Difficulty | undefined;
	return typeof recorded?.value === 'number' ? recorded : undefined;
}

/** The tier of each pair whose topic is measured throughout, by pair id. */
export function measuredTiers(items: Item[], pairs: Pair[]): Map<string, Pair['tier']> {
	const byId = new Map(items.map((item) => [item.id, item]));
	const fakeOf = (pair: Pair) =>
		pair.items.map((id) => byId.get(id)).find((item) => item?.truth === 'synthetic');
	const tiers = new Map<string, Pair['tier']>();
	for (const topic of new Set(pairs.map((pair) => pair.topic))) {
		const measured = pairs
			.filter((pair) => pair.topic === topic)
			.map((pair) => ({ id: pair.id, value: difficultyOf(fakeOf(pair))?.value }));
		if (measured.some((pair) => pair.value === undefined)) continue;
		measured
			.sort((a, b) => b.value! - a.value! || a.id.localeCompare(b.id))
			.forEach((pair, rank) => {
				tiers.set(pair.id, (1 + Math.floor((3 * rank) / measured.length)) as Pair['tier']);
			});
	}
	return tiers;
}
