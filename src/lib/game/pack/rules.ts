/**
 * Pack rules that span fields or entries (ids, pairs, tells against kinds, regions against
 * durations). They read the raw JSON defensively, so they still report when the schema has
 * failed elsewhere: validatePack gives every problem at once.
 */
import {
	CAPTURE_SOURCE_TYPES,
	IPTC_PREFIX,
	MEDIA_TYPES,
	SYNTHETIC_SOURCE_TYPES,
	TOPIC_KIND,
	mediaBaseType,
	type PairTopic
} from './format';
import { withArticle } from '../issues';
import { MEDIA_KINDS, categoryFitsKind, isTellCategory, type MediaKind } from './taxonomy';

// How far (seconds) a time region may run past the media's end, for rounding in the recipe.
const DURATION_SLACK = 0.05;
// Floating-point slack for boxes that touch the right or bottom edge.
const EDGE_SLACK = 1e-9;

export type PathSegment = PropertyKey;

export type Report = (path: PathSegment[], message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function isKind(value: unknown): value is MediaKind {
	return typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value);
}

/** Reports every cross-rule broken in a raw manifest. */
export function checkPackRules(json: unknown, report: Report): void {
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
	checkSingles(json, pairIds, byId, report);
	if (Array.isArray(json.pairs) && json.pairs.length === 0 && list(json.singles).length === 0) {
		report(['pairs'], 'must have at least one pair (or a single in singles)');
	}
	checkPracticeItemsStayPublic(list(json.pairs), report);
	checkPracticeSourcesStayApart(list(json.pairs), report);
}

/**
 * Singles: each id unique among pairs and singles (a round names either by it), each item one the
 * pack has, in no pair and no other single (a run never shows an item twice), of the topic's kind.
 */
function checkSingles(
	json: Record<string, unknown>,
	pairIds: Map<string, number>,
	byId: Map<string, { index: number; item: Record<string, unknown> }>,
	report: Report
): void {
	const paired = new Map<string, number>();
	list(json.pairs).forEach((pair, index) => {
		if (!isRecord(pair)) return;
		for (const id of list(pair.items)) if (typeof id === 'string') paired.set(id, index);
	});
	const singleIds = new Map<string, number>();
	const singleItems = new Map<string, number>();
	list(json.singles).forEach((single, index) => {
		if (!isRecord(single)) return;
		const at = ['singles', index];
		if (typeof single.id === 'string') {
			const pair = pairIds.get(single.id);
			const first = singleIds.get(single.id);
			if (pair !== undefined) {
				report([...at, 'id'], `duplicate id ${JSON.stringify(single.id)} (also pairs[${pair}])`);
			} else if (first !== undefined) {
				report([...at, 'id'], `duplicate id ${JSON.stringify(single.id)} (also singles[${first}])`);
			} else {
				singleIds.set(single.id, index);
			}
		}
		if (typeof single.item !== 'string') return;
		const found = byId.get(single.item);
		if (!found) {
			report([...at, 'item'], `no item has id ${JSON.stringify(single.item)}`);
			return;
		}
		const pair = paired.get(single.item);
		const other = singleItems.get(single.item);
		if (pair !== undefined) {
			report([...at, 'item'], `item ${JSON.stringify(single.item)} is also in pairs[${pair}]`);
		} else if (other !== undefined) {
			report([...at, 'item'], `item ${JSON.stringify(single.item)} is also in singles[${other}]`);
		} else {
			singleItems.set(single.item, index);
		}
		const kind = found.item.kind;
		if (isKind(kind) && typeof single.topic === 'string' && single.topic in TOPIC_KIND) {
			const expected = TOPIC_KIND[single.topic as PairTopic];
			if (expected !== kind) {
				report(
					[...at, 'topic'],
					`"${single.topic}" is for ${expected} items, but the item is ${kind}`
				);
			}
		}
	});
}

/**
 * A practice pair (public answer) must not be made from a source that an online pair is made from
 * too: the same photo or recording in both would let a player carry an answer across.
 */
function checkPracticeSourcesStayApart(pairs: unknown[], report: Report): void {
	const online = new Map<string, number>();
	pairs.forEach((pair, index) => {
		if (!isRecord(pair) || pair.practice === true) return;
		for (const source of list(pair.sources)) {
			if (typeof source === 'string' && !online.has(source)) online.set(source, index);
		}
	});
	pairs.forEach((pair, index) => {
		if (!isRecord(pair) || pair.practice !== true) return;
		list(pair.sources).forEach((source, slot) => {
			const other = typeof source === 'string' ? online.get(source) : undefined;
			if (other === undefined) return;
			report(
				['pairs', index, 'sources', slot],
				`source ${JSON.stringify(source)} of this practice pair is also a source of pairs[${other}], which is played online: a practice pair's answer is public`
			);
		});
	});
}

/** An item of a practice pair (public answer) must not also stand in a pair played online. */
function checkPracticeItemsStayPublic(pairs: unknown[], report: Report): void {
	const online = new Map<string, number>();
	pairs.forEach((pair, index) => {
		if (!isRecord(pair) || pair.practice === true) return;
		for (const id of list(pair.items)) if (typeof id === 'string') online.set(id, index);
	});
	pairs.forEach((pair, index) => {
		if (!isRecord(pair) || pair.practice !== true) return;
		list(pair.items).forEach((id, slot) => {
			const other = typeof id === 'string' ? online.get(id) : undefined;
			if (other === undefined) return;
			report(
				['pairs', index, 'items', slot],
				`item ${JSON.stringify(id)} of this practice pair is also in pairs[${other}], which is played online: a practice pair's answer is public`
			);
		});
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
		['translation', 'a translation'],
		['alt', 'an alt text']
	] as const) {
		if ((a[field] === undefined) !== (b[field] === undefined)) {
			report(
				[...at, 'items'],
				`either both items or neither must have ${name}, or its presence gives the answer away`
			);
		}
	}
	if (a.language !== b.language) {
		report(
			[...at, 'items'],
			`both items must be in the same language (found ${String(a.language ?? 'the pack language')} and ${String(b.language ?? 'the pack language')}), or the language gives the answer away`
		);
	}
}
