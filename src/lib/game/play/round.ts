/**
 * What happens in one round, for solo play and the class session alike: what the player may see
 * before answering, whether a verdict is right, and what the reveal shows afterwards.
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '../issues';
import {
	getItem,
	getRoundSource,
	type Item,
	type Pack,
	type Provenance,
	type Region,
	type Tell,
	type Tier,
	type Truth
} from '../pack/schema';
import { itemText, pairPrompt, type PackText, type SpokenText } from '../pack/text';
import type { Round } from './run';
import type { MediaKind, TellCategory } from '../pack/taxonomy';

/** Pair rounds: the side the player says is fake. Single rounds: what the player says it is. */
export type Answer = 'left' | 'right' | 'real' | 'synthetic';
export const PAIR_ANSWERS = ['left', 'right'] as const;
export const SINGLE_ANSWERS = ['real', 'synthetic'] as const;

export const MIN_CONFIDENCE = 0.5;
export const MAX_CONFIDENCE = 1;
/** Longest response time recorded (one hour): a round left open longer counts as an hour, so
 * one forgotten tab does not swamp a mean response time. */
export const MAX_RESPONSE_MS = 3_600_000;

/** What a player sends: their answer to round `round` and how sure they were (0.5..1). */
export interface SentVerdict {
	round: number;
	answer: Answer;
	confidence: number;
}

/**
 * A verdict with how long it took, measured by whoever holds the round's clock (the server
 * online, the device in offline practice), never taken from what a client sends.
 */
export interface Verdict extends SentVerdict {
	responseMs: number;
}

/**
 * A verdict with its outcome, decided once by isCorrect when the verdict arrived (by the server,
 * or by the device in offline practice) and kept with it: scoring reads `correct`, never the pack.
 */
export interface ScoredVerdict extends Verdict {
	correct: boolean;
}

/**
 * A rendition as the browser gets it: its URL (online, an address made for this run or session
 * alone; offline practice, its public path under /packs/<pack id>/) and its dimensions.
 */
export interface PlayerMedia {
	src: string;
	type: string;
	width?: number;
	height?: number;
	duration?: number;
}

/** One shown item before the verdict: media, and the neutral alt text / spoken words if any. */
export interface PlayerItem {
	media: PlayerMedia[];
	alt?: PackText;
	transcript?: SpokenText;
}

/**
 * A round as the browser may see it before the verdict: no item ids, truth, provenance or tells,
 * nothing derived from them. `items` has two entries (left, right) for a pair, one for a single.
 */
export interface PlayerRound {
	index: number;
	type: Round['type'];
	kind: MediaKind;
	tier: Tier;
	prompt?: SpokenText;
	items: PlayerItem[];
}

/** Where a shown item sits: left or right of a pair, or alone. */
export type Side = 'left' | 'right' | 'single';

export interface RevealedTell {
	category: TellCategory;
	region: Region;
	explanation: PackText;
}

export interface RevealedItem {
	side: Side;
	truth: Truth;
	/** How it was made in one plain sentence, in the reader's language when the pack has it. */
	summary?: PackText;
	/** The technical method, likewise (behind the reveal's Details). */
	method?: PackText;
	/** One line: source · author · licence (names, not translated: in the pack's language). */
	provenanceLine: PackText;
	provenance: Provenance;
	/** The tells, for the synthetic item; empty for a real one. */
	tells: RevealedTell[];
}

/** Everything the reveal shows after the verdict. */
export interface RoundReveal {
	index: number;
	type: Round['type'];
	kind: MediaKind;
	/** The right answer. */
	answer: Answer;
	/** Shown items in display order (left, right), or the single item. */
	items: RevealedItem[];
	/** The synthetic item's side and tells, or null for a single round that showed a real item. */
	synthetic: { side: Side; tells: RevealedTell[] } | null;
}

/** What the round screen shows after a verdict: the reveal and the verdict that stands. */
export interface RoundOutcome {
	reveal: RoundReveal;
	answer: Answer;
	confidence: number;
	correct: boolean;
}

/** The outcome of a scored verdict for its round, online and offline alike. */
export function roundOutcome(
	round: Round,
	pack: Pack,
	verdict: ScoredVerdict,
	locale: string
): RoundOutcome {
	return {
		reveal: revealRound(round, pack, locale),
		answer: verdict.answer,
		confidence: verdict.confidence,
		correct: verdict.correct
	};
}

/** Media URL of a pack-relative rendition path. Packs are served from static/packs/<id>/. */
export function mediaUrl(pack: Pack, src: string): string {
	return `/packs/${pack.id}/${src}`;
}

function shownItems(round: Round, pack: Pack): Array<{ side: Side; item: Item }> {
	if (round.type === 'pair') {
		return [
			{ side: 'left', item: getItem(pack, round.items[0]) },
			{ side: 'right', item: getItem(pack, round.items[1]) }
		];
	}
	return [{ side: 'single', item: getItem(pack, round.itemId) }];
}

/**
 * The round with only what the browser may know before the verdict, its words for a reader of
 * `locale` (a BCP 47 tag; pack-text.ts chooses each text). `address` gives each
 * rendition's URL: the server passes one that is opaque per run or session (media-links.ts);
 * the default, the public path, is for practice pairs, whose answers are public.
 */
export function roundForPlayer(
	round: Round,
	pack: Pack,
	locale: string,
	address: (src: string) => string = (src) => mediaUrl(pack, src)
): PlayerRound {
	const source = getRoundSource(pack, round.pairId);
	const items = shownItems(round, pack).map(({ item }): PlayerItem => {
		const text = itemText(pack, item, locale);
		const shown: PlayerItem = {
			media: item.media.map((rendition) => {
				const media: PlayerMedia = { src: address(rendition.src), type: rendition.type };
				if (rendition.width !== undefined) media.width = rendition.width;
				if (rendition.height !== undefined) media.height = rendition.height;
				if (rendition.duration !== undefined) media.duration = rendition.duration;
				return media;
			})
		};
		if (text.alt) shown.alt = text.alt;
		if (text.transcript) shown.transcript = text.transcript;
		return shown;
	});
	const player: PlayerRound = {
		index: round.index,
		type: round.type,
		kind: round.kind,
		tier: round.tier,
		items
	};
	// A single (of the pack's singles) has no prompt: the round asks only "real or fake?".
	const prompt = 'items' in source ? pairPrompt(pack, source, locale) : undefined;
	if (prompt) player.prompt = prompt;
	return player;
}

/** The right answer to a round. */
export function correctAnswer(round: Round, pack: Pack): Answer {
	if (round.type === 'pair') {
		return getItem(pack, round.items[0]).truth === 'synthetic' ? 'left' : 'right';
	}
	return getItem(pack, round.itemId).truth;
}

/**
 * Whether `answer` is right for `round`; an answer of the wrong shape (left/right on a single
 * round) is wrong. The one place correctness is decided: call it once, when a verdict arrives,
 * and keep the outcome with the verdict (ScoredVerdict); scoring and reports read that.
 */
export function isCorrect(round: Round, pack: Pack, answer: Answer): boolean {
	return correctAnswer(round, pack) === answer;
}

/** source · author · licence, for the reveal (the method is shown before it, translated). */
export function provenanceLine(provenance: Provenance): string {
	return [provenance.source, provenance.author, provenance.licence]
		.filter((part): part is string => Boolean(part))
		.join(' · ');
}

/**
 * Where a tell starts, for numbering: its time range's start, or its region's top-left corner.
 * Tells are numbered in reading order (earlier first; on a picture top to bottom, then left to
 * right within a band of a tenth of its height), so tell 1 is met before tell 2.
 */
function readingOrder(a: Pick<Tell, 'region'>, b: Pick<Tell, 'region'>): number {
	const start = (tell: Pick<Tell, 'region'>): [number, number, number] => {
		const region = tell.region;
		if (region.type === 'time') {
			return [region.start, region.box?.y ?? 0, region.box?.x ?? 0];
		}
		if (region.type === 'box') return [0, region.y, region.x];
		return [
			0,
			Math.min(...region.points.map(([, y]) => y)),
			Math.min(...region.points.map(([x]) => x))
		];
	};
	const [timeA, yA, xA] = start(a);
	const [timeB, yB, xB] = start(b);
	if (timeA !== timeB) return timeA - timeB;
	const bandA = Math.floor(yA * 10);
	const bandB = Math.floor(yB * 10);
	return bandA !== bandB ? bandA - bandB : xA - xB;
}

/**
 * What the reveal shows: the truth of each shown item, the tells and where the fake was, its
 * words for a reader of `locale`.
 */
export function revealRound(round: Round, pack: Pack, locale: string): RoundReveal {
	const items = shownItems(round, pack).map(({ side, item }): RevealedItem => {
		const text = itemText(pack, item, locale);
		const revealed: RevealedItem = {
			side,
			truth: item.truth,
			provenanceLine: { text: provenanceLine(item.provenance), lang: pack.language },
			provenance: item.provenance,
			tells: (item.tells ?? [])
				.map(({ category, region }, i) => ({ category, region, explanation: text.tells[i] }))
				.sort(readingOrder)
		};
		if (text.summary) revealed.summary = text.summary;
		if (text.method) revealed.method = text.method;
		return revealed;
	});
	const fake = items.find((item) => item.truth === 'synthetic');
	return {
		index: round.index,
		type: round.type,
		kind: round.kind,
		answer: correctAnswer(round, pack),
		items,
		synthetic: fake ? { side: fake.side, tells: fake.tells } : null
	};
}

export const verdictSchema = z.strictObject({
	round: z.int('must be a whole number').min(0, 'must be 0 or more'),
	answer: z.enum(['left', 'right', 'real', 'synthetic']),
	confidence: z
		.number()
		.min(MIN_CONFIDENCE, 'must be between 0.5 and 1')
		.max(MAX_CONFIDENCE, 'must be between 0.5 and 1')
});

export type VerdictResult = { ok: true; verdict: SentVerdict } | { ok: false; error: string };

/**
 * Validates a verdict sent by a client. With `round`, also checks that it answers that round
 * (answersRound). A client never sends how long it took (the schema refuses the field): the
 * server measures that itself.
 */
export function parseVerdict(input: unknown, round?: Round): VerdictResult {
	const parsed = verdictSchema.safeParse(input, { error: friendlyMessage });
	if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
	return round ? answersRound(parsed.data, round) : { ok: true, verdict: parsed.data };
}

/**
 * Whether a well-formed verdict answers `round`: it names that round, and its answer is one of
 * the round's (left/right for a pair, real/synthetic for a single item).
 */
export function answersRound(verdict: SentVerdict, round: Round): VerdictResult {
	if (verdict.round !== round.index) {
		return { ok: false, error: `round: must be ${round.index} (the current round)` };
	}
	const allowed: readonly string[] = round.type === 'pair' ? PAIR_ANSWERS : SINGLE_ANSWERS;
	if (!allowed.includes(verdict.answer)) {
		return {
			ok: false,
			error: `answer: must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')} for a ${round.type} round`
		};
	}
	return { ok: true, verdict };
}
