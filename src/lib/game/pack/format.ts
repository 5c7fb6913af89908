/**
 * The words of the pack format that both the schema (pack.ts) and the cross-rules
 * (pack-rules.ts) use: truths, tiers, topics, media types and IPTC source types.
 */
import type { MediaKind } from './taxonomy';

/** The manifest format this code reads. */
export const PACK_FORMAT_VERSION = 1;

/**
 * The rules by which a run draws its rounds from a pack (play/run.ts buildRun), oldest first. A
 * manifest names its rule in `draw`; without it a pack draws by the first, as every pack did
 * before the field existed. A played pack version must keep its rule: stored runs and share links
 * rebuild their rounds from it. So a new rule gets a new name, and only new pack versions name it.
 */
export const DRAW_RULES = ['first-of-each-kind', 'kind-shares'] as const;
export type DrawRule = (typeof DRAW_RULES)[number];
/** The rule new pack versions name (the recipe's default pack, every new teacher-pack version). */
export const CURRENT_DRAW_RULE: DrawRule = 'kind-shares';

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
export const SYNTHETIC_SOURCE_TYPES = [
	'trainedAlgorithmicMedia',
	'compositeSynthetic',
	'algorithmicMedia',
	'compositeWithTrainedAlgorithmicMedia'
];
/** IPTC digital source types that say the media is an unaltered capture. */
export const CAPTURE_SOURCE_TYPES = ['digitalCapture', 'negativeFilm', 'positiveFilm', 'print'];
/** Every IPTC digital source type URI starts with this. */
export const IPTC_PREFIX = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
