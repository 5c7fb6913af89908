import { defaultPack } from '$lib/server/packs/store';
import { aboutContact, runTtlDays, sessionTtlDays } from '$lib/server/config';
import type { Pack, PairTopic } from '$lib/game/pack/schema';
import { packText, type PackText } from '$lib/game/pack/text';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

const IPTC_PREFIX = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

/** One way of making fakes, as the pack records it, with how many items and which tiers. */
interface MethodSummary {
	method: PackText;
	count: number;
	tiers: number[];
}

/** The fakes of one pair topic, grouped by IPTC digital source type (the term without its URI). */
interface TopicSummary {
	topic: PairTopic;
	pairs: number;
	groups: Array<{ sourceType: string; methods: MethodSummary[] }>;
}

/** Who the real items come from. */
interface SourceSummary {
	author: string;
	licence: string;
	origin: string;
	count: number;
}

/**
 * Everything the About page says about the pack, read from its manifest, its words in `locale`:
 * it only ever names methods and sources in aggregate, never which item is which.
 */
function summarise(pack: Pack, locale: string) {
	const text = (source: string) => packText(pack, locale, source);
	const topicOf = new Map<string, { topic: PairTopic; tier: number }>();
	for (const pair of pack.pairs) {
		for (const id of pair.items) topicOf.set(id, { topic: pair.topic, tier: pair.tier });
	}
	const topics = new Map<PairTopic, TopicSummary>();
	for (const pair of pack.pairs) {
		const summary = topics.get(pair.topic) ?? { topic: pair.topic, pairs: 0, groups: [] };
		summary.pairs++;
		topics.set(pair.topic, summary);
	}
	const sources = new Map<string, SourceSummary>();
	for (const item of pack.items) {
		const place = topicOf.get(item.id);
		if (!place) continue;
		const sourceType = item.provenance.digitalSourceType.replace(IPTC_PREFIX, '');
		if (item.truth === 'real') {
			const origin = originOf(item.provenance.source);
			const key = [item.provenance.author, item.provenance.licence, origin].join('\u0000');
			const entry = sources.get(key) ?? {
				author: item.provenance.author,
				licence: item.provenance.licence,
				origin,
				count: 0
			};
			entry.count++;
			sources.set(key, entry);
			continue;
		}
		const topic = topics.get(place.topic);
		if (!topic) continue;
		let group = topic.groups.find((candidate) => candidate.sourceType === sourceType);
		if (!group) {
			group = { sourceType, methods: [] };
			topic.groups.push(group);
		}
		const method = item.provenance.method ?? '';
		let entry = group.methods.find((candidate) => candidate.method.text === text(method).text);
		if (!entry) {
			entry = { method: text(method), count: 0, tiers: [] };
			group.methods.push(entry);
		}
		entry.count++;
		if (!entry.tiers.includes(place.tier)) entry.tiers.push(place.tier);
		entry.tiers.sort();
	}
	// Easiest first, so the list reads as the tiers do.
	for (const topic of topics.values()) {
		for (const group of topic.groups) group.methods.sort((a, b) => a.tiers[0] - b.tiers[0]);
	}
	const order: PairTopic[] = ['face', 'scene', 'voice', 'video'];
	return {
		title: text(pack.title).text,
		version: pack.version,
		licence: text(pack.licence).text,
		credits: pack.credits.map((credit) => ({ ...credit, role: text(credit.role) })),
		topics: order.flatMap((topic) => {
			const summary = topics.get(topic);
			return summary ? [summary] : [];
		}),
		sources: [...sources.values()].sort((a, b) => b.count - a.count)
	};
}

/** "Debian package kphotoalbum 5.x, /usr/share/…/img_0012.jpg" -> "Debian package kphotoalbum 5.x". */
function originOf(source: string): string {
	return source.split(',')[0].trim();
}

/** The default pack, or undefined when no pack loaded (the start-up log says why). */
function packOrNothing(): Pack | undefined {
	try {
		return defaultPack();
	} catch {
		return undefined;
	}
}

// Credits and sources are text and links: no JavaScript needed.
export const csr = false;

export const load: PageServerLoad = () => {
	const pack = packOrNothing();
	const contact = aboutContact();
	return {
		pack: pack ? summarise(pack, getLocale()) : null,
		contact,
		contactIsEmail: contact !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact),
		sessionDays: sessionTtlDays(),
		runDays: runTtlDays()
	};
};
