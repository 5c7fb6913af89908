/**
 * The pack manifest: its schema, its types and a validator that reports every problem at once,
 * each naming the manifest file and the JSON path (`items[3].tells[0].region.x`).
 */
import * as z from 'zod';
import { formatPath, friendlyMessage, withArticle } from './issues';
import {
	MEDIA_KINDS,
	TELL_CATEGORIES,
	categoryFitsKind,
	isTellCategory,
	type MediaKind,
	type TellCategory
} from './taxonomy';

export { MEDIA_KINDS, TELL_CATEGORIES, type MediaKind, type TellCategory };

/** The manifest format this code reads. */
export const PACK_FORMAT_VERSION = 1;

export const TRUTHS = ['real', 'synthetic'] as const;
export type Truth = (typeof TRUTHS)[number];

export const TIERS = [1, 2, 3] as const;
/** Difficulty tier of a pair: 1 easy, 2 medium, 3 hard. */
export type Tier = (typeof TIERS)[number];

export const PAIR_TOPICS = ['face', 'scene', 'voice', 'video'] as const;
export type PairTopic = (typeof PAIR_TOPICS)[number];

/** The media kind a pair topic must have. */
export const TOPIC_KIND: Record<PairTopic, MediaKind> = {
	face: 'image',
	scene: 'image',
	voice: 'audio',
	video: 'video'
};

/**
 * The media types a rendition may declare (the part before any `;` parameters), the kind they
 * belong to and the file extensions they may carry. The server-side loader checks magic bytes too.
 */
export const MEDIA_TYPES: Readonly<Record<string, { kind: MediaKind; extensions: string[] }>> = {
	'image/webp': { kind: 'image', extensions: ['webp'] },
	'image/avif': { kind: 'image', extensions: ['avif'] },
	'image/png': { kind: 'image', extensions: ['png'] },
	'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg'] },
	'audio/ogg': { kind: 'audio', extensions: ['opus', 'ogg', 'oga'] },
	'audio/mp4': { kind: 'audio', extensions: ['m4a', 'mp4'] },
	'audio/webm': { kind: 'audio', extensions: ['webm'] },
	'video/mp4': { kind: 'video', extensions: ['mp4', 'm4v'] },
	'video/webm': { kind: 'video', extensions: ['webm'] }
};

/** `audio/ogg; codecs=opus` -> `audio/ogg`. */
export function mediaBaseType(type: string): string {
	return type.split(';')[0].trim().toLowerCase();
}

/** IPTC digital source types that say the media was made or composited by software. */
const SYNTHETIC_SOURCE_TYPES = [
	'trainedAlgorithmicMedia',
	'compositeSynthetic',
	'algorithmicMedia',
	'compositeWithTrainedAlgorithmicMedia'
];
/** IPTC digital source types that say the media is an unaltered capture. */
const CAPTURE_SOURCE_TYPES = ['digitalCapture', 'negativeFilm', 'positiveFilm', 'print'];
const IPTC_PREFIX = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

// How far (seconds) a time region may run past the media's end, for rounding in the recipe.
const DURATION_SLACK = 0.05;
// Floating-point slack for boxes that touch the right or bottom edge.
const EDGE_SLACK = 1e-9;

const BETWEEN_0_AND_1 = 'must be between 0 and 1';

const id = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1 to 64 lowercase letters, digits or dashes');
const text = z.string().trim().min(1, 'must not be empty');
const unit = z.number().min(0, BETWEEN_0_AND_1).max(1, BETWEEN_0_AND_1);
const extent = z.number().gt(0, 'must be more than 0 and at most 1').max(1, BETWEEN_0_AND_1);

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
	tells: z.array(tellSchema).optional()
});

export const pairSchema = z.strictObject({
	id,
	items: z.tuple([id, id], { error: 'must be a list of exactly two item ids' }),
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' }),
	topic: z.enum(PAIR_TOPICS),
	independent: z.boolean(),
	prompt: text.optional()
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
	title: text,
	language: z
		.string()
		.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en'),
	licence: text,
	credits: z.array(creditSchema).min(1, 'must credit at least one source'),
	items: z.array(itemSchema).min(2, 'must have at least two items'),
	pairs: z.array(pairSchema).min(1, 'must have at least one pair')
});

export type Pack = z.infer<typeof packSchema>;
export type Item = z.infer<typeof itemSchema>;
export type Pair = z.infer<typeof pairSchema>;
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
	crossCheck(json, (path, message) => problems.push({ path, message }));

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

type PathSegment = PropertyKey;

type Report = (path: PathSegment[], message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function isKind(value: unknown): value is MediaKind {
	return typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value);
}

/** Rules that span fields or entries, over raw JSON so they run even when the schema fails. */
function crossCheck(json: unknown, report: Report): void {
	if (!isRecord(json)) return;
	const items = list(json.items);
	const byId = new Map<string, { index: number; item: Record<string, unknown> }>();
	items.forEach((item, index) => {
		if (!isRecord(item)) return;
		if (typeof item.id === 'string') {
			const first = byId.get(item.id);
			if (first) {
				report(
					['items', index, 'id'],
					`duplicate item id ${JSON.stringify(item.id)} (also items[${first.index}])`
				);
			} else {
				byId.set(item.id, { index, item });
			}
		}
		checkItem(item, ['items', index], report);
	});

	const pairIds = new Map<string, number>();
	list(json.pairs).forEach((pair, index) => {
		if (!isRecord(pair)) return;
		if (typeof pair.id === 'string') {
			const first = pairIds.get(pair.id);
			if (first !== undefined) {
				report(
					['pairs', index, 'id'],
					`duplicate pair id ${JSON.stringify(pair.id)} (also pairs[${first}])`
				);
			} else {
				pairIds.set(pair.id, index);
			}
		}
		checkPair(pair, ['pairs', index], byId, report);
	});
}

function checkItem(item: Record<string, unknown>, at: PathSegment[], report: Report): void {
	const kind = isKind(item.kind) ? item.kind : undefined;
	const media = list(item.media);
	const durations: number[] = [];

	media.forEach((rendition, index) => {
		if (!isRecord(rendition) || !kind) return;
		const here = [...at, 'media', index];
		const declared =
			typeof rendition.type === 'string' ? MEDIA_TYPES[mediaBaseType(rendition.type)] : undefined;
		if (declared && declared.kind !== kind) {
			report([...here, 'type'], `must be ${withArticle(kind)} type for ${withArticle(kind)} item`);
		}
		if (declared && typeof rendition.src === 'string') {
			const extension = rendition.src.split('.').pop() ?? '';
			if (!declared.extensions.includes(extension)) {
				report(
					[...here, 'src'],
					`extension ".${extension}" does not match type ${mediaBaseType(String(rendition.type))} (expected ${declared.extensions.map((e) => '.' + e).join(' or ')})`
				);
			}
		}
		if (kind !== 'audio') {
			if (rendition.width === undefined)
				report([...here, 'width'], `is required for ${kind} media`);
			if (rendition.height === undefined)
				report([...here, 'height'], `is required for ${kind} media`);
		} else {
			if (rendition.width !== undefined)
				report([...here, 'width'], 'must be absent for audio media');
			if (rendition.height !== undefined)
				report([...here, 'height'], 'must be absent for audio media');
		}
		if (kind === 'image') {
			if (rendition.duration !== undefined) {
				report([...here, 'duration'], 'must be absent for image media');
			}
		} else if (rendition.duration === undefined) {
			report([...here, 'duration'], `is required for ${kind} media`);
		} else if (typeof rendition.duration === 'number') {
			durations.push(rendition.duration);
		}
	});

	const provenance = isRecord(item.provenance) ? item.provenance : undefined;
	const sourceType =
		provenance && typeof provenance.digitalSourceType === 'string'
			? provenance.digitalSourceType.slice(IPTC_PREFIX.length)
			: undefined;
	const tells = list(item.tells);

	if (item.truth === 'synthetic') {
		if (tells.length === 0) report([...at, 'tells'], 'a synthetic item needs at least one tell');
		if (provenance && provenance.method === undefined) {
			report(
				[...at, 'provenance', 'method'],
				'is required for a synthetic item: say how it was made'
			);
		}
		if (sourceType && CAPTURE_SOURCE_TYPES.includes(sourceType)) {
			report(
				[...at, 'provenance', 'digitalSourceType'],
				`"${sourceType}" says unaltered capture, but the item is synthetic`
			);
		}
	} else if (item.truth === 'real') {
		if (tells.length > 0) report([...at, 'tells'], 'a real item must not have tells');
		if (sourceType && SYNTHETIC_SOURCE_TYPES.includes(sourceType)) {
			report(
				[...at, 'provenance', 'digitalSourceType'],
				`"${sourceType}" says synthetic, but the item is real`
			);
		}
	}

	if (!kind) return;
	const shortest = durations.length > 0 ? Math.min(...durations) : undefined;
	tells.forEach((tell, index) => {
		if (!isRecord(tell)) return;
		const here = [...at, 'tells', index];
		if (isTellCategory(tell.category) && !categoryFitsKind(tell.category, kind)) {
			report([...here, 'category'], `"${tell.category}" is not a tell category for ${kind} items`);
		}
		if (isRecord(tell.region))
			checkRegion(tell.region, kind, shortest, [...here, 'region'], report);
	});
}

function checkRegion(
	region: Record<string, unknown>,
	kind: MediaKind,
	duration: number | undefined,
	at: PathSegment[],
	report: Report
): void {
	const type = region.type;
	if (type === 'box' || type === 'polygon') {
		if (kind !== 'image') {
			report([...at, 'type'], `must be "time" for ${kind} items (video may add a box)`);
		}
		if (type === 'box') checkBoxFits(region, at, report);
	} else if (type === 'time') {
		if (kind === 'image') report([...at, 'type'], 'must be "box" or "polygon" for image items');
		if (kind === 'audio' && region.box !== undefined) {
			report([...at, 'box'], 'must be absent for audio items');
		}
		if (isRecord(region.box)) checkBoxFits(region.box, [...at, 'box'], report);
		const { start, end } = region;
		if (typeof start === 'number' && typeof end === 'number' && end <= start) {
			report([...at, 'end'], 'must be after start');
		}
		if (typeof end === 'number' && duration !== undefined && end > duration + DURATION_SLACK) {
			report([...at, 'end'], `must be within the media duration (${duration} s)`);
		}
	}
}

function checkBoxFits(box: Record<string, unknown>, at: PathSegment[], report: Report): void {
	// Only when each number is itself in range: otherwise the schema has already said so.
	const inUnit = (value: unknown): value is number =>
		typeof value === 'number' && value >= 0 && value <= 1;
	const { x, y, w, h } = box;
	if (inUnit(x) && inUnit(w) && x + w > 1 + EDGE_SLACK) {
		report([...at, 'w'], 'x + w must be at most 1 (the box leaves the media)');
	}
	if (inUnit(y) && inUnit(h) && y + h > 1 + EDGE_SLACK) {
		report([...at, 'h'], 'y + h must be at most 1 (the box leaves the media)');
	}
}

function checkPair(
	pair: Record<string, unknown>,
	at: PathSegment[],
	byId: Map<string, { index: number; item: Record<string, unknown> }>,
	report: Report
): void {
	const ids = list(pair.items);
	if (ids.length !== 2) return;
	const members: Array<Record<string, unknown>> = [];
	ids.forEach((itemId, index) => {
		if (typeof itemId !== 'string') return;
		const found = byId.get(itemId);
		if (!found) report([...at, 'items', index], `no item has id ${JSON.stringify(itemId)}`);
		else members.push(found.item);
	});
	if (ids[0] === ids[1] && typeof ids[0] === 'string') {
		report([...at, 'items'], 'must name two different items');
		return;
	}
	if (members.length !== 2) return;
	const [a, b] = members;
	if (isKind(a.kind) && isKind(b.kind)) {
		if (a.kind !== b.kind) {
			report(
				[...at, 'items'],
				`must be two items of the same kind (found ${a.kind} and ${b.kind})`
			);
		} else if (typeof pair.topic === 'string' && pair.topic in TOPIC_KIND) {
			const expected = TOPIC_KIND[pair.topic as PairTopic];
			if (expected !== a.kind) {
				report(
					[...at, 'topic'],
					`"${pair.topic}" is for ${expected} pairs, but the items are ${a.kind}`
				);
			}
		}
	}
	const synthetic = members.filter((member) => member.truth === 'synthetic').length;
	const known = members.filter((member) => member.truth === 'synthetic' || member.truth === 'real');
	if (known.length === 2 && synthetic !== 1) {
		report(
			[...at, 'items'],
			`must have exactly one synthetic item (found ${synthetic} synthetic, ${2 - synthetic} real)`
		);
	}
	// The two sides of a pair must look alike apart from the content, or the format is the answer.
	const types = members.map((member) =>
		list(member.media)
			.map((rendition) => (isRecord(rendition) ? String(rendition.type) : ''))
			.join(', ')
	);
	if (types[0] !== types[1]) {
		report(
			[...at, 'items'],
			`both items must have renditions of the same types in the same order (found [${types[0]}] and [${types[1]}]), or the format gives the answer away`
		);
	}
	for (const [field, name] of [
		['transcript', 'a transcript'],
		['alt', 'an alt text']
	] as const) {
		if ((a[field] === undefined) !== (b[field] === undefined)) {
			report(
				[...at, 'items'],
				`either both items or neither must have ${name}, or its presence gives the answer away`
			);
		}
	}
}
