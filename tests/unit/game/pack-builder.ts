// Builds valid packs in code for the game tests, sized and shaped as each test needs.
import type { Item, Pack, Pair, Single, Tell, Tier } from '$lib/game/pack/schema';
import type { MediaKind, TellCategory } from '$lib/game/pack/taxonomy';

export interface PairSpec {
	kind?: MediaKind;
	tier?: Tier;
	category?: TellCategory;
	prompt?: string;
}

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const TOPIC = { image: 'face', audio: 'voice', video: 'video' } as const;
const DEFAULT_CATEGORY = { image: 'blend-seam', audio: 'splice-jump', video: 'lip-sync' } as const;

function hex(n: number): string {
	return n.toString(16).padStart(10, '0');
}

function media(kind: MediaKind, n: number): Item['media'] {
	if (kind === 'image') {
		return [{ src: `media/${hex(n)}.webp`, type: 'image/webp', width: 640, height: 480 }];
	}
	if (kind === 'audio') {
		return [{ src: `media/${hex(n)}.opus`, type: 'audio/ogg; codecs=opus', duration: 3 }];
	}
	return [{ src: `media/${hex(n)}.mp4`, type: 'video/mp4', width: 320, height: 240, duration: 4 }];
}

function tell(kind: MediaKind, category: TellCategory): Tell {
	const region: Tell['region'] =
		kind === 'image'
			? { type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2 }
			: { type: 'time', start: 0.5, end: 1 };
	return { category, region, explanation: `A ${category} tell.` };
}

/** A valid pack with one pair per spec (ids p000, p001, ...; items i000r / i000s). */
export function buildPack(specs: readonly PairSpec[], id = 'test'): Pack {
	const items: Item[] = [];
	const pairs: Pair[] = [];
	specs.forEach((spec, index) => {
		const kind = spec.kind ?? 'image';
		const n = String(index).padStart(3, '0');
		const real: Item = {
			id: `i${n}r`,
			kind,
			media: media(kind, 2 * index),
			truth: 'real',
			provenance: {
				source: `source ${n} real`,
				author: 'Tester',
				licence: 'CC0-1.0',
				digitalSourceType: IPTC + 'digitalCapture'
			}
		};
		const synthetic: Item = {
			id: `i${n}s`,
			kind,
			media: media(kind, 2 * index + 1),
			truth: 'synthetic',
			provenance: {
				source: `source ${n} fake`,
				author: 'Tester',
				licence: 'CC0-1.0',
				digitalSourceType: IPTC + 'compositeSynthetic',
				method: `method ${n}`
			},
			tells: [tell(kind, spec.category ?? DEFAULT_CATEGORY[kind])]
		};
		items.push(real, synthetic);
		const pair: Pair = {
			id: `p${n}`,
			items: index % 2 === 0 ? [real.id, synthetic.id] : [synthetic.id, real.id],
			tier: spec.tier ?? (((index % 3) + 1) as Tier),
			topic: TOPIC[kind],
			independent: true
		};
		if (spec.prompt) pair.prompt = spec.prompt;
		pairs.push(pair);
	});
	return {
		formatVersion: 1,
		id,
		version: '1.0.0',
		title: 'Test pack',
		language: 'en',
		licence: 'CC0-1.0',
		credits: [{ name: 'Tester', role: 'everything', licence: 'CC0-1.0' }],
		items,
		pairs
	};
}

/** `n` pairs of one kind, tiers cycling 1, 2, 3. */
export function packOf(n: number, kind: MediaKind = 'image'): Pack {
	return buildPack(Array.from({ length: n }, () => ({ kind })));
}

/**
 * The pack with one more item played on its own ("real or fake?"): single `s<n>` of item
 * `i<n>x`, synthetic ones with a tell.
 */
export function withSingle(
	pack: Pack,
	n: string,
	truth: 'real' | 'synthetic',
	{ kind = 'image', tier = 1 }: { kind?: MediaKind; tier?: Tier } = {}
): Pack {
	const item: Item = {
		id: `i${n}x`,
		kind,
		media: media(kind, 1000 + pack.items.length),
		truth,
		provenance: {
			source: `source ${n} single`,
			author: 'Tester',
			licence: 'CC0-1.0',
			digitalSourceType: IPTC + (truth === 'real' ? 'digitalCapture' : 'trainedAlgorithmicMedia'),
			...(truth === 'synthetic' ? { method: `method ${n}` } : {})
		},
		...(truth === 'synthetic' ? { tells: [tell(kind, DEFAULT_CATEGORY[kind])] } : {})
	};
	const single: Single = { id: `s${n}`, item: item.id, tier, topic: TOPIC[kind] };
	return { ...pack, items: [...pack.items, item], singles: [...(pack.singles ?? []), single] };
}
