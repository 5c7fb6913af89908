/**
 * A run: N rounds drawn from a pack by a seed. The same (pack id, pack version, options) always
 * gives the same rounds in the same order, so the server, the browser and a share link's
 * "play the same rounds" all rebuild it from the options alone.
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '../issues';
import {
	DRAW_RULES,
	getItem,
	itemsOfSource,
	syntheticItemOf,
	tellCategorySchema,
	type DrawRule,
	type Pack,
	type RoundSource,
	type Tier
} from '../pack/schema';
import { mulberry32, shuffled, type Random } from './random';
import { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory } from '../pack/taxonomy';

export const RUN_MODES = ['pairs', 'single', 'mixed'] as const;
/** pairs: "which one is fake?"; single: "real or fake?"; mixed: both. */
export type RunMode = (typeof RUN_MODES)[number];
export type Difficulty = 'any' | Tier;

/**
 * Runs in a row that may show different pairs of a kind: the 'kind-shares' draw gives a kind at
 * most a FRESH_RUNS-th of its pool (the candidates that show no item twice) a run. Part of that rule: another value is another rule.
 */
export const FRESH_RUNS = 5;

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
	/**
	 * The pair the item was drawn from, or the pack's single (ids are unique across both); the
	 * name stays pairId so that stored runs and sessions read as before.
	 */
	pairId: string;
	tier: Tier;
	kind: MediaKind;
	/**
	 * Tell categories of the pair's synthetic item (see tellCategoriesOf), whether or not this
	 * round shows it: they say nothing about the item shown, so they are not the answer. A
	 * single's are its own item's (none for a real one): the browser never gets them.
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
 * The tell categories of a pair's synthetic item (or of a single's item), each once, in taxonomy
 * order. Scoring counts a round toward these categories when the player saw that item.
 */
export function tellCategoriesOf(pack: Pack, source: RoundSource): TellCategory[] {
	const item = 'items' in source ? syntheticItemOf(pack, source) : getItem(pack, source.item);
	return uniqueIn(
		(item.tells ?? []).map((tell) => tell.category),
		TELL_CATEGORIES
	);
}

/** The media kind of a pair's or single's items. */
export function kindOfSource(pack: Pack, source: RoundSource): MediaKind {
	return getItem(pack, itemsOfSource(source)[0]).kind;
}

/**
 * A round of `type` drawn from `source`, without its index. A pair's round flips a coin: which
 * side the fake is on, or whether a single round shows it. A single (of the pack's singles) is
 * always a single round of its item, and flips nothing.
 */
export function roundOf(
	pack: Pack,
	source: RoundSource,
	type: Round['type'],
	random: Random
): Omit<PairRound, 'index'> | Omit<SingleRound, 'index'> {
	const base = {
		pairId: source.id,
		tier: source.tier as Tier,
		kind: kindOfSource(pack, source),
		categories: tellCategoriesOf(pack, source)
	};
	if (!('items' in source)) return { type: 'single', ...base, itemId: source.item };
	const synthetic = syntheticItemOf(pack, source).id;
	const real = source.items[0] === synthetic ? source.items[1] : source.items[0];
	const syntheticFirst = random() < 0.5;
	return type === 'pair'
		? { type: 'pair', ...base, items: syntheticFirst ? [synthetic, real] : [real, synthetic] }
		: { type: 'single', ...base, itemId: syntheticFirst ? synthetic : real };
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
 * them, so the draw must never change for a pack version that was played: a change to it is a
 * new rule, named by the manifests of new pack versions only (`draw`, format.ts DRAW_RULES;
 * run.test.ts pins one draw of each rule to catch a change).
 *
 * - Candidates: the pairs of the chosen difficulty and kinds, and in 'single' and 'mixed' modes the
 *   pack's singles too, shuffled together; with `focus`, those whose synthetic item has a tell in
 *   a focus category come first (still in shuffled order). A pack without singles draws exactly
 *   as before singles existed.
 * - Mixed mode plans half pair rounds and half single rounds, in shuffled order; a single always
 *   makes a single round, whatever the plan says at its place.
 * - Each pair or single is used at most once and no item appears twice (pickSources); a run of
 *   several kinds shows each kind that has a usable candidate. How many rounds each kind gets
 *   is the pack's draw rule (kindQuotas): one at least ('first-of-each-kind'), or a fair share
 *   ('kind-shares'); the rest come in shuffled order.
 * - Pair rounds put the synthetic item on the left with probability 1/2; single rounds drawn
 *   from a pair show the synthetic item with probability 1/2. Independent coin flips, never a
 *   balanced quota, so a player cannot work out the last answers by counting.
 * - With difficulty 'any' the rounds are ordered by tier (easy first), shuffled within a tier.
 * - Every round carries the tell categories of its synthetic item, for scoring per category. A
 *   Round stays on the server in online play: the browser gets roundForPlayer.
 * - If the filters leave fewer usable candidates than `count`, the run has fewer rounds: it
 *   never repeats an item to fill up.
 */
export function buildRun(pack: Pack, options: RunOptions): Run {
	const random = mulberry32(options.seed);
	// Looked up many times a draw, and the server may draw 256 times to start one run.
	const kinds = new Map(pack.items.map((item) => [item.id, item.kind]));
	const kindOf = (source: RoundSource) => kinds.get(itemsOfSource(source)[0])!;
	const singles = options.mode === 'pairs' ? [] : (pack.singles ?? []);
	const candidates = [...pack.pairs, ...singles]
		.filter((source) => options.difficulty === 'any' || source.tier === options.difficulty)
		.filter((source) => options.kinds.includes(kindOf(source)))
		// Sorted first so the manifest's order (which a re-export may change) does not matter.
		.sort(byId);

	let order = shuffled(random, candidates);
	const focus = options.focus ?? [];
	const inFocus = (source: RoundSource) =>
		focus.length > 0 && tellCategoriesOf(pack, source).some((category) => focus.includes(category));
	if (focus.length > 0) {
		order = [...order.filter(inFocus), ...order.filter((source) => !inFocus(source))];
	}

	const plan = planTypes(random, options.mode, Math.min(options.count, order.length));
	const rule = pack.draw ?? DRAW_RULES[0];
	const quotas = kindQuotas(rule, candidates, plan.length, kindOf, inFocus, random);
	const picked: Array<Omit<PairRound, 'index'> | Omit<SingleRound, 'index'>> = [];
	for (const source of pickSources(order, plan.length, kindOf, quotas)) {
		picked.push(roundOf(pack, source, plan[picked.length], random));
	}

	if (options.difficulty === 'any') picked.sort((a, b) => a.tier - b.tier);
	const rounds = picked.map((round, index) => ({ index, ...round }) as Round);
	return { packId: pack.id, packVersion: pack.version, options, rounds };
}

function byId(a: RoundSource, b: RoundSource): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * How many of a run's `count` rounds each kind gets before the rest are filled in shuffled order,
 * by the pack's draw rule. A run of several kinds shows each of them, however few candidates one
 * kind has (a pack with 40 picture pairs and 2 videos would otherwise leave the videos out of
 * most runs that promise them).
 *
 * - 'first-of-each-kind': one round of each kind; the rest follow the pool, so a pack of 67 voice
 *   pairs, 27 picture pairs and 6 videos deals about 6 voices, 2 or 3 pictures and 1 video.
 * - 'kind-shares': the kinds share the rounds evenly, but none gets more than a FRESH_RUNS-th of
 *   its pool (at least 1), so that FRESH_RUNS runs in a row can each show different pairs of it:
 *   the pool is the kind's candidates that can be shown with no item twice, since a real photo
 *   met again in another pair is remembered as real. What a kind cannot take is shared among the
 *   others in the same way, and rounds no kind can take are filled in shuffled order. An uneven
 *   split gives its odd rounds to kinds drawn at random: each kind is as likely to get one, the
 *   split varies from run to run, and a server choosing the seed that repeats least can give
 *   fewer rounds to the kind its player has seen most of. That pack's 27 picture pairs show 18
 *   real photos, so it deals 3 pictures, 6 voices and 1 video in 10 rounds. With a focus, the
 *   kinds share by their candidates in focus (a kind with none still shows once), so a run that
 *   practises the eyes stays on the eyes.
 *
 * `candidates` are in id order, so the pools do not depend on the seed.
 */
function kindQuotas(
	rule: DrawRule,
	candidates: RoundSource[],
	count: number,
	kindOf: (source: RoundSource) => MediaKind,
	inFocus: (source: RoundSource) => boolean,
	random: Random
): Map<MediaKind, number> {
	const quotas = new Map(candidates.map((source) => [kindOf(source), 1]));
	if (rule === 'first-of-each-kind') return quotas;
	const focused = candidates.filter(inFocus);
	// A kind's pool is what runs in a row can share out without showing an item twice: pairs that
	// reuse a photo count once (the default pack's 27 online picture pairs show 18 real photos).
	const pools = new Map<MediaKind, number>();
	const counted = new Set<string>();
	for (const source of focused.length > 0 ? focused : candidates) {
		const items = itemsOfSource(source);
		if (items.some((id) => counted.has(id))) continue;
		items.forEach((id) => counted.add(id));
		pools.set(kindOf(source), (pools.get(kindOf(source)) ?? 0) + 1);
	}
	const cap = (kind: MediaKind) => Math.max(1, Math.floor(pools.get(kind)! / FRESH_RUNS));
	// In random order: the first ones take the odd rounds of an uneven split.
	let open = shuffled(
		random,
		MEDIA_KINDS.filter((kind) => pools.has(kind))
	);
	// A kind without candidates in focus keeps its one round out of the share.
	let left = Math.max(0, count - (quotas.size - pools.size));
	// Kinds whose cap is within an even split take their cap, until every kind left can take one.
	for (;;) {
		const capped = open.filter((kind) => cap(kind) * open.length <= left);
		if (capped.length === 0) break;
		for (const kind of capped) {
			quotas.set(kind, cap(kind));
			left -= cap(kind);
		}
		open = open.filter((kind) => !capped.includes(kind));
	}
	open.forEach((kind, place) => {
		const share = Math.floor(left / open.length) + (place < left % open.length ? 1 : 0);
		quotas.set(kind, Math.max(1, share));
	});
	return quotas;
}

/**
 * The `count` pairs or singles a run shows, in `order`: the first usable ones of each kind up to
 * its quota, then the rest in order. No item is shown twice: a pair is skipped if one of its items
 * was already taken (packs may reuse an item in two pairs).
 */
function pickSources(
	order: RoundSource[],
	count: number,
	kindOf: (source: RoundSource) => MediaKind,
	quotas: ReadonlyMap<MediaKind, number>
): RoundSource[] {
	const taken = new Set<RoundSource>();
	const usedItems = new Set<string>();
	const take = (source: RoundSource): boolean => {
		const items = itemsOfSource(source);
		if (taken.size >= count || taken.has(source)) return false;
		if (items.some((id) => usedItems.has(id))) return false;
		taken.add(source);
		items.forEach((id) => usedItems.add(id));
		return true;
	};
	const shown = new Map<MediaKind, number>();
	for (const source of order) {
		const kind = kindOf(source);
		if ((shown.get(kind) ?? 0) < (quotas.get(kind) ?? 0) && take(source)) {
			shown.set(kind, (shown.get(kind) ?? 0) + 1);
		}
	}
	for (const source of order) take(source);
	return order.filter((source) => taken.has(source));
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
