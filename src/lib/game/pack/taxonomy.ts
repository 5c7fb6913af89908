/**
 * The fixed tell taxonomy: every artifact a pack may point at belongs to exactly one category.
 *
 * | id                | group  | kinds               | what the player looks or listens for                 |
 * | ----------------- | ------ | ------------------- | ---------------------------------------------------- |
 * | blend-seam        | face   | image, video        | an edge where a pasted face or patch meets the rest  |
 * | skin-texture      | face   | image, video        | skin too smooth, waxy or blotchy for the rest        |
 * | lighting-mismatch | scene  | image, video        | light or colour that does not match the scene        |
 * | eyes              | face   | image, video        | odd pupils, reflections or gaze                      |
 * | teeth-mouth       | face   | image, video        | teeth that blur together, a mouth that warps         |
 * | hair-edges        | face   | image, video        | hair or outlines that smear into the background      |
 * | accessories       | face   | image, video        | glasses, earrings or collars that do not match       |
 * | warped-geometry   | scene  | image, video        | straight lines that bend, shapes that melt           |
 * | background        | scene  | image, video        | a background that blurs, repeats or makes no sense   |
 * | text-symbols      | scene  | image, video        | letters, signs or logos that are garbled             |
 * | cloned-region     | scene  | image, video        | the same patch copied to another place (copy-move)   |
 * | smudged-fill      | scene  | image, video        | a smeared area where something was removed (inpaint) |
 * | flat-intonation   | voice  | audio, video        | a voice without the rise and fall of real speech     |
 * | buzzy-timbre      | voice  | audio, video        | a buzzy, metallic or robotic sound                   |
 * | missing-breaths   | voice  | audio, video        | long speech with no breath between phrases           |
 * | splice-jump       | voice  | audio, video        | a sudden jump in pitch, level or room sound          |
 * | unnatural-rhythm  | voice  | audio, video        | pauses and pace that no speaker would use            |
 * | mispronunciation  | voice  | audio, video        | a word said wrongly or with odd stress               |
 * | lip-sync          | motion | video               | lips that do not match the sound                     |
 * | flicker           | motion | video               | a face or area that flickers from frame to frame     |
 * | frozen-region     | motion | video               | part of the picture that stays still while all moves |
 *
 * Image categories also apply to video (a time range plus a box); voice categories also apply to
 * video, because a video's sound track can be synthetic too. The player-facing names and one-line
 * descriptions are translated in messages/<locale>.json as `tell_<id with _>_name` / `_desc`.
 *
 * The order of TELL_CATEGORIES is part of the share code format (focus categories are a bit mask
 * over it): only ever append to it.
 */

/** The media kinds an item can be. */
export const MEDIA_KINDS = ['image', 'audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Tell category ids, in their fixed (append-only) order. */
export const TELL_CATEGORIES = [
	'blend-seam',
	'skin-texture',
	'lighting-mismatch',
	'eyes',
	'teeth-mouth',
	'hair-edges',
	'accessories',
	'warped-geometry',
	'background',
	'text-symbols',
	'cloned-region',
	'smudged-fill',
	'flat-intonation',
	'buzzy-timbre',
	'missing-breaths',
	'splice-jump',
	'unnatural-rhythm',
	'mispronunciation',
	'lip-sync',
	'flicker',
	'frozen-region'
] as const;
export type TellCategory = (typeof TELL_CATEGORIES)[number];

/** What part of the media a category is about, for grouping in the learn gallery and results. */
export type TellGroup = 'face' | 'scene' | 'voice' | 'motion';

export interface TellCategoryInfo {
	id: TellCategory;
	group: TellGroup;
	kinds: readonly MediaKind[];
}

const PICTURE: readonly MediaKind[] = ['image', 'video'];
const SOUND: readonly MediaKind[] = ['audio', 'video'];
const MOTION: readonly MediaKind[] = ['video'];

const GROUPS: Record<TellCategory, TellGroup> = {
	'blend-seam': 'face',
	'skin-texture': 'face',
	'lighting-mismatch': 'scene',
	eyes: 'face',
	'teeth-mouth': 'face',
	'hair-edges': 'face',
	accessories: 'face',
	'warped-geometry': 'scene',
	background: 'scene',
	'text-symbols': 'scene',
	'cloned-region': 'scene',
	'smudged-fill': 'scene',
	'flat-intonation': 'voice',
	'buzzy-timbre': 'voice',
	'missing-breaths': 'voice',
	'splice-jump': 'voice',
	'unnatural-rhythm': 'voice',
	mispronunciation: 'voice',
	'lip-sync': 'motion',
	flicker: 'motion',
	'frozen-region': 'motion'
};

const KINDS_BY_GROUP: Record<TellGroup, readonly MediaKind[]> = {
	face: PICTURE,
	scene: PICTURE,
	voice: SOUND,
	motion: MOTION
};

/** Every category with its group and the media kinds it applies to, in taxonomy order. */
export const TAXONOMY: readonly TellCategoryInfo[] = TELL_CATEGORIES.map((id) => ({
	id,
	group: GROUPS[id],
	kinds: KINDS_BY_GROUP[GROUPS[id]]
}));

/** True when `value` is one of the fixed category ids. */
export function isTellCategory(value: unknown): value is TellCategory {
	return typeof value === 'string' && (TELL_CATEGORIES as readonly string[]).includes(value);
}

/** The categories a tell on an item of this kind may use. */
export function categoriesForKind(kind: MediaKind): TellCategory[] {
	return TAXONOMY.filter((info) => info.kinds.includes(kind)).map((info) => info.id);
}

/** True when a tell of `category` makes sense on an item of `kind`. */
export function categoryFitsKind(category: TellCategory, kind: MediaKind): boolean {
	return KINDS_BY_GROUP[GROUPS[category]].includes(kind);
}

/** The group a category belongs to. */
export function tellGroup(category: TellCategory): TellGroup {
	return GROUPS[category];
}
