/**
 * Teacher packs: the draft a teacher edits (items with their truth and provenance in plain words,
 * pairs, tells as boxes, outlines or time ranges) and the one way it becomes a pack manifest. The manifest then passes the
 * same validatePack as every pack on disk, so a teacher's pack obeys every rule the default pack
 * does; the checks here are the ones a form needs first, each with a reason code the page words.
 */
import * as z from 'zod';
import {
	CURRENT_DRAW_RULE,
	IPTC_PREFIX,
	PACK_FORMAT_VERSION,
	TOPIC_KIND,
	type Truth
} from './format';
import {
	renditionSchema,
	tellSchema,
	validatePack,
	type PackValidation,
	type Rendition
} from './schema';
import { categoriesForKind, type TellCategory } from './taxonomy';
import { voiceLookSchema, voiceWarnings, type VoiceWarning } from './voice-look';

/** The kinds of media a teacher pack holds: pictures, and voices and videos the browser converted. */
export const TEACHER_KINDS = ['image', 'audio', 'video'] as const;
export type TeacherKind = (typeof TEACHER_KINDS)[number];

/**
 * How an item was made, in the words a teacher chooses from, the kind of item each fits, and the
 * IPTC digital source type each means. A real item was captured (or only lightly retouched); a
 * synthetic one was made or changed by software.
 */
export const MADE_WITH = {
	camera: { truth: 'real', kind: 'image', sourceType: 'digitalCapture' },
	'light-edit': { truth: 'real', kind: 'image', sourceType: 'minorHumanEdits' },
	generator: { truth: 'synthetic', kind: 'image', sourceType: 'trainedAlgorithmicMedia' },
	'ai-edit': {
		truth: 'synthetic',
		kind: 'image',
		sourceType: 'compositeWithTrainedAlgorithmicMedia'
	},
	'photo-editor': { truth: 'synthetic', kind: 'image', sourceType: 'composite' },
	recording: { truth: 'real', kind: 'audio', sourceType: 'digitalCapture' },
	'voice-clone': { truth: 'synthetic', kind: 'audio', sourceType: 'trainedAlgorithmicMedia' },
	filmed: { truth: 'real', kind: 'video', sourceType: 'digitalCapture' },
	'video-generator': { truth: 'synthetic', kind: 'video', sourceType: 'trainedAlgorithmicMedia' },
	'face-swap': {
		truth: 'synthetic',
		kind: 'video',
		sourceType: 'compositeWithTrainedAlgorithmicMedia'
	}
} as const satisfies Record<string, { truth: Truth; kind: TeacherKind; sourceType: string }>;
export type MadeWith = keyof typeof MADE_WITH;
export const MADE_WITH_CHOICES = Object.keys(MADE_WITH) as MadeWith[];

/** The IPTC digital source type URI of a "made with" choice. */
export function digitalSourceType(madeWith: MadeWith): string {
	return IPTC_PREFIX + MADE_WITH[madeWith].sourceType;
}

/** The pair topics a teacher's pair may have: two of pictures, one of voices, one of videos. */
export const TEACHER_TOPICS = ['face', 'scene', 'voice', 'video'] as const;
export type TeacherTopic = (typeof TEACHER_TOPICS)[number];

/** The longest transcript a voice may have (30 s of fast speech is about 100 words). */
export const TRANSCRIPT_MAX = 1000;

const words = (max: number) =>
	z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const draftId = z.string().regex(/^[a-z0-9]{4,24}$/);
/** The longest explanation a teacher may write for a tell (the projector's tell page fits it). */
export const EXPLANATION_MAX = 600;

/** What a teacher says about one upload; every field is required but the tool of a real photo. */
export const itemDetailsSchema = z
	.strictObject({
		truth: z.enum(['real', 'synthetic']),
		alt: words(300),
		source: words(500),
		author: words(200),
		licence: words(200),
		madeWith: z.enum(MADE_WITH_CHOICES),
		/** What made it: a generator and its version, "voice clone", "photo editor". */
		tool: z.string().trim().max(200, 'must be at most 200 characters').optional(),
		/**
		 * Every word a voice says, for players who cannot hear it (required for a voice; for a
		 * video, when someone speaks in it).
		 */
		transcript: z.string().trim().min(1).max(TRANSCRIPT_MAX).optional()
	})
	.superRefine((item, context) => {
		if (MADE_WITH[item.madeWith].truth !== item.truth) {
			context.addIssue({ code: 'custom', path: ['madeWith'], message: 'truth-mismatch' });
		}
		if (item.truth === 'synthetic' && !item.tool) {
			context.addIssue({ code: 'custom', path: ['tool'], message: 'tool-required' });
		}
	});
export type ItemDetails = z.infer<typeof itemDetailsSchema>;

/** Why details that are complete in themselves do not fit the kind of file they came with. */
export type DetailsRefusal = 'transcript-required' | 'made-with-kind';

/**
 * Whether the details fit the item's kind, or why not: a voice needs its transcript (players who
 * cannot hear it read it instead), and how it was made must be a way of making that kind.
 */
export function detailsRefusal(kind: TeacherKind, details: ItemDetails): DetailsRefusal | null {
	if (kind === 'audio' && !details.transcript) return 'transcript-required';
	if (MADE_WITH[details.madeWith].kind !== kind) return 'made-with-kind';
	return null;
}

/** A tell as a teacher draws it on a picture: a box, a category and an explanation. */
export const boxTellSchema = tellSchema.extend({
	region: z.strictObject({
		type: z.literal('box'),
		x: z.number().min(0).max(1),
		y: z.number().min(0).max(1),
		w: z.number().gt(0).max(1),
		h: z.number().gt(0).max(1)
	}),
	explanation: words(EXPLANATION_MAX)
});
export type BoxTell = z.infer<typeof boxTellSchema>;

/** The most corners an outline may have: enough to follow a nose or a hand, few to place by key. */
export const OUTLINE_MAX_POINTS = 24;
const outlinePoint = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

/**
 * A tell as a teacher outlines it on a picture: the corners of a polygon, each a fraction of the
 * picture across and down, for a flaw no box fits (a warped nose, an ear, a hand).
 */
export const outlineTellSchema = tellSchema.extend({
	region: z.strictObject({
		type: z.literal('polygon'),
		points: z.array(outlinePoint).min(3).max(OUTLINE_MAX_POINTS)
	}),
	explanation: words(EXPLANATION_MAX)
});
export type OutlineTell = z.infer<typeof outlineTellSchema>;
/** A picture's tells are boxes or outlines. */
export type PictureTell = BoxTell | OutlineTell;

/**
 * A tell as a teacher marks it on a voice or a video: a time range in seconds (on a video, with
 * an optional box on the picture), a category, an explanation.
 */
export const timeTellSchema = tellSchema.extend({
	region: z.strictObject({
		type: z.literal('time'),
		start: z.number().min(0),
		end: z.number().gt(0),
		box: z
			.strictObject({
				x: z.number().min(0).max(1),
				y: z.number().min(0).max(1),
				w: z.number().gt(0).max(1),
				h: z.number().gt(0).max(1)
			})
			.optional()
	}),
	explanation: words(EXPLANATION_MAX)
});
export type TimeTell = z.infer<typeof timeTellSchema>;

export const teacherTellSchema = z.union([boxTellSchema, outlineTellSchema, timeTellSchema]);
export type TeacherTell = z.infer<typeof teacherTellSchema>;

/**
 * How a served picture, or a served video's frames on average, look overall (picture-look.ts):
 * measured once when the item is processed, and bounded by what pictureLook can give for 8-bit
 * pixels (a grey Laplacian of at most 4 x 255, colour differences of at most 255). Contrast and
 * noise are optional because pictures added before they were kept have none.
 */
export const lookSchema = z.strictObject({
	sharpness: z
		.number()
		.min(0)
		.max(1020 * 1020),
	brightness: z.number().min(0).max(255),
	colourfulness: z.number().min(0).max(500),
	contrast: z.number().min(0).max(128).optional(),
	noise: z.number().min(0).max(900).optional()
});
export type Look = z.infer<typeof lookSchema>;

/**
 * A video's look as the editor's script measures it in the teacher's browser and sends it with
 * the converted video (video-conversion.ts): every measure present, each a finite number in its
 * range (zod's numbers refuse NaN and Infinity). The server cannot measure it itself, since it
 * decodes no H.264; the measure only advises the teacher who sent it (the pair warnings), and
 * nothing a player sees or is scored on depends on it, so a browser that lies fools only itself.
 */
export const sentLookSchema = lookSchema.required();

/** The look a video upload's `look` field carries (JSON), or null when it is missing or malformed. */
export function sentLook(field: string | undefined): Look | null {
	if (!field) return null;
	let json: unknown;
	try {
		json = JSON.parse(field);
	} catch {
		return null;
	}
	const parsed = sentLookSchema.safeParse(json);
	return parsed.success ? parsed.data : null;
}

export const draftItemSchema = z.strictObject({
	id: draftId,
	kind: z.enum(TEACHER_KINDS),
	details: itemDetailsSchema,
	media: z.array(renditionSchema).min(1),
	/** Bytes of this item's files on disk, for the pack's quota. */
	bytes: z.int().nonnegative(),
	look: lookSchema.optional(),
	/** How a voice sounds, measured once when it is checked (voice-look.ts). */
	voiceLook: voiceLookSchema.optional(),
	/** Whether a video has a sound track (both sides of a video pair should, or neither). */
	sound: z.boolean().optional(),
	tells: z.array(teacherTellSchema)
});
export type DraftItem = z.infer<typeof draftItemSchema>;

export const draftPairSchema = z.strictObject({
	id: draftId,
	real: draftId,
	synthetic: draftId,
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
	topic: z.enum(TEACHER_TOPICS)
});
export type DraftPair = z.infer<typeof draftPairSchema>;

/** An item in no pair, played on its own as a "real or fake?" round. */
export const draftSingleSchema = z.strictObject({
	id: draftId,
	item: draftId,
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
	topic: z.enum(TEACHER_TOPICS)
});
export type DraftSingle = z.infer<typeof draftSingleSchema>;

/** The longest title a pack may have. */
export const TITLE_MAX = 120;

/** A teacher pack as its editor holds it: what the teacher has added so far. */
export const draftSchema = z.strictObject({
	title: words(TITLE_MAX),
	/** The language the teacher writes in (the editor's locale when the pack was made). */
	language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/),
	items: z.array(draftItemSchema),
	pairs: z.array(draftPairSchema),
	/** Drafts saved before singles existed have none. */
	singles: z.array(draftSingleSchema).default([])
});
export type Draft = z.infer<typeof draftSchema>;

/** The ids of the items a draft's pairs and singles play. */
export function itemsInRounds(draft: Pick<Draft, 'pairs' | 'singles'>): Set<string> {
	return new Set([
		...draft.pairs.flatMap((pair) => [pair.real, pair.synthetic]),
		...draft.singles.map((single) => single.item)
	]);
}

/** Why a pair cannot be made from two items, or null when it can. */
export type PairRefusal =
	| 'missing-item'
	| 'needs-real'
	| 'needs-synthetic'
	| 'different-kinds'
	| 'topic-kind'
	| 'transcript-differs'
	| 'already-paired';

/** Why an item cannot be played on its own, or null when it can. */
export type SingleRefusal = 'missing-item' | 'topic-kind' | 'already-paired';

export function singleRefusal(
	draft: Draft,
	itemId: string,
	topic: TeacherTopic
): SingleRefusal | null {
	const item = draft.items.find((candidate) => candidate.id === itemId);
	if (!item) return 'missing-item';
	if (TOPIC_KIND[topic] !== item.kind) return 'topic-kind';
	if (itemsInRounds(draft).has(itemId)) return 'already-paired';
	return null;
}

export function pairRefusal(
	draft: Draft,
	real: string,
	synthetic: string,
	topic: TeacherTopic
): PairRefusal | null {
	const realItem = draft.items.find((item) => item.id === real);
	const fakeItem = draft.items.find((item) => item.id === synthetic);
	if (!realItem || !fakeItem) return 'missing-item';
	if (realItem.details.truth !== 'real') return 'needs-real';
	if (fakeItem.details.truth !== 'synthetic') return 'needs-synthetic';
	if (realItem.kind !== fakeItem.kind) return 'different-kinds';
	if (TOPIC_KIND[topic] !== realItem.kind) return 'topic-kind';
	// A video's transcript is optional, but a round showing one beside only one side would give
	// the answer away (the pack rules refuse such a pair).
	if (!realItem.details.transcript !== !fakeItem.details.transcript) return 'transcript-differs';
	// An item in two pairs (or in a pair and a single) would be shown twice; the run skips such
	// pairs, so a teacher would wonder where one went.
	const used = itemsInRounds(draft);
	if (used.has(real) || used.has(synthetic)) return 'already-paired';
	return null;
}

/** Why a tell cannot go on an item, or null when it can. */
export type TellRefusal =
	| 'missing-item'
	| 'real-item'
	| 'category'
	| 'region-kind'
	| 'box-outside'
	| 'outline-too-small'
	| 'time-outside'
	| 'time-too-short';

/** The shortest time range a tell may mark: a player must be able to hear something in it. */
export const MIN_TELL_SECONDS = 0.1;

/** How long a voice or video item lasts, in seconds (its served rendition's duration). */
export function itemSeconds(item: { media: Array<Pick<Rendition, 'duration'>> }): number {
	return item.media[0].duration ?? 0;
}

export function tellRefusal(
	item:
		| {
				kind: TeacherKind;
				details: Pick<ItemDetails, 'truth'>;
				media: Array<Pick<Rendition, 'duration'>>;
		  }
		| undefined,
	tell: TeacherTell
): TellRefusal | null {
	if (!item) return 'missing-item';
	if (item.details.truth !== 'synthetic') return 'real-item';
	if (!categoriesForKind(item.kind).includes(tell.category as TellCategory)) return 'category';
	const region = tell.region;
	// A picture's tells are boxes or outlines, a voice's time ranges, a video's time ranges with
	// or without a box on its picture.
	if ((item.kind === 'image') !== (region.type !== 'time')) return 'region-kind';
	if (region.type === 'polygon') {
		// An outline with no area (its corners in a line) would draw nothing a player could see.
		return outlineArea(region.points) < MIN_BOX * MIN_BOX - 1e-9 ? 'outline-too-small' : null;
	}
	const box = region.type === 'box' ? region : region.box;
	if (box && item.kind === 'audio') return 'region-kind';
	if (box && (box.x + box.w > 1 + 1e-9 || box.y + box.h > 1 + 1e-9)) return 'box-outside';
	if (region.type === 'box') return null;
	if (region.end > itemSeconds(item) + 1e-9) return 'time-outside';
	if (region.end - region.start < MIN_TELL_SECONDS - 1e-9) return 'time-too-short';
	return null;
}

/**
 * The time range a tell marks, ordered, inside the voice and in tenths of a second (as the
 * default pack's are): the steps the editor's fields and arrow keys take.
 */
export function timeRange(start: number, end: number, seconds: number): [number, number] {
	const r = (value: number) => Math.round(value * 10) / 10;
	const from = Math.min(Math.max(0, Math.min(start, end)), seconds);
	const to = Math.min(Math.max(0, Math.max(start, end)), seconds);
	return [r(from), r(to)];
}

/** What a pack still needs before its play link has something to play. */
export type Readiness = { ready: true } | { ready: false; missing: 'pair' | 'tells' };

/** Ready with a pair or a single, once every fake they play (a pair's, a synthetic single) has tells. */
export function readiness(draft: Draft): Readiness {
	if (draft.pairs.length === 0 && draft.singles.length === 0) {
		return { ready: false, missing: 'pair' };
	}
	const played = [
		...draft.pairs.map((pair) => pair.synthetic),
		...draft.singles.map((s) => s.item)
	];
	const untold = played.some((id) => {
		const item = draft.items.find((candidate) => candidate.id === id);
		return item?.details.truth === 'synthetic' && item.tells.length === 0;
	});
	return untold ? { ready: false, missing: 'tells' } : { ready: true };
}

/**
 * The teacher pack a host means by what they pasted: its play link (on any host name, in any
 * language) or its bare id; null when it names none.
 */
export function teacherPackIdIn(pasted: string): string | null {
	const match = /(?:^|\/packs\/)(t-[0-9a-f]{32})(?:[/?#]|$)/.exec(pasted.trim());
	return match ? match[1] : null;
}

/** A played version as a pack version string: version 3 is "3.0.0". */
export function packVersion(version: number): string {
	return `${version}.0.0`;
}

/**
 * The pack manifest of a draft's pairs and singles (items in neither stay in the editor),
 * validated as every pack is. Its provenance is the teacher's words; its items keep their drafted
 * ids. A draft without singles makes a manifest without the field, as before singles existed.
 * It names the current draw rule: a version played before keeps the rule its manifest named, and
 * a pack last played on an older rule gets a new version when next played (its content differs).
 */
export function teacherManifest(packId: string, version: number, draft: Draft): PackValidation {
	const played = itemsInRounds(draft);
	const items = draft.items.filter((item) => played.has(item.id));
	const credits = new Map<string, { name: string; role: string; licence: string }>();
	for (const { details } of items) {
		credits.set(`${details.author}\u0000${details.licence}`, {
			name: details.author,
			role: 'media',
			licence: details.licence
		});
	}
	const manifest = {
		formatVersion: PACK_FORMAT_VERSION,
		id: packId,
		version: packVersion(version),
		draw: CURRENT_DRAW_RULE,
		title: draft.title,
		language: draft.language,
		licence: 'each item under its own licence, as listed with it',
		credits: [...credits.values()],
		items: items.map((item) => ({
			id: item.id,
			kind: item.kind,
			media: item.media,
			truth: item.details.truth,
			alt: item.details.alt,
			...(item.kind !== 'image' && item.details.transcript
				? { transcript: item.details.transcript }
				: {}),
			provenance: {
				source: item.details.source,
				author: item.details.author,
				licence: item.details.licence,
				digitalSourceType: digitalSourceType(item.details.madeWith),
				...(item.details.tool ? { method: item.details.tool } : {})
			},
			...(item.details.truth === 'synthetic' ? { tells: item.tells } : {})
		})),
		pairs: draft.pairs.map((pair) => ({
			id: pair.id,
			items: [pair.real, pair.synthetic],
			tier: pair.tier,
			topic: pair.topic,
			independent: false
		})),
		...(draft.singles.length > 0 ? { singles: draft.singles } : {})
	};
	return validatePack(manifest, `teacher pack ${packId}`);
}

/** How far one arrow key press moves or resizes a box (a fraction of the picture). */
export const BOX_STEP = 0.01;
/** The smallest box side, so a box can always be seen and grabbed. */
export const MIN_BOX = 0.02;

export type Box = { x: number; y: number; w: number; h: number };

/** Where a new tell's box starts, in the middle of the picture, for the teacher to move. */
export const NEW_TELL_BOX: Box = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * A box after an arrow key: moved by `step`, or resized from its bottom-right corner with
 * `resize`; it always stays inside the picture and at least MIN_BOX wide and high.
 */
export function nudgeBox(
	box: Box,
	key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
	resize: boolean,
	step = BOX_STEP
): Box {
	const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
	const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
	if (resize) {
		const w = clamp(box.w + dx, MIN_BOX, 1 - box.x);
		const h = clamp(box.h + dy, MIN_BOX, 1 - box.y);
		return roundBox({ ...box, w, h });
	}
	return roundBox({
		...box,
		x: clamp(box.x + dx, 0, 1 - box.w),
		y: clamp(box.y + dy, 0, 1 - box.h)
	});
}

/** A box from two corners a pointer dragged between, inside the picture. */
export function boxBetween(a: [number, number], b: [number, number]): Box {
	const [x1, y1] = [clamp(Math.min(a[0], b[0]), 0, 1), clamp(Math.min(a[1], b[1]), 0, 1)];
	const [x2, y2] = [clamp(Math.max(a[0], b[0]), 0, 1), clamp(Math.max(a[1], b[1]), 0, 1)];
	const w = Math.max(MIN_BOX, x2 - x1);
	const h = Math.max(MIN_BOX, y2 - y1);
	return roundBox({ x: Math.min(x1, 1 - w), y: Math.min(y1, 1 - h), w, h });
}

/** Four decimals, as the default pack writes its regions: steps add up without drift. */
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

function roundBox(box: Box): Box {
	return { x: round4(box.x), y: round4(box.y), w: round4(box.w), h: round4(box.h) };
}

export type OutlinePoint = [number, number];

/** The area an outline encloses, as a fraction of the picture (the shoelace formula). */
export function outlineArea(points: readonly (readonly [number, number])[]): number {
	let twice = 0;
	for (const [index, [x1, y1]] of points.entries()) {
		const [x2, y2] = points[(index + 1) % points.length];
		twice += x1 * y2 - x2 * y1;
	}
	return Math.abs(twice) / 2;
}

/** The outline an editor starts from: the corners of the box drawn so far, clockwise. */
export function outlineOfBox(box: Box): OutlinePoint[] {
	const right = round4(box.x + box.w);
	const bottom = round4(box.y + box.h);
	return [
		[box.x, box.y],
		[right, box.y],
		[right, bottom],
		[box.x, bottom]
	];
}

/** A point of an outline after an arrow key: moved by `step`, inside the picture. */
export function nudgePoint(
	[x, y]: OutlinePoint,
	key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
	step = BOX_STEP
): OutlinePoint {
	const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
	const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
	return [round4(clamp(x + dx, 0, 1)), round4(clamp(y + dy, 0, 1))];
}

/** A point a pointer placed, inside the picture and rounded as every region is. */
export function outlinePointAt(x: number, y: number): OutlinePoint {
	return [round4(clamp(x, 0, 1)), round4(clamp(y, 0, 1))];
}

/**
 * The outline with one corner more, halfway along the side after corner `after` (the side back
 * to the first corner for the last): how the keyboard adds a corner where one is missing.
 * Returns the outline unchanged when it has OUTLINE_MAX_POINTS already.
 */
export function addOutlinePoint(points: OutlinePoint[], after: number): OutlinePoint[] {
	if (points.length >= OUTLINE_MAX_POINTS) return points;
	const [x1, y1] = points[after];
	const [x2, y2] = points[(after + 1) % points.length];
	const middle = outlinePointAt((x1 + x2) / 2, (y1 + y2) / 2);
	return [...points.slice(0, after + 1), middle, ...points.slice(after + 1)];
}

/** The outline as a form field carries it: "x,y x,y ...", as SVG writes a polygon's points. */
export function outlineField(points: readonly (readonly [number, number])[]): string {
	return points.map(([x, y]) => `${x},${y}`).join(' ');
}

/** The points of an outline form field, or undefined when it is not one (the schema then says). */
export function pointsOfField(field: string): OutlinePoint[] | undefined {
	const pairs = field.trim().split(/\s+/);
	const points = pairs.map((pair) => pair.split(',').map(Number));
	if (points.some((point) => point.length !== 2 || point.some((n) => !Number.isFinite(n)))) {
		return undefined;
	}
	return points as OutlinePoint[];
}

/** A way the fake of a pair stands out from its real partner at a glance. */
export type LookWarning =
	| 'sharper'
	| 'softer'
	| 'noisier'
	| 'cleaner'
	| 'brighter'
	| 'darker'
	| 'more-contrast'
	| 'less-contrast'
	| 'more-colourful'
	| 'less-colourful';

/**
 * Differences big enough to see side by side: half as sharp (or as grainy, as contrasty, as
 * colourful) again, and 20 grey levels of 255. The default pack's matched fakes are within about
 * 10% of their real partners by each.
 */
const LOOK_RATIO = 1.5;
const BRIGHTNESS_LEVELS = 20;

/**
 * How the fake of a pair stands out from the real one by its look alone, if it does: a picture's
 * look, or a video's averaged over its frames. Contrast and noise are compared when both have
 * them.
 */
export function lookWarnings(real: Look, fake: Look): LookWarning[] {
	const warnings: LookWarning[] = [];
	const ratio = (a: number, b: number) => (a + 1) / (b + 1);
	const compare = (
		fakeValue: number | undefined,
		realValue: number | undefined,
		more: LookWarning,
		less: LookWarning
	) => {
		if (fakeValue === undefined || realValue === undefined) return;
		if (ratio(fakeValue, realValue) >= LOOK_RATIO) warnings.push(more);
		else if (ratio(realValue, fakeValue) >= LOOK_RATIO) warnings.push(less);
	};
	compare(fake.sharpness, real.sharpness, 'sharper', 'softer');
	compare(fake.noise, real.noise, 'noisier', 'cleaner');
	if (fake.brightness - real.brightness >= BRIGHTNESS_LEVELS) warnings.push('brighter');
	else if (real.brightness - fake.brightness >= BRIGHTNESS_LEVELS) warnings.push('darker');
	compare(fake.contrast, real.contrast, 'more-contrast', 'less-contrast');
	compare(fake.colourfulness, real.colourfulness, 'more-colourful', 'less-colourful');
	return warnings;
}

/** A way the fake of a voice or video pair stands out from its real partner by its length alone. */
export type LengthWarning = 'longer' | 'shorter';

/**
 * Half as long again: the default pack's voice pairs are within a few tenths of a second of each
 * other, and a player who hears one side run on for much longer learns that before any tell.
 */
const LENGTH_RATIO = 1.5;

/** How the fake of a voice or video pair stands out from the real one by its duration, if it does. */
export function lengthWarnings(realSeconds: number, fakeSeconds: number): LengthWarning[] {
	if (fakeSeconds >= realSeconds * LENGTH_RATIO) return ['longer'];
	if (realSeconds >= fakeSeconds * LENGTH_RATIO) return ['shorter'];
	return [];
}

/** A way the fake of a video pair differs from its real partner before anyone looks closely. */
export type VideoWarning = 'different-size' | 'sound-differs';

/**
 * How the two videos of a pair differ in what players notice first: their size on the screen
 * (both are served fitted into one box, so only a different shape makes them differ) and whether
 * one has sound and the other none.
 */
export function videoWarnings(
	real: { media: Array<Pick<Rendition, 'width' | 'height'>>; sound?: boolean },
	fake: { media: Array<Pick<Rendition, 'width' | 'height'>>; sound?: boolean }
): VideoWarning[] {
	const warnings: VideoWarning[] = [];
	const [a, b] = [real.media[0], fake.media[0]];
	if (a.width !== b.width || a.height !== b.height) warnings.push('different-size');
	if (!!real.sound !== !!fake.sound) warnings.push('sound-differs');
	return warnings;
}

/** Any way the fake of a pair gives itself away without a tell. */
export type PairWarning = LookWarning | LengthWarning | VoiceWarning | VideoWarning;

/**
 * How the fake of a pair gives itself away without a tell, as the editor and the command line
 * warn: a picture's look; a voice's length and sound; a video's length, size, sound and look
 * (once measured: a video imported from a zip has none until the editor's browser measures it).
 */
export function pairWarnings(real: DraftItem, fake: DraftItem): PairWarning[] {
	const looks = real.look && fake.look ? lookWarnings(real.look, fake.look) : [];
	if (real.kind === 'image') return looks;
	const lengths = lengthWarnings(itemSeconds(real), itemSeconds(fake));
	if (real.kind === 'audio') {
		return [
			...lengths,
			...(real.voiceLook && fake.voiceLook ? voiceWarnings(real.voiceLook, fake.voiceLook) : [])
		];
	}
	return [...lengths, ...videoWarnings(real, fake), ...looks];
}
