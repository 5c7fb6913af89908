/**
 * Which tells of a pack illustrate each tell category on the learn page. A category is shown by
 * the kind of pair a player meets it in (a scene tell by a scene, a voice tell by a voice, a
 * motion tell by a video), so a face never stands for a scene category; no picture crop or
 * stretch of sound illustrates two categories, and a category's examples come from pairs that
 * share no source (two fakes made from one photo would show the same face twice), so each
 * example shows something of its own.
 * Categories without such an example are left out: the page shows only what it can show.
 */
import type { Item, Pack, PairTopic, Tell } from './schema';
import { TAXONOMY, tellGroup, type TellCategory, type TellGroup } from './taxonomy';

/** The kind of pair in which a player meets each group's tells. */
const TOPIC_OF_GROUP: Record<TellGroup, PairTopic> = {
	face: 'face',
	scene: 'scene',
	voice: 'voice',
	motion: 'video'
};

export interface TellExampleChoice {
	item: Item;
	/** The tell's index in `item.tells` (its explanation's index in itemText). */
	index: number;
	tell: Tell;
}

/** Up to `perCategory` examples for each category that has one, in taxonomy order. */
export function chooseTellExamples(
	pack: Pack,
	perCategory: number
): Array<{ category: TellCategory; examples: TellExampleChoice[] }> {
	const topicOf = new Map<string, PairTopic>();
	const sourcesOf = new Map<string, string[]>();
	for (const pair of pack.pairs) {
		for (const id of pair.items) {
			topicOf.set(id, pair.topic);
			sourcesOf.set(id, pair.sources ?? []);
		}
	}
	const byCategory = new Map<TellCategory, TellExampleChoice[]>();
	const sourcesShown = new Map<TellCategory, Set<string>>();
	const used = new Set<string>();
	for (const item of pack.items) {
		if (item.truth !== 'synthetic') continue;
		for (const [index, tell] of (item.tells ?? []).entries()) {
			if (topicOf.get(item.id) !== TOPIC_OF_GROUP[tellGroup(tell.category)]) continue;
			const list = byCategory.get(tell.category) ?? [];
			// The same crop (or stretch) of the same item under two names would teach nothing new.
			const crop = `${item.id} ${JSON.stringify(tell.region)}`;
			if (list.length >= perCategory || used.has(crop)) continue;
			const shown = sourcesShown.get(tell.category) ?? new Set<string>();
			const sources = sourcesOf.get(item.id) ?? [];
			if (sources.some((source) => shown.has(source))) continue;
			used.add(crop);
			for (const source of sources) shown.add(source);
			sourcesShown.set(tell.category, shown);
			list.push({ item, index, tell });
			byCategory.set(tell.category, list);
		}
	}
	return TAXONOMY.flatMap(({ id }) => {
		const examples = byCategory.get(id);
		return examples ? [{ category: id, examples }] : [];
	});
}
