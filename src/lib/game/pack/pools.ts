/**
 * The two pools of a pack. Practice pairs are public: offline practice and the learn page ship
 * their answers to the browser. Every other pair is played online, where the answer stays on the
 * server until the verdict. A pack's rules keep the pools' items apart (pack-rules.ts).
 */
import type { Pack, Pair } from './schema';

function keepPairs(pack: Pack, keep: (pair: Pair) => boolean): Pack {
	const pairs = pack.pairs.filter(keep);
	const used = new Set(pairs.flatMap((pair) => pair.items));
	return { ...pack, pairs, items: pack.items.filter((item) => used.has(item.id)) };
}

/** The pairs online runs and class sessions draw from, with their items: no practice pair. */
export function onlinePool(pack: Pack): Pack {
	return keepPairs(pack, (pair) => pair.practice !== true);
}

/** The public part of a pack: its practice pairs and their items, answers included. */
export function practicePool(pack: Pack): Pack {
	return keepPairs(pack, (pair) => pair.practice === true);
}
