// Which pairs of the default pack are practice pairs: public answers for offline practice and
// the learn page (see src/lib/game/pack/pools.ts). About a quarter of each topic, so online play keeps
// most of the pack. Pairs that share an item are taken or left together, because a practice
// pair's items may stand in no online pair. Among those groups the choice is greedy: the group
// that shows the most tell categories not yet shown (the learn page's examples come from them),
// then the one that adds a difficulty tier not yet taken, then the first by pair id. The same
// pairs always give the same choice.
import type { Item, Pair } from '../../lib/game/pack/schema';

/** The share of each topic's pairs that become practice pairs. */
export const PRACTICE_SHARE = 1 / 4;

/** Groups of pairs linked by shared items, each sorted by id, in order of their first pair. */
function linkedGroups(pairs: Pair[]): Pair[][] {
	const groups: Pair[][] = [];
	for (const pair of [...pairs].sort((a, b) => a.id.localeCompare(b.id))) {
		const linked = groups.filter((group) =>
			group.some((other) => other.items.some((id) => pair.items.includes(id)))
		);
		const merged = [...linked.flat(), pair].sort((a, b) => a.id.localeCompare(b.id));
		for (const group of linked) groups.splice(groups.indexOf(group), 1);
		groups.push(merged);
	}
	return groups.sort((a, b) => a[0].id.localeCompare(b[0].id));
}

/** The ids of the pairs to mark `practice`. */
export function choosePracticePairs(items: Item[], pairs: Pair[]): Set<string> {
	const byId = new Map(items.map((item) => [item.id, item]));
	const categoriesOf = (group: Pair[]) =>
		new Set(
			group.flatMap((pair) =>
				pair.items.flatMap((id) => (byId.get(id)?.tells ?? []).map((tell) => tell.category))
			)
		);
	const chosen = new Set<string>();
	const shown = new Set<string>();
	const topics = [...new Set(pairs.map((pair) => pair.topic))].sort();
	for (const topic of topics) {
		const ofTopic = pairs.filter((pair) => pair.topic === topic);
		const quota = Math.max(1, Math.round(ofTopic.length * PRACTICE_SHARE));
		const tiers = new Set<number>();
		let taken = 0;
		const open = linkedGroups(ofTopic);
		while (taken < quota) {
			let best: { group: Pair[]; score: number } | undefined;
			for (const group of open) {
				if (taken + group.length > quota) continue;
				const newCategories = [...categoriesOf(group)].filter((c) => !shown.has(c)).length;
				const newTiers = new Set(group.map((pair) => pair.tier).filter((t) => !tiers.has(t))).size;
				const score = newCategories * 10 + newTiers;
				if (!best || score > best.score) best = { group, score };
			}
			if (!best) break;
			open.splice(open.indexOf(best.group), 1);
			for (const pair of best.group) {
				chosen.add(pair.id);
				tiers.add(pair.tier);
			}
			for (const category of categoriesOf(best.group)) shown.add(category);
			taken += best.group.length;
		}
	}
	return chosen;
}
