/**
 * A pack imported from a zip becomes a teacher pack's draft: each paired item with its truth and
 * provenance in the editor's words, its tells, and its pairs. The manifest has passed
 * validatePack already; what is checked here is what the editor needs beyond a valid pack (its
 * field lengths, box tells, the topics a teacher pack has), each problem naming the manifest
 * path it is about, as validatePack's do. The media are not read here: the server decodes and
 * re-encodes each one as it does an upload.
 */
import type { Pack, Rendition } from './schema';
import {
	MADE_WITH,
	MADE_WITH_CHOICES,
	TEACHER_TOPICS,
	TITLE_MAX,
	boxTellSchema,
	itemDetailsSchema,
	tellRefusal,
	type BoxTell,
	type DraftItem,
	type DraftPair,
	type ItemDetails,
	type MadeWith,
	type TellRefusal
} from './teacher';
import { IPTC_PREFIX } from './format';

export interface ImportedItem {
	/** The item's id in the manifest, which its pairs name. */
	key: string;
	kind: DraftItem['kind'];
	details: ItemDetails;
	/** The rendition whose file is decoded again: the largest. */
	source: Rendition;
	tells: BoxTell[];
}

export interface ImportPlan {
	title: string;
	language: string;
	items: ImportedItem[];
	pairs: Array<Pick<DraftPair, 'tier' | 'topic'> & { real: string; synthetic: string }>;
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
	tool: 'provenance.method'
};

/**
 * The editor's "made with" choice for an IPTC digital source type: the choice that means it,
 * else the plainest one of the item's truth (a camera for a capture, a generator for a fake).
 */
export function madeWithFor(digitalSourceType: string, truth: 'real' | 'synthetic'): MadeWith {
	const term = digitalSourceType.slice(IPTC_PREFIX.length);
	const exact = MADE_WITH_CHOICES.find((choice) => MADE_WITH[choice].sourceType === term);
	if (exact && MADE_WITH[exact].truth === truth) return exact;
	return truth === 'real' ? 'camera' : 'generator';
}

/** Why the editor would refuse a tell, as a problem at the tell's path. */
const TELL_PROBLEMS: Record<TellRefusal, (at: string) => ImportProblem> = {
	'missing-item': (at) => ({ path: at, message: 'belongs to no item' }),
	'real-item': (at) => ({ path: at, message: 'is on a real item: only fakes have tells' }),
	category: (at) => ({ path: `${at}.category`, message: 'is not a tell of pictures' }),
	'box-outside': (at) => ({ path: `${at}.region`, message: 'must lie inside the picture' })
};

const largest = (media: Rendition[]) =>
	media.reduce((best, next) =>
		(next.width ?? 0) * (next.height ?? 0) > (best.width ?? 0) * (best.height ?? 0) ? next : best
	);

/** The draft a valid pack makes, or every problem that stops the editor taking it. */
export function importPlan(
	pack: Pack
): { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	if (pack.title.trim().length > TITLE_MAX) {
		problems.push({ path: 'title', message: `must be at most ${TITLE_MAX} characters` });
	}
	const paired = new Set(pack.pairs.flatMap((pair) => pair.items));
	const items: ImportedItem[] = [];
	for (const [index, item] of pack.items.entries()) {
		if (!paired.has(item.id)) continue;
		const at = `items[${index}]`;
		if (item.kind !== 'image') {
			problems.push({ path: `${at}.kind`, message: 'must be image: the editor takes pictures' });
			continue;
		}
		const details = itemDetailsSchema.safeParse({
			truth: item.truth,
			alt: item.alt,
			source: item.provenance.source,
			author: item.provenance.author,
			licence: item.provenance.licence,
			madeWith: madeWithFor(item.provenance.digitalSourceType, item.truth),
			tool: item.provenance.method
		});
		for (const issue of details.error?.issues ?? []) {
			const field = DETAIL_PATHS[issue.path[0] as keyof ItemDetails];
			const message =
				issue.message === 'tool-required' ? 'is required for a synthetic item' : issue.message;
			problems.push({ path: `${at}.${field}`, message });
		}
		const tells: BoxTell[] = [];
		for (const [tellIndex, tell] of (item.tells ?? []).entries()) {
			const tellAt = `${at}.tells[${tellIndex}]`;
			const box = boxTellSchema.safeParse(tell);
			if (!box.success) {
				const issue = box.error.issues[0];
				problems.push(
					issue.path[0] === 'region'
						? {
								path: `${tellAt}.region`,
								message: 'must be a box: the editor marks pictures with boxes'
							}
						: { path: [tellAt, ...issue.path].join('.'), message: issue.message }
				);
				continue;
			}
			const draftItem = { kind: item.kind, details: { truth: item.truth } } as DraftItem;
			const refusal = tellRefusal(draftItem, box.data);
			if (refusal) {
				problems.push(TELL_PROBLEMS[refusal](tellAt));
				continue;
			}
			tells.push(box.data);
		}
		if (!details.success) continue;
		items.push({
			key: item.id,
			kind: item.kind,
			details: details.data,
			source: largest(item.media),
			tells
		});
	}
	const pairs: ImportPlan['pairs'] = [];
	for (const [index, pair] of pack.pairs.entries()) {
		const topic = TEACHER_TOPICS.find((known) => known === pair.topic);
		if (!topic) {
			problems.push({
				path: `pairs[${index}].topic`,
				message: `must be ${TEACHER_TOPICS.join(' or ')}: the editor makes pairs of pictures`
			});
			continue;
		}
		const truthOf = (id: string) => pack.items.find((item) => item.id === id)?.truth;
		const [a, b] = pair.items;
		const [real, synthetic] = truthOf(a) === 'real' ? [a, b] : [b, a];
		pairs.push({ real, synthetic, tier: pair.tier, topic });
	}
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, plan: { title: pack.title, language: pack.language, items, pairs } };
}
