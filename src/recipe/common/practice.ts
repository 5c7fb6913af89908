// Which pairs of the default pack are practice pairs: public answers for offline practice and
// the learn page (see src/lib/game/pack/pools.ts). About a quarter of each topic, at most eleven,
// so online play keeps most of the pack. Pairs that share an item or a source (a photo, a person
// in it, a recording, a prompt) are taken or left together, because a practice pair may share
// neither with an online pair; such a group can span topics (a video whose face comes from an
// album photo), and then counts towards each topic's share. Among the groups that fit, the choice
// is greedy: the group that shows the most tell categories not yet shown (the learn page's
// examples come from them), then the one that adds a difficulty tier not yet taken, then the
// first by pair id. The same pairs always give the same choice. A topic whose groups are all too
// big gets no practice pair.
import type { Item, Pair } from '../../lib/game/pack/schema';

/** The share of each topic's pairs that become practice pairs... */
export const PRACTICE_SHARE = 1 / 4;
/**
 * ...but never more than this many: eleven pairs of a topic already show its tells on the learn
 * page and fill offline practice, and every pair beyond that is one fewer to play online (issue
 * 22 asks for at least 100 online pairs).
 */
export const PRACTICE_MAX = 11;

/** How many of a topic's `count` pairs become practice pairs. */
export function practiceQuota(count: number): number {
	return Math.min(PRACTICE_MAX, Math.max(1, Math.round(count * PRACTICE_SHARE)));
}

/** Groups of pairs linked by shared items or sources, each sorted by id, in order of their first pair. */
function linkedGroups(pairs: Pair[]): Pair[][] {
	const groups: Pair[][] = [];
	const shares = (a: Pair, b: Pair) =>
		a.items.some((id) => b.items.includes(id)) ||
		(a.sources ?? []).some((source) => (b.sources ?? []).includes(source));
	for (const pair of [...pairs].sort((a, b) => a.id.localeCompare(b.id))) {
		const linked = groups.filter((group) => group.some((other) => shares(pair, other)));
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
	const topics = [...new Set(pairs.map((pair) => pair.topic))].sort();
	const quota = new Map(
		topics.map((topic) => {
			return [topic, practiceQuota(pairs.filter((pair) => pair.topic === topic).length)];
		})
	);
	const taken = new Map(topics.map((topic) => [topic, 0]));
	const fits = (group: Pair[]) =>
		topics.every(
			(topic) =>
				taken.get(topic)! + group.filter((pair) => pair.topic === topic).length <= quota.get(topic)!
		);
	const chosen = new Set<string>();
	const shown = new Set<string>();
	const open = linkedGroups(pairs);
	for (const topic of topics) {
		const tiers = new Set(
			pairs.filter((pair) => chosen.has(pair.id) && pair.topic === topic).map((p) => p.tier)
		);
		while (taken.get(topic)! < quota.get(topic)!) {
			let best: { group: Pair[]; score: number } | undefined;
			for (const group of open) {
				if (!group.some((pair) => pair.topic === topic) || !fits(group)) continue;
				const newCategories = [...categoriesOf(group)].filter((c) => !shown.has(c)).length;
				const newTiers = new Set(
					group.filter((pair) => pair.topic === topic && !tiers.has(pair.tier)).map((p) => p.tier)
				).size;
				const score = newCategories * 10 + newTiers;
				if (!best || score > best.score) best = { group, score };
			}
			if (!best) break;
			open.splice(open.indexOf(best.group), 1);
			for (const pair of best.group) {
				chosen.add(pair.id);
				taken.set(pair.topic, taken.get(pair.topic)! + 1);
				if (pair.topic === topic) tiers.add(pair.tier);
			}
			for (const category of categoriesOf(best.group)) shown.add(category);
		}
	}
	return chosen;
}
