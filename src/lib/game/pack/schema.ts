/**
 * The pack manifest: its schema, its types and a validator that reports every problem at once,
 * each naming the manifest file and the JSON path (`items[3].tells[0].region.x`).
 */
import * as z from 'zod';
import { formatPath, friendlyMessage } from '../issues';
import {
	DRAW_RULES,
	IPTC_PREFIX,
	MEDIA_TYPES,
	PACK_FORMAT_VERSION,
	PAIR_TOPICS,
	TRUTHS,
	mediaBaseType
} from './format';
import { checkPackRules, type PathSegment } from './rules';
import { sameLanguage, sourceTexts } from './text';
import { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory } from './taxonomy';

export * from './format';
export { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory };

const BETWEEN_0_AND_1 = 'must be between 0 and 1';

const id = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lowercase letters, digits or dashes');
const text = z.string().trim().min(1, 'must not be empty');
const unit = z.number().min(0, BETWEEN_0_AND_1).max(1, BETWEEN_0_AND_1);
const extent = z.number().gt(0, 'must be more than 0 and at most 1').max(1, BETWEEN_0_AND_1);
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const languageTag = (example: string) =>
	z.string().regex(LANGUAGE_TAG, `must be a BCP 47 language tag such as ${example}`);

const boxFields = { x: unit, y: unit, w: extent, h: extent };
const box = z.strictObject(boxFields);

const boxRegionSchema = z.strictObject({ type: z.literal('box'), ...boxFields });
const polygonRegionSchema = z.strictObject({
	type: z.literal('polygon'),
	points: z.array(z.tuple([unit, unit])).min(3, 'must have at least 3 points')
});
const timeRegionSchema = z.strictObject({
	type: z.literal('time'),
	start: z.number().min(0, 'must be 0 or more (seconds)'),
	end: z.number().gt(0, 'must be more than 0 (seconds)'),
	box: box.optional()
});

export const regionSchema = z.discriminatedUnion('type', [
	boxRegionSchema,
	polygonRegionSchema,
	timeRegionSchema
]);

/** One of the fixed tell category ids. */
export const tellCategorySchema = z.enum(TELL_CATEGORIES, {
	error: (issue) =>
		issue.input === undefined
			? 'is required'
			: `unknown tell category ${JSON.stringify(issue.input)}`
});

export const tellSchema = z.strictObject({
	category: tellCategorySchema,
	region: regionSchema,
	explanation: text
});

export const renditionSchema = z.strictObject({
	src: z
		.string()
		.regex(
			/^media\/[0-9a-f]{8,64}\.[a-z0-9]{2,5}$/,
			'must be "media/<content hash>.<ext>": inside the pack, with a name that says nothing about the item'
		),
	type: z
		.string()
		.refine(
			(type) => mediaBaseType(type) in MEDIA_TYPES,
			`must be one of ${Object.keys(MEDIA_TYPES).join(', ')} (parameters such as "; codecs=opus" allowed)`
		),
	width: z.int('must be a whole number of pixels').positive('must be more than 0').optional(),
	height: z.int('must be a whole number of pixels').positive('must be more than 0').optional(),
	duration: z.number().positive('must be more than 0 (seconds)').optional()
});

export const provenanceSchema = z.strictObject({
	source: text,
	author: text,
	licence: text,
	digitalSourceType: z
		.string()
		.regex(
			/^http:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\/[A-Za-z]+$/,
			`must be an IPTC digital source type URI (${IPTC_PREFIX}<term>)`
		),
	method: text.optional(),
	/**
	 * How the item came to be, in one plain sentence a 14-year-old understands; the reveal shows it
	 * first and keeps method, source and licence behind a "Details" disclosure.
	 */
	summary: text.optional(),
	parameters: z.record(z.string(), z.unknown()).optional(),
	derivedFrom: z.array(text).optional()
});

export const itemSchema = z.strictObject({
	id,
	kind: z.enum(MEDIA_KINDS),
	media: z.array(renditionSchema).min(1, 'must list at least one rendition'),
	truth: z.enum(TRUTHS),
	provenance: provenanceSchema,
	/** A neutral description for screen readers; it must give no hint of the truth. */
	alt: text.optional(),
	transcript: text.optional(),
	/**
	 * The language spoken or written in the item (BCP 47), when it is not the pack's: a round in a
	 * language the player may not speak shows the transcript with its translation.
	 */
	language: languageTag('fr').optional(),
	/** The transcript in the pack's language, for an item in another language. */
	translation: text.optional(),
	tells: z.array(tellSchema).optional()
});

export const pairSchema = z.strictObject({
	id,
	items: z.tuple([id, id], { error: 'must be a list of exactly two item ids' }),
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' }),
	topic: z.enum(PAIR_TOPICS),
	independent: z.boolean(),
	prompt: text.optional(),
	/**
	 * A practice pair is public: its answer ships to the browser for offline practice and the
	 * learn page's examples. Online runs and class sessions never use it, and its items may not
	 * appear in any other pair, so no public answer gives away an online round.
	 */
	practice: z.boolean().optional(),
	/**
	 * What the pair's items were made from (a photo, a person in it, a recording, a prompt), one
	 * id each, in the pack author's own words. A practice pair may share none with an online pair.
	 */
	sources: z.array(text).optional()
});

/**
 * One item played on its own as a "real or fake?" round (a teacher's viral picture with no real
 * counterpart, or a real photo people doubt). Its id shares one namespace with the pairs' ids,
 * since a round names the pair or single it was drawn from by that id (Round.pairId).
 */
export const singleSchema = z.strictObject({
	id,
	item: id,
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' }),
	topic: z.enum(PAIR_TOPICS)
});

export const creditSchema = z.strictObject({
	name: text,
	role: text,
	licence: text,
	url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()
});

export const packSchema = z.strictObject({
	formatVersion: z.literal(PACK_FORMAT_VERSION, {
		error: `must be ${PACK_FORMAT_VERSION} (this version of Telltale reads format ${PACK_FORMAT_VERSION})`
	}),
	id,
	version: z
		.string()
		.regex(
			/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
			'must be a semantic version such as 1.0.0'
		),
	/** How runs draw their rounds from this version (format.ts DRAW_RULES; absent: the first). */
	draw: z.enum(DRAW_RULES).optional(),
	title: text,
	language: languageTag('en'),
	licence: text,
	credits: z.array(creditSchema).min(1, 'must credit at least one source'),
	items: z.array(itemSchema).min(1, 'must have at least one item'),
	/** The pack must have at least one pair or one single (checkPackRules says so). */
	pairs: z.array(pairSchema),
	singles: z.array(singleSchema).optional(),
	/**
	 * The pack's text in other languages: per locale (a BCP 47 tag such as zh-CN), each
	 * translation keyed by the exact text it translates (see pack-text.ts for which texts). The
	 * tags are checked with the rest of the translations (checkTranslations).
	 */
	translations: z.record(z.string(), z.record(z.string(), text)).optional()
});

export type Pack = z.infer<typeof packSchema>;
export type Item = z.infer<typeof itemSchema>;
export type Pair = z.infer<typeof pairSchema>;
export type Single = z.infer<typeof singleSchema>;
/** What a round is drawn from: a pair, or a single item. */
export type RoundSource = Pair | Single;
export type Tell = z.infer<typeof tellSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Rendition = z.infer<typeof renditionSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type Credit = z.infer<typeof creditSchema>;

/** The item with this id; throws if the pack has none (a bug: runs only name items of their pack). */
export function getItem(pack: Pack, id: string): Item {
	const item = pack.items.find((candidate) => candidate.id === id);
	if (!item) throw new Error(`pack ${pack.id} has no item ${id}`);
	return item;
}

/** The pair with this id; throws if the pack has none. */
export function getPair(pack: Pack, id: string): Pair {
	const pair = pack.pairs.find((candidate) => candidate.id === id);
	if (!pair) throw new Error(`pack ${pack.id} has no pair ${id}`);
	return pair;
}

/** The pair or single with this id (a round's pairId); throws if the pack has neither. */
export function getRoundSource(pack: Pack, id: string): RoundSource {
	const source =
		pack.pairs.find((candidate) => candidate.id === id) ??
		pack.singles?.find((candidate) => candidate.id === id);
	if (!source) throw new Error(`pack ${pack.id} has no pair or single ${id}`);
	return source;
}

/** The ids of the items a pair or single shows. */
export function itemsOfSource(source: RoundSource): string[] {
	return 'items' in source ? source.items : [source.item];
}

/** The synthetic item of a pair (a valid pack has exactly one). */
export function syntheticItemOf(pack: Pack, pair: Pair): Item {
	const items = pair.items.map((id) => getItem(pack, id));
	const synthetic = items.find((item) => item.truth === 'synthetic');
	if (!synthetic) throw new Error(`pair ${pair.id} of pack ${pack.id} has no synthetic item`);
	return synthetic;
}

/** One problem in a pack: which file, where in it (JSON path, '' for the whole file) and what. */
export interface PackError {
	file: string;
	path: string;
	message: string;
}

export type PackValidation = { ok: true; pack: Pack } | { ok: false; errors: PackError[] };

/**
 * Checks a parsed manifest against the schema and every cross-rule (ids, pairs, tells, regions,
 * durations) and returns the pack or ALL the problems, each naming `file` and a JSON path.
 */
export function validatePack(json: unknown, file: string): PackValidation {
	const problems: Array<{ path: PathSegment[]; message: string }> = [];
	const parsed = packSchema.safeParse(json, { error: friendlyMessage });
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				for (const key of issue.keys) {
					problems.push({ path: [...issue.path, key], message: 'is not a known field' });
				}
			} else {
				problems.push({ path: issue.path, message: issue.message });
			}
		}
	}
	// Cross-checks read the raw JSON defensively, so they report even when the schema failed.
	checkPackRules(json, (path, message) => problems.push({ path, message }));

	if (parsed.success)
		checkTranslations(parsed.data, (path, message) => problems.push({ path, message }));

	if (problems.length === 0 && parsed.success) return { ok: true, pack: parsed.data };
	const seen = new Set<string>();
	const errors: PackError[] = [];
	for (const problem of problems) {
		const error = { file, path: formatPath(problem.path), message: problem.message };
		const key = `${error.path}\u0000${error.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		errors.push(error);
	}
	return { ok: false, errors };
}

/**
 * Translations must translate this pack: not into its own language, and each from a text the
 * pack has. A translation whose source text is not in the pack any more is stale (its source was
 * changed after it was written) and is reported rather than silently left unused. Run on the
 * parsed pack, so it reports once the rest of the manifest is readable.
 */
function checkTranslations(
	pack: Pack,
	report: (path: PathSegment[], message: string) => void
): void {
	const sources = new Set(sourceTexts(pack).map(({ text }) => text));
	for (const [locale, texts] of Object.entries(pack.translations ?? {})) {
		if (!LANGUAGE_TAG.test(locale)) {
			report(['translations', locale], 'must be a BCP 47 language tag such as zh-CN');
			continue;
		}
		if (sameLanguage(locale, pack.language)) {
			report(
				['translations', locale],
				`is the pack's own language (${pack.language}): its text needs no translation`
			);
			continue;
		}
		for (const source of Object.keys(texts)) {
			if (sources.has(source)) continue;
			const shown = source.length > 60 ? `${source.slice(0, 60)}…` : source;
			report(
				['translations', locale],
				`${JSON.stringify(shown)} translates no text of this pack (a stale translation, if that text was changed)`
			);
		}
	}
}

/** One line per problem: `file: path: message`. */
export function formatPackErrors(errors: readonly PackError[]): string {
	return errors
		.map((error) =>
			error.path
				? `${error.file}: ${error.path}: ${error.message}`
				: `${error.file}: ${error.message}`
		)
		.join('\n');
}
