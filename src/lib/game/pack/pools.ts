/**
 * The two pools of a pack. Practice pairs are public: offline practice and the learn page ship
 * their answers to the browser. Every other pair is played online, where the answer stays on the
 * server until the verdict, and so is every single. A pack's rules keep the pools' items apart
 * (pack-rules.ts).
 */
import type { Pack, Pair, Single } from './schema';
import { translationsOfOwnTexts } from './text';

function keepPairs(pack: Pack, keep: (pair: Pair) => boolean, singles: Single[]): Pack {
	const pairs = pack.pairs.filter(keep);
	const used = new Set([
		...pairs.flatMap((pair) => pair.items),
		...singles.map((single) => single.item)
	]);
	const pool: Pack = { ...pack, pairs, items: pack.items.filter((item) => used.has(item.id)) };
	// A pack without singles keeps no empty list: its pools are as before singles existed.
	if (singles.length > 0) pool.singles = singles;
	else delete pool.singles;
	if (pack.translations) pool.translations = translationsOfOwnTexts(pool);
	return pool;
}

/**
 * The pairs and singles online runs and class sessions draw from, with their items: no practice
 * pair.
 */
export function onlinePool(pack: Pack): Pack {
	return keepPairs(pack, (pair) => pair.practice !== true, pack.singles ?? []);
}

/** The public part of a pack: its practice pairs and their items, answers included. */
export function practicePool(pack: Pack): Pack {
	return keepPairs(pack, (pair) => pair.practice === true, []);
}
