import type { PlayerRound, RoundReveal } from '$lib/game/play/round';

/** A pair round as roundForPlayer makes it: media only. */
export const pairRound: PlayerRound = {
	index: 2,
	type: 'pair',
	kind: 'image',
	tier: 1,
	items: [
		{
			media: [
				{ src: '/packs/default/media/aaaaaaaa.webp', type: 'image/webp', width: 480, height: 360 },
				{ src: '/packs/default/media/bbbbbbbb.webp', type: 'image/webp', width: 960, height: 720 }
			],
			alt: { text: 'A person at a desk.', lang: 'en' }
		},
		{
			media: [
				{ src: '/packs/default/media/cccccccc.webp', type: 'image/webp', width: 480, height: 360 },
				{ src: '/packs/default/media/dddddddd.webp', type: 'image/webp', width: 960, height: 720 }
			],
			alt: { text: 'A person at a desk.', lang: 'en' }
		}
	]
};

export const singleRound: PlayerRound = {
	...pairRound,
	type: 'single',
	items: [pairRound.items[0]]
};

const provenance = {
	source: 'test source',
	author: 'tests',
	licence: 'CC0-1.0',
	digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic'
};

/** The reveal of pairRound: the right-hand item was fake, with two tells. */
export const pairReveal: RoundReveal = {
	index: 2,
	type: 'pair',
	kind: 'image',
	answer: 'right',
	items: [
		{
			side: 'left',
			truth: 'real',
			provenanceLine: { text: 'test source', lang: 'en' },
			provenance,
			tells: []
		},
		{
			side: 'right',
			truth: 'synthetic',
			method: { text: 'face swap', lang: 'en' },
			provenanceLine: { text: 'test source', lang: 'en' },
			provenance: { ...provenance, method: 'face swap' },
			tells: [
				{
					category: 'blend-seam',
					region: { type: 'box', x: 0.05, y: 0.05, w: 0.2, h: 0.2 },
					explanation: { text: 'A hard edge runs along the jaw.', lang: 'en' }
				},
				{
					category: 'eyes',
					region: { type: 'box', x: 0.7, y: 0.7, w: 0.2, h: 0.2 },
					explanation: { text: 'The reflections in the eyes do not match.', lang: 'en' }
				}
			]
		}
	],
	synthetic: {
		side: 'right',
		tells: [
			{
				category: 'blend-seam',
				region: { type: 'box', x: 0.05, y: 0.05, w: 0.2, h: 0.2 },
				explanation: { text: 'A hard edge runs along the jaw.', lang: 'en' }
			},
			{
				category: 'eyes',
				region: { type: 'box', x: 0.7, y: 0.7, w: 0.2, h: 0.2 },
				explanation: { text: 'The reflections in the eyes do not match.', lang: 'en' }
			}
		]
	}
};

/** A pair of 4-second videos, as roundForPlayer makes it. */
export const videoRound: PlayerRound = {
	index: 5,
	type: 'pair',
	kind: 'video',
	tier: 2,
	items: [
		{
			media: [
				{
					src: '/packs/default/media/eeeeeeee.mp4',
					type: 'video/mp4',
					width: 320,
					height: 240,
					duration: 4
				}
			]
		},
		{
			media: [
				{
					src: '/packs/default/media/ffffffff.mp4',
					type: 'video/mp4',
					width: 320,
					height: 240,
					duration: 4
				}
			]
		}
	]
};

const videoTells: RoundReveal['items'][number]['tells'] = [
	{
		category: 'blend-seam',
		region: { type: 'time', start: 0, end: 1, box: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 } },
		explanation: { text: 'A hard edge runs round the face.', lang: 'en' }
	},
	{
		category: 'lip-sync',
		region: { type: 'time', start: 2, end: 3, box: { x: 0.5, y: 0.6, w: 0.2, h: 0.1 } },
		explanation: { text: 'The lips move before the sound.', lang: 'en' }
	}
];

/** The reveal of videoRound: the left video was fake, with two tells, each a box over a time range. */
export const videoReveal: RoundReveal = {
	index: 5,
	type: 'pair',
	kind: 'video',
	answer: 'left',
	items: [
		{
			side: 'left',
			truth: 'synthetic',
			method: { text: 'face swap', lang: 'en' },
			provenanceLine: { text: 'test source', lang: 'en' },
			provenance: { ...provenance, method: 'face swap' },
			tells: videoTells
		},
		{
			side: 'right',
			truth: 'real',
			provenanceLine: { text: 'test source', lang: 'en' },
			provenance,
			tells: []
		}
	],
	synthetic: { side: 'left', tells: videoTells }
};
