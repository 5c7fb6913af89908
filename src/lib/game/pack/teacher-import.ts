/**
 * A pack imported from a zip becomes a teacher pack's draft: each item of a pair or a single with
 * its truth and provenance in the editor's words, its tells, its pairs and its singles. The manifest has passed
 * validatePack already; what is checked here is what the editor needs beyond a valid pack (its
 * field lengths, pictures, voices and videos only, box tells on pictures and time ranges on
 * voices and videos, a voice's transcript, the topics a teacher pack has), each problem naming
 * the manifest
 * path it is about, as validatePack's do. The media are not read here: the server decodes and
 * re-encodes each one as it does an upload.
 */
import type { Pack, Rendition } from './schema';
import {
	MADE_WITH,
	MADE_WITH_CHOICES,
	TEACHER_KINDS,
	TEACHER_TOPICS,
	TITLE_MAX,
	boxTellSchema,
	outlineTellSchema,
	itemDetailsSchema,
	tellRefusal,
	timeTellSchema,
	type DraftPair,
	type DraftSingle,
	type ItemDetails,
	type MadeWith,
	type TeacherKind,
	type TeacherTell,
	type TellRefusal
} from './teacher';
import { IPTC_PREFIX } from './format';

export interface ImportedItem {
	/** The item's id in the manifest, which its pair or single names. */
	key: string;
	kind: TeacherKind;
	details: ItemDetails;
	/** The rendition whose file is processed again: the largest. */
	source: Rendition;
	tells: TeacherTell[];
}

export interface ImportPlan {
	title: string;
	language: string;
	items: ImportedItem[];
	pairs: Array<Pick<DraftPair, 'tier' | 'topic'> & { real: string; synthetic: string }>;
	/** Singles by their item's id in the manifest. */
	singles: Array<Pick<DraftSingle, 'item' | 'tier' | 'topic'>>;
}

/** One thing the editor cannot take from a valid manifest: where (JSON path) and what. */
export interface ImportProblem {
	path: string;
	message: string;
}

/** Where each of an item's details comes from in the manifest. */
const DETAIL_PATHS: Record<keyof ItemDetails, string> = {
	truth: 'truth',
	alt: 'alt',
	source: 'provenance.source',
	author: 'provenance.author',
	licence: 'provenance.licence',
	madeWith: 'provenance.digitalSourceType',
	tool: 'provenance.method',
	transcript: 'transcript'
};

/**
 * The editor's "made with" choice for an IPTC digital source type and a kind of item: the choice
 * that means it, else the plainest one of the item's truth and kind (a camera or a recording for
 * a capture, a generator or a voice clone for a fake).
 */
export function madeWithFor(
	digitalSourceType: string,
	truth: 'real' | 'synthetic',
	kind: TeacherKind = 'image'
): MadeWith {
	const term = digitalSourceType.slice(IPTC_PREFIX.length);
	const fits = MADE_WITH_CHOICES.filter((choice) => MADE_WITH[choice].kind === kind);
	const exact = fits.find((choice) => MADE_WITH[choice].sourceType === term);
	if (exact && MADE_WITH[exact].truth === truth) return exact;
	return fits.find((choice) => MADE_WITH[choice].truth === truth)!;
}

/** Why the editor would refuse a tell, as a problem at the tell's path. */
const TELL_PROBLEMS: Record<TellRefusal, (at: string) => ImportProblem> = {
	'missing-item': (at) => ({ path: at, message: 'belongs to no item' }),
	'real-item': (at) => ({ path: at, message: 'is on a real item: only fakes have tells' }),
	category: (at) => ({ path: `${at}.category`, message: 'is not a tell of this kind of item' }),
	'region-kind': (at) => ({
		path: `${at}.region`,
		message: 'must be a box or an outline on a picture, or a time range on a voice or a video'
	}),
	'box-outside': (at) => ({ path: `${at}.region`, message: 'must lie inside the picture' }),
	'outline-too-small': (at) => ({
		path: `${at}.region.points`,
		message: 'must enclose an area a player can see (its corners are in a line)'
	}),
	'time-outside': (at) => ({ path: `${at}.region.end`, message: "must not pass the item's end" }),
	'time-too-short': (at) => ({ path: `${at}.region`, message: 'must last at least 0.1 s' })
};

const isTeacherKind = (kind: string): kind is TeacherKind =>
	(TEACHER_KINDS as readonly string[]).includes(kind);

const largest = (media: Rendition[]) =>
	media.reduce((best, next) =>
		(next.width ?? 0) * (next.height ?? 0) > (best.width ?? 0) * (best.height ?? 0) ? next : best
	);

const teacherTopic = (topic: string) => TEACHER_TOPICS.find((known) => known === topic);

const topicProblem = (path: string): ImportProblem => ({
	path,
	message: `must be ${TEACHER_TOPICS.join(', ')}: the editor makes rounds of pictures, voices and videos`
});

/** The draft a valid pack makes, or every problem that stops the editor taking it. */
export function importPlan(
	pack: Pack
): { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	if (pack.title.trim().length > TITLE_MAX) {
		problems.push({ path: 'title', message: `must be at most ${TITLE_MAX} characters` });
	}
	const played = new Set([
		...pack.pairs.flatMap((pair) => pair.items),
		...(pack.singles ?? []).map((single) => single.item)
	]);
	const items: ImportedItem[] = [];
	for (const [index, item] of pack.items.entries()) {
		if (!played.has(item.id)) continue;
		const at = `items[${index}]`;
		const kind = item.kind;
		if (!isTeacherKind(kind)) {
			problems.push({
				path: `${at}.kind`,
				message: 'must be image, audio or video: the editor takes pictures, voices and videos'
			});
			continue;
		}
		const details = itemDetailsSchema.safeParse({
			truth: item.truth,
			alt: item.alt,
			source: item.provenance.source,
			author: item.provenance.author,
			licence: item.provenance.licence,
			madeWith: madeWithFor(item.provenance.digitalSourceType, item.truth, kind),
			tool: item.provenance.method,
			transcript: kind !== 'image' ? item.transcript : undefined
		});
		if (kind === 'audio' && !item.transcript) {
			problems.push({ path: `${at}.transcript`, message: 'is required for a voice' });
		}
		for (const issue of details.error?.issues ?? []) {
			const field = DETAIL_PATHS[issue.path[0] as keyof ItemDetails];
			const message =
				issue.message === 'tool-required' ? 'is required for a synthetic item' : issue.message;
			problems.push({ path: `${at}.${field}`, message });
		}
		const tells: TeacherTell[] = [];
		for (const [tellIndex, tell] of (item.tells ?? []).entries()) {
			const tellAt = `${at}.tells[${tellIndex}]`;
			// The region first: a pack on disk may have one the editor cannot draw (a box on a
			// voice, a bare box on a video); then the tell's other fields, by the schema of its
			// region.
			const schema =
				tell.region.type === 'time'
					? timeTellSchema
					: tell.region.type === 'polygon'
						? outlineTellSchema
						: boxTellSchema;
			const region = schema.shape.region.safeParse(tell.region);
			const parsed = schema.safeParse(tell);
			if (!region.success || !parsed.success) {
				const issue = parsed.error?.issues[0];
				problems.push(
					!region.success || !issue
						? {
								path: `${tellAt}.region`,
								message:
									'must be a box or a time range: the editor marks pictures with boxes, voices and videos with time ranges'
							}
						: { path: [tellAt, ...issue.path].join('.'), message: issue.message }
				);
				continue;
			}
			const refusal = tellRefusal(
				{ kind, details: { truth: item.truth }, media: item.media },
				parsed.data
			);
			if (refusal) {
				problems.push(TELL_PROBLEMS[refusal](tellAt));
				continue;
			}
			tells.push(parsed.data);
		}
		if (!details.success) continue;
		items.push({
			key: item.id,
			kind,
			details: details.data,
			source: largest(item.media),
			tells
		});
	}
	const pairs: ImportPlan['pairs'] = [];
	for (const [index, pair] of pack.pairs.entries()) {
		const topic = teacherTopic(pair.topic);
		if (!topic) {
			problems.push(topicProblem(`pairs[${index}].topic`));
			continue;
		}
		const truthOf = (id: string) => pack.items.find((item) => item.id === id)?.truth;
		const [a, b] = pair.items;
		const [real, synthetic] = truthOf(a) === 'real' ? [a, b] : [b, a];
		pairs.push({ real, synthetic, tier: pair.tier, topic });
	}
	const singles: ImportPlan['singles'] = [];
	for (const [index, single] of (pack.singles ?? []).entries()) {
		const topic = teacherTopic(single.topic);
		if (!topic) problems.push(topicProblem(`singles[${index}].topic`));
		else singles.push({ item: single.item, tier: single.tier, topic });
	}
	if (problems.length > 0) return { ok: false, problems };
	return {
		ok: true,
		plan: { title: pack.title, language: pack.language, items, pairs, singles }
	};
}
