/** A small in-memory pack for the class session tests: image and audio pairs over three tiers. */
import type { Item, Pack, Pair } from '../../../src/lib/game/pack/schema';
import type { TellCategory } from '../../../src/lib/game/pack/taxonomy';

const IMAGE_TELLS: TellCategory[] = ['blend-seam', 'eyes', 'background', 'skin-texture'];
const AUDIO_TELLS: TellCategory[] = ['flat-intonation', 'missing-breaths'];

function hex(n: number): string {
	return n.toString(16).padStart(8, '0');
}

/** `images` image pairs and `audio` audio pairs; tiers cycle 1, 2, 3. */
export function classPack({ images = 12, audio = 4 } = {}): Pack {
	const items: Item[] = [];
	const pairs: Pair[] = [];
	let serial = 0;
	const add = (kind: 'image' | 'audio', index: number, tells: TellCategory[]) => {
		const real = `r${kind[0]}${index}`;
		const fake = `s${kind[0]}${index}`;
		const media = () =>
			kind === 'image'
				? [{ src: `media/${hex(++serial)}.webp`, type: 'image/webp', width: 640, height: 480 }]
				: [{ src: `media/${hex(++serial)}.opus`, type: 'audio/ogg; codecs=opus', duration: 3 }];
		const provenance = {
			source: 'test',
			author: 'test',
			licence: 'CC0-1.0',
			digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture'
		};
		items.push({ id: real, kind, media: media(), truth: 'real', provenance });
		const category = tells[index % tells.length];
		items.push({
			id: fake,
			kind,
			media: media(),
			truth: 'synthetic',
			provenance: {
				...provenance,
				digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
				method: 'test'
			},
			tells: [
				{
					category,
					region:
						kind === 'image'
							? { type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2 }
							: { type: 'time', start: 0.5, end: 1 },
					explanation: `a ${category} tell`
				}
			]
		});
		pairs.push({
			id: `p${kind[0]}${index}`,
			items: index % 2 === 0 ? [real, fake] : [fake, real],
			tier: ((index % 3) + 1) as 1 | 2 | 3,
			topic: kind === 'image' ? 'face' : 'voice',
			independent: true
		});
	};
	for (let i = 0; i < images; i++) add('image', i, IMAGE_TELLS);
	for (let i = 0; i < audio; i++) add('audio', i, AUDIO_TELLS);
	return {
		formatVersion: 1,
		id: 'class-test',
		version: '1.0.0',
		title: 'Class test pack',
		language: 'en',
		licence: 'CC0-1.0',
		credits: [{ name: 'test', role: 'test', licence: 'CC0-1.0' }],
		items,
		pairs
	};
}
