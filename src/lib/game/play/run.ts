/**
 * A run: N rounds drawn from a pack by a seed. The same (pack id, pack version, options) always
 * gives the same rounds in the same order, so the server, the browser and a share link's
 * "play the same rounds" all rebuild it from the options alone.
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '../issues';
import {
	getItem,
	syntheticItemOf,
	tellCategorySchema,
	type Pack,
	type Pair,
	type Tier
} from '../pack/schema';
import { mulberry32, shuffled, type Random } from './random';
import { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory } from '../pack/taxonomy';

export const RUN_MODES = ['pairs', 'single', 'mixed'] as const;
/** pairs: "which one is fake?"; single: "real or fake?"; mixed: both. */
export type RunMode = (typeof RUN_MODES)[number];
export type Difficulty = 'any' | Tier;

/** The most rounds a run may ask for. */
export const MAX_ROUNDS = 50;
export const DEFAULT_ROUNDS = 10;

export interface RunOptions {
	/** uint32 seed of the run's PRNG. */
	seed: number;
	mode: RunMode;
	/** Rounds asked for, 1..MAX_ROUNDS; a run has fewer when the pack runs out (see buildRun). */
	count: number;
	difficulty: Difficulty;
	/** Media kinds to draw from, non-empty, in MEDIA_KINDS order. */
	kinds: MediaKind[];
	/** Practice: prefer pairs whose synthetic item has tells in these categories. */
	focus?: TellCategory[];
}

export interface PairRound {
	index: number;
	type: 'pair';
	pairId: string;
	tier: Tier;
	kind: MediaKind;
	/** Tell categories of the pair's synthetic item (see tellCategoriesOf). */
	categories: TellCategory[];
	/** [left, right] item ids. */
	items: [string, string];
}

export interface SingleRound {
	index: number;
	type: 'single';
	pairId: string;
	tier: Tier;
	kind: MediaKind;
	/**
	 * Tell categories of the pair's synthetic item (see tellCategoriesOf), whether or not this
	 * round shows it: they say nothing about the item shown, so they are not the answer.
	 */
	categories: TellCategory[];
	itemId: string;
}

export type Round = PairRound | SingleRound;

/** The ids of the items a round shows: both of a pair round's, the one of a single round. */
export function itemIdsOf(
	round: Pick<PairRound, 'type' | 'items'> | Pick<SingleRound, 'type' | 'itemId'>
): string[] {
	return round.type === 'pair' ? round.items : [round.itemId];
}

export interface Run {
	packId: string;
	packVersion: string;
	options: RunOptions;
	rounds: Round[];
}

const wholeNumber = () =>
	z.int({
		error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number')
	});

const numberLike = (schema: z.ZodType) =>
	z.preprocess(
		(value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
		schema
	);

function uniqueIn<T extends string>(values: readonly T[], order: readonly T[]): T[] {
	return order.filter((value) => values.includes(value));
}

/**
 * The tell categories of a pair's synthetic item, each once, in taxonomy order. Scoring counts a
 * round toward these categories when the player saw that item.
 */
export function tellCategoriesOf(pack: Pack, pair: Pair): TellCategory[] {
	const categories = (syntheticItemOf(pack, pair).tells ?? []).map((tell) => tell.category);
	return uniqueIn(categories, TELL_CATEGORIES);
}

export const runOptionsSchema = z
	.strictObject({
		seed: numberLike(
			wholeNumber()
				.min(0, 'must be between 0 and 4294967295')
				.max(0xffffffff, 'must be between 0 and 4294967295')
		),
		mode: z.enum(RUN_MODES).default('pairs'),
		count: numberLike(
			wholeNumber()
				.min(1, `must be between 1 and ${MAX_ROUNDS}`)
				.max(MAX_ROUNDS, `must be between 1 and ${MAX_ROUNDS}`)
		).default(DEFAULT_ROUNDS),
		difficulty: z
			.union([z.literal('any'), numberLike(z.union([z.literal(1), z.literal(2), z.literal(3)]))], {
				error: 'must be "any", 1, 2 or 3'
			})
			.default('any'),
		kinds: z
			.array(z.enum(MEDIA_KINDS))
			.min(1, 'must name at least one media kind')
			.max(MEDIA_KINDS.length * 2, 'lists too many kinds')
			.default([...MEDIA_KINDS]),
		focus: z
			.array(tellCategorySchema)
			.max(TELL_CATEGORIES.length * 2, 'lists too many categories')
			.optional()
	})
	.transform(({ seed, mode, count, difficulty, kinds, focus }): RunOptions => {
		// Equal choices must give equal options (and equal runs, and equal share codes).
		const options: RunOptions = {
			seed: seed as number,
			mode,
			count: count as number,
			difficulty: difficulty as Difficulty,
			kinds: uniqueIn(kinds, MEDIA_KINDS)
		};
		const normalisedFocus = focus ? uniqueIn(focus, TELL_CATEGORIES) : [];
		if (normalisedFocus.length > 0) options.focus = normalisedFocus;
		return options;
	});

export type RunOptionsResult = { ok: true; options: RunOptions } | { ok: false; error: string };

/**
 * Validates run options sent by a client (JSON or form values: numbers may be digit strings) and
 * normalises them: defaults filled in (pairs, 10 rounds, any difficulty, all kinds), kinds and
 * focus de-duplicated into their canonical order, an empty focus dropped.
 */
export function parseRunOptions(input: unknown): RunOptionsResult {
	const parsed = runOptionsSchema.safeParse(input, { error: friendlyMessage });
	if (parsed.success) return { ok: true, options: parsed.data };
	return { ok: false, error: describeIssues(parsed.error.issues) };
}

/**
 * Draws the rounds of a run. Deterministic in (pack, options): the seed drives a mulberry32 PRNG.
 * Stored runs and score links keep only the pack version and the options, and are rebuilt from
 * them, so the draw must never change for a pack version that was played: a change to it ships
 * with new versions of the packs (run.test.ts pins one draw to catch it).
 *
 * - Candidate pairs: those of the chosen difficulty and kinds, shuffled; with `focus`, pairs whose
 *   synthetic item has a tell in a focus category come first (still in shuffled order).
 * - Mixed mode plans half pair rounds and half single rounds, in shuffled order.
 * - Each pair is used at most once and no item appears twice (pickPairs); a run of several kinds
 *   shows each kind that has a usable pair.
 * - Pair rounds put the synthetic item on the left with probability 1/2; single rounds show the
 *   synthetic item with probability 1/2. Independent coin flips, never a balanced quota, so a
 *   player cannot work out the last answers by counting.
 * - With difficulty 'any' the rounds are ordered by tier (easy first), shuffled within a tier.
 * - Every round carries the tell categories of its pair's synthetic item, for scoring per
 *   category. A Round stays on the server in online play: the browser gets roundForPlayer.
 * - If the filters leave fewer usable pairs than `count`, the run has fewer rounds: it never
 *   repeats an item to fill up.
 */
export function buildRun(pack: Pack, options: RunOptions): Run {
	const random = mulberry32(options.seed);
	const kindOfPair = (pair: Pair) => getItem(pack, pair.items[0]).kind;
	const candidates = pack.pairs
		.filter((pair) => options.difficulty === 'any' || pair.tier === options.difficulty)
		.filter((pair) => options.kinds.includes(kindOfPair(pair)))
		// Sorted first so the manifest's order (which a re-export may change) does not matter.
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	let order = shuffled(random, candidates);
	const focus = options.focus ?? [];
	if (focus.length > 0) {
		const inFocus = (pair: Pair) =>
			tellCategoriesOf(pack, pair).some((category) => focus.includes(category));
		order = [...order.filter(inFocus), ...order.filter((pair) => !inFocus(pair))];
	}

	const plan = planTypes(random, options.mode, Math.min(options.count, order.length));
	const picked: Array<Omit<PairRound, 'index'> | Omit<SingleRound, 'index'>> = [];
	for (const pair of pickPairs(order, plan.length, kindOfPair)) {
		const kind = kindOfPair(pair);
		const synthetic = syntheticItemOf(pack, pair).id;
		const real = pair.items[0] === synthetic ? pair.items[1] : pair.items[0];
		const base = {
			pairId: pair.id,
			tier: pair.tier as Tier,
			kind,
			categories: tellCategoriesOf(pack, pair)
		};
		const syntheticFirst = random() < 0.5;
		if (plan[picked.length] === 'pair') {
			picked.push({
				type: 'pair',
				...base,
				items: syntheticFirst ? [synthetic, real] : [real, synthetic]
			});
		} else {
			picked.push({ type: 'single', ...base, itemId: syntheticFirst ? synthetic : real });
		}
	}

	if (options.difficulty === 'any') picked.sort((a, b) => a.tier - b.tier);
	const rounds = picked.map((round, index) => ({ index, ...round }) as Round);
	return { packId: pack.id, packVersion: pack.version, options, rounds };
}

/**
 * The `count` pairs a run shows, in `order`. A run of several kinds shows each of them, however
 * few pairs one kind has (a pack with 40 picture pairs and 2 videos would otherwise leave the
 * videos out of most runs that promise them): the first usable pair of each kind is taken, then
 * the rest in order. No item is shown twice: a pair is skipped if one of its items was already
 * taken (packs may reuse an item in two pairs).
 */
function pickPairs(order: Pair[], count: number, kindOf: (pair: Pair) => MediaKind): Pair[] {
	const taken = new Set<Pair>();
	const usedItems = new Set<string>();
	const take = (pair: Pair): boolean => {
		if (taken.size >= count || taken.has(pair)) return false;
		if (pair.items.some((id) => usedItems.has(id))) return false;
		taken.add(pair);
		pair.items.forEach((id) => usedItems.add(id));
		return true;
	};
	const shownKinds = new Set<MediaKind>();
	for (const pair of order) {
		if (!shownKinds.has(kindOf(pair)) && take(pair)) shownKinds.add(kindOf(pair));
	}
	for (const pair of order) take(pair);
	return order.filter((pair) => taken.has(pair));
}

function planTypes(random: Random, mode: RunMode, count: number): Array<'pair' | 'single'> {
	if (mode === 'pairs') return Array(count).fill('pair');
	if (mode === 'single') return Array(count).fill('single');
	const pairs = Math.ceil(count / 2);
	return shuffled(random, [
		...Array<'pair'>(pairs).fill('pair'),
		...Array<'single'>(count - pairs).fill('single')
	]);
}
