import { describe, expect, test } from 'vitest';
import {
	MIN_BOX,
	OUTLINE_MAX_POINTS,
	addOutlinePoint,
	boxBetween,
	nudgePoint,
	outlineArea,
	outlineField,
	outlineOfBox,
	outlinePointAt,
	outlineTellSchema,
	pointsOfField,
	detailsRefusal,
	digitalSourceType,
	itemDetailsSchema,
	lengthWarnings,
	lookWarnings,
	nudgeBox,
	pairRefusal,
	readiness,
	singleRefusal,
	sentLook,
	teacherManifest,
	teacherPackIdIn,
	tellRefusal,
	timeRange,
	videoWarnings,
	type BoxTell,
	type OutlinePoint,
	type OutlineTell,
	type TimeTell,
	type Draft,
	type DraftItem,
	type ItemDetails
} from '$lib/game/pack/teacher';
import { averageLook, pictureLook } from '$lib/game/pack/picture-look';

const realDetails: ItemDetails = {
	truth: 'real',
	alt: 'A red bicycle against a wall.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0',
	madeWith: 'camera'
};
const fakeDetails: ItemDetails = {
	...realDetails,
	truth: 'synthetic',
	alt: 'A blue bicycle against a wall.',
	madeWith: 'generator',
	tool: 'Some generator v7'
};
const media = (hash: string) => [
	{ src: `media/${hash}.webp`, type: 'image/webp', width: 640, height: 480 },
	{ src: `media/${hash}ff.webp`, type: 'image/webp', width: 1280, height: 960 }
];
const tell: BoxTell = {
	category: 'warped-geometry',
	region: { type: 'box', x: 0.1, y: 0.2, w: 0.3, h: 0.3 },
	explanation: 'The spokes bend into each other.'
};
const item = (id: string, details: ItemDetails, tells: BoxTell[] = []): DraftItem => ({
	id,
	kind: 'image',
	details,
	media: media(id.padEnd(8, '0').replace(/[^0-9a-f]/g, 'a')),
	bytes: 1000,
	tells
});
const draft = (over: Partial<Draft> = {}): Draft => ({
	title: 'This week',
	language: 'en',
	items: [item('ireal1', realDetails), item('ifake1', fakeDetails, [tell])],
	pairs: [{ id: 'pfake1', real: 'ireal1', synthetic: 'ifake1', tier: 1, topic: 'scene' }],
	singles: [],
	...over
});

describe('item details', () => {
	test('a complete real photo needs no tool', () => {
		expect(itemDetailsSchema.safeParse(realDetails).success).toBe(true);
	});

	test.each(['alt', 'source', 'author', 'licence'] as const)('%s is required', (field) => {
		const result = itemDetailsSchema.safeParse({ ...realDetails, [field]: '  ' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].path).toEqual([field]);
	});

	test('truth is required', () => {
		const result = itemDetailsSchema.safeParse({ ...realDetails, truth: undefined });
		expect(result.error?.issues[0].path).toEqual(['truth']);
	});

	test('a synthetic picture says what made it', () => {
		const result = itemDetailsSchema.safeParse({ ...fakeDetails, tool: undefined });
		expect(result.error?.issues[0].message).toBe('tool-required');
	});

	test('how it was made must fit its truth', () => {
		const result = itemDetailsSchema.safeParse({ ...realDetails, madeWith: 'generator' });
		expect(result.error?.issues[0].message).toBe('truth-mismatch');
	});

	test('each way of making maps to an IPTC digital source type', () => {
		expect(digitalSourceType('camera')).toBe(
			'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture'
		);
		expect(digitalSourceType('generator')).toBe(
			'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
		);
		expect(digitalSourceType('ai-edit')).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
	});
});

describe('pairs', () => {
	const unpaired = draft({ pairs: [] });
	test('a real and a synthetic picture pair', () => {
		expect(pairRefusal(unpaired, 'ireal1', 'ifake1', 'scene')).toBeNull();
	});
	test('the real side must be real, the synthetic side synthetic', () => {
		expect(pairRefusal(unpaired, 'ifake1', 'ifake1', 'scene')).toBe('needs-real');
		expect(pairRefusal(unpaired, 'ireal1', 'ireal1', 'scene')).toBe('needs-synthetic');
	});
	test('an unknown item', () => {
		expect(pairRefusal(unpaired, 'ireal1', 'inope', 'scene')).toBe('missing-item');
	});
	test('an item stands in one pair only', () => {
		expect(pairRefusal(draft(), 'ireal1', 'ifake1', 'scene')).toBe('already-paired');
	});
});

describe('singles', () => {
	const loose = () =>
		draft({
			items: [...draft().items, item('iviral', fakeDetails), item('idoubt', realDetails)]
		});
	test('an item in no round can be played alone on a topic of its kind', () => {
		expect(singleRefusal(loose(), 'iviral', 'scene')).toBeNull();
		expect(singleRefusal(loose(), 'idoubt', 'face')).toBeNull();
		expect(singleRefusal(loose(), 'iviral', 'voice')).toBe('topic-kind');
		expect(singleRefusal(loose(), 'inope', 'scene')).toBe('missing-item');
		expect(singleRefusal(loose(), 'ifake1', 'scene')).toBe('already-paired');
		const single = { id: 'sviral', item: 'iviral', tier: 1 as const, topic: 'scene' as const };
		const played = { ...loose(), singles: [single] };
		expect(singleRefusal(played, 'iviral', 'scene')).toBe('already-paired');
		// Nor can a pair take an item that is played alone.
		expect(pairRefusal(played, 'idoubt', 'iviral', 'scene')).toBe('already-paired');
	});
});

describe('tells', () => {
	const [real, fake] = draft().items;
	test('a box tell on a synthetic picture', () => {
		expect(tellRefusal(fake, tell)).toBeNull();
	});
	test('not on a real picture', () => {
		expect(tellRefusal(real, tell)).toBe('real-item');
	});
	test('only a category that fits pictures', () => {
		expect(tellRefusal(fake, { ...tell, category: 'flat-intonation' })).toBe('category');
	});
	test('the box stays inside the picture', () => {
		expect(tellRefusal(fake, { ...tell, region: { ...tell.region, x: 0.8, w: 0.3 } })).toBe(
			'box-outside'
		);
	});
	test('an unknown item', () => {
		expect(tellRefusal(undefined, tell)).toBe('missing-item');
	});
	const outline: OutlineTell = {
		category: 'warped-geometry',
		region: {
			type: 'polygon',
			points: [
				[0.4, 0.3],
				[0.6, 0.35],
				[0.55, 0.6]
			]
		},
		explanation: 'The nose bends and has two outlines.'
	};
	test('an outline tell on a synthetic picture', () => {
		expect(tellRefusal(fake, outline)).toBeNull();
	});
	test('an outline must enclose something a player can see', () => {
		const flat = {
			type: 'polygon' as const,
			points: [
				[0.1, 0.1],
				[0.5, 0.5],
				[0.9, 0.9]
			]
		};
		expect(tellRefusal(fake, { ...outline, region: flat as OutlineTell['region'] })).toBe(
			'outline-too-small'
		);
	});
	test('an outline has 3 to OUTLINE_MAX_POINTS corners, each inside the picture', () => {
		const corners = (n: number) =>
			Array.from({ length: n }, (_, i) => [0.5 + 0.4 * Math.cos(i), 0.5 + 0.4 * Math.sin(i)]);
		const parse = (points: unknown) =>
			outlineTellSchema.safeParse({ ...outline, region: { type: 'polygon', points } }).success;
		expect(parse(corners(2))).toBe(false);
		expect(parse(corners(3))).toBe(true);
		expect(parse(corners(OUTLINE_MAX_POINTS))).toBe(true);
		expect(parse(corners(OUTLINE_MAX_POINTS + 1))).toBe(false);
		expect(
			parse([
				[0.1, 0.1],
				[1.2, 0.1],
				[0.5, 0.5]
			])
		).toBe(false);
	});
	test('a voice takes no outline, a picture no time range', () => {
		const voice = { ...fake, kind: 'audio' as const, media: [{ ...fake.media[0], duration: 4 }] };
		expect(tellRefusal(voice, { ...outline, category: 'flat-intonation' })).toBe('region-kind');
		expect(
			tellRefusal(fake, {
				category: 'warped-geometry',
				region: { type: 'time', start: 0, end: 1 },
				explanation: 'x'
			})
		).toBe('region-kind');
	});
});

describe('outlines', () => {
	test('start from the corners of the box drawn so far, clockwise', () => {
		expect(outlineOfBox({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 })).toEqual([
			[0.1, 0.2],
			[0.4, 0.2],
			[0.4, 0.6],
			[0.1, 0.6]
		]);
	});
	test('measure their area (a unit square is all of it, a line none)', () => {
		expect(outlineArea(outlineOfBox({ x: 0, y: 0, w: 1, h: 1 }))).toBe(1);
		expect(outlineArea(outlineOfBox({ x: 0.1, y: 0.1, w: 0.2, h: 0.5 }))).toBeCloseTo(0.1);
		expect(
			outlineArea([
				[0, 0],
				[0.5, 0.5],
				[1, 1]
			])
		).toBe(0);
	});
	test('arrows move a corner by a step, never out of the picture', () => {
		expect(nudgePoint([0.5, 0.5], 'ArrowLeft')).toEqual([0.49, 0.5]);
		expect(nudgePoint([0.5, 0.5], 'ArrowDown', 0.0025)).toEqual([0.5, 0.5025]);
		expect(nudgePoint([1, 0], 'ArrowRight')).toEqual([1, 0]);
		expect(nudgePoint([1, 0], 'ArrowUp')).toEqual([1, 0]);
		expect(outlinePointAt(-0.2, 1.33333)).toEqual([0, 1]);
	});
	test('a corner is added halfway along the side after the one chosen, wrapping to the first', () => {
		const square: OutlinePoint[] = outlineOfBox({ x: 0.2, y: 0.2, w: 0.4, h: 0.4 });
		expect(addOutlinePoint(square, 0)[1]).toEqual([0.4, 0.2]);
		expect(addOutlinePoint(square, 3)).toEqual([...square, [0.2, 0.4]]);
		const full = Array.from({ length: OUTLINE_MAX_POINTS }, (_, i) => [i / 30, (i * i) / 900]);
		expect(addOutlinePoint(full as OutlinePoint[], 2)).toHaveLength(OUTLINE_MAX_POINTS);
	});
	test('travel in a form field as SVG writes points, and a field that is no outline is none', () => {
		const square = outlineOfBox({ x: 0.2, y: 0.2, w: 0.4, h: 0.4 });
		expect(outlineField(square)).toBe('0.2,0.2 0.6,0.2 0.6,0.6 0.2,0.6');
		expect(pointsOfField(outlineField(square))).toEqual(square);
		expect(pointsOfField('0.2,0.2 0.6')).toBeUndefined();
		expect(pointsOfField('0.2,0.2 a,0.6')).toBeUndefined();
	});
});

describe('voices', () => {
	const realVoice: DraftItem = {
		id: 'irealv',
		kind: 'audio',
		details: {
			...realDetails,
			madeWith: 'recording',
			alt: 'A man reads the forecast.',
			transcript: 'Rain tomorrow.'
		},
		media: [{ src: 'media/aaaaaaaa.opus', type: 'audio/ogg; codecs=opus', duration: 3 }],
		bytes: 1000,
		tells: []
	};
	const fakeVoice: DraftItem = {
		...realVoice,
		id: 'ifakev',
		details: {
			...realVoice.details,
			truth: 'synthetic',
			madeWith: 'voice-clone',
			tool: 'Clone v2'
		},
		media: [{ src: 'media/bbbbbbbb.opus', type: 'audio/ogg; codecs=opus', duration: 3.2 }]
	};
	const timeTell: TimeTell = {
		category: 'flat-intonation',
		region: { type: 'time', start: 1, end: 2 },
		explanation: 'The voice stays on one note.'
	};
	const voices = draft({ items: [...draft().items, realVoice, fakeVoice], pairs: [] });

	test('a voice has its transcript and a way of making voices; a picture a way of making pictures', () => {
		expect(detailsRefusal('audio', realVoice.details)).toBeNull();
		expect(detailsRefusal('audio', { ...realVoice.details, transcript: undefined })).toBe(
			'transcript-required'
		);
		expect(detailsRefusal('audio', { ...realVoice.details, madeWith: 'camera' })).toBe(
			'made-with-kind'
		);
		expect(detailsRefusal('image', realDetails)).toBeNull();
		expect(detailsRefusal('image', { ...realDetails, madeWith: 'recording' })).toBe(
			'made-with-kind'
		);
	});
	test('a real and a synthetic voice pair, with the topic of voices', () => {
		expect(pairRefusal(voices, 'irealv', 'ifakev', 'voice')).toBeNull();
		expect(pairRefusal(voices, 'irealv', 'ifakev', 'face')).toBe('topic-kind');
		expect(pairRefusal(voices, 'ireal1', 'ifake1', 'voice')).toBe('topic-kind');
	});
	test('a voice is not paired with a picture', () => {
		expect(pairRefusal(voices, 'irealv', 'ifake1', 'voice')).toBe('different-kinds');
	});
	test('a voice is marked with time ranges inside it, a picture with boxes', () => {
		expect(tellRefusal(fakeVoice, timeTell)).toBeNull();
		expect(tellRefusal(fakeVoice, tell)).toBe('category');
		expect(tellRefusal(fakeVoice, { ...tell, category: 'flat-intonation' })).toBe('region-kind');
		expect(tellRefusal(draft().items[1], { ...timeTell, category: 'eyes' })).toBe('region-kind');
		expect(tellRefusal(realVoice, timeTell)).toBe('real-item');
	});
	test('the time range ends within the voice and can be heard', () => {
		const at = (start: number, end: number): TimeTell => ({
			...timeTell,
			region: { type: 'time', start, end }
		});
		expect(tellRefusal(fakeVoice, at(2, 3.2))).toBeNull();
		expect(tellRefusal(fakeVoice, at(2, 3.3))).toBe('time-outside');
		expect(tellRefusal(fakeVoice, at(1, 1.05))).toBe('time-too-short');
		expect(tellRefusal(fakeVoice, at(2, 1))).toBe('time-too-short');
	});
	test('a range is ordered, inside the voice and in tenths', () => {
		expect(timeRange(2.345, 1.2, 3)).toEqual([1.2, 2.3]);
		expect(timeRange(-1, 9, 3.2)).toEqual([0, 3.2]);
	});
	test('a voice item goes into the manifest with its transcript and time tells', () => {
		const built = teacherManifest('t-' + 'a'.repeat(32), 1, {
			...voices,
			items: [realVoice, { ...fakeVoice, tells: [timeTell] }],
			pairs: [{ id: 'pfakev', real: 'irealv', synthetic: 'ifakev', tier: 2, topic: 'voice' }]
		});
		if (!built.ok) throw new Error(JSON.stringify(built.errors));
		const fake = built.pack.items.find((candidate) => candidate.id === 'ifakev')!;
		expect(fake).toMatchObject({
			kind: 'audio',
			transcript: 'Rain tomorrow.',
			tells: [timeTell],
			provenance: { method: 'Clone v2' }
		});
		expect(fake.provenance.digitalSourceType).toMatch(/trainedAlgorithmicMedia$/);
	});
	test('the fake of a voice pair that runs half as long again gives itself away', () => {
		expect(lengthWarnings(3, 3.4)).toEqual([]);
		expect(lengthWarnings(3, 4.5)).toEqual(['longer']);
		expect(lengthWarnings(6, 3.9)).toEqual(['shorter']);
	});
});

describe('videos', () => {
	const realVideo: DraftItem = {
		id: 'irealm',
		kind: 'video',
		details: { ...realDetails, madeWith: 'filmed', alt: 'A woman speaks in a kitchen.' },
		media: [{ src: 'media/cccccccc.mp4', type: 'video/mp4', width: 640, height: 360, duration: 4 }],
		bytes: 1000,
		sound: true,
		tells: []
	};
	const fakeVideo: DraftItem = {
		...realVideo,
		id: 'ifakem',
		details: { ...realVideo.details, truth: 'synthetic', madeWith: 'face-swap', tool: 'Swap 3' },
		media: [
			{ src: 'media/dddddddd.mp4', type: 'video/mp4', width: 640, height: 360, duration: 4.2 }
		]
	};
	const videoTell: TimeTell = {
		category: 'lip-sync',
		region: { type: 'time', start: 1, end: 2, box: { x: 0.4, y: 0.5, w: 0.2, h: 0.1 } },
		explanation: 'The lips move after the words.'
	};
	const videos = draft({ items: [...draft().items, realVideo, fakeVideo], pairs: [] });

	test('a video needs no transcript, and a way of making videos', () => {
		expect(detailsRefusal('video', realVideo.details)).toBeNull();
		expect(detailsRefusal('video', { ...realVideo.details, madeWith: 'recording' })).toBe(
			'made-with-kind'
		);
		expect(detailsRefusal('image', { ...realDetails, madeWith: 'filmed' })).toBe('made-with-kind');
		expect(digitalSourceType('face-swap')).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
	});
	test('a real and a synthetic video pair with the topic of videos, both with a transcript or neither', () => {
		expect(pairRefusal(videos, 'irealm', 'ifakem', 'video')).toBeNull();
		expect(pairRefusal(videos, 'irealm', 'ifakem', 'face')).toBe('topic-kind');
		expect(pairRefusal(videos, 'irealm', 'ifake1', 'video')).toBe('different-kinds');
		const spoken = {
			...videos,
			items: videos.items.map((one) =>
				one.id === 'irealm' ? { ...one, details: { ...one.details, transcript: 'Hello.' } } : one
			)
		};
		expect(pairRefusal(spoken, 'irealm', 'ifakem', 'video')).toBe('transcript-differs');
	});
	test('a video is marked with a time range, with or without a box inside the picture', () => {
		expect(tellRefusal(fakeVideo, videoTell)).toBeNull();
		const bare = { type: 'time' as const, start: 1, end: 2 };
		expect(tellRefusal(fakeVideo, { ...videoTell, region: bare })).toBeNull();
		expect(tellRefusal(fakeVideo, { ...tell, category: 'lip-sync' })).toBe('region-kind');
		expect(
			tellRefusal(fakeVideo, {
				...videoTell,
				region: { ...videoTell.region, box: { x: 0.9, y: 0.5, w: 0.2, h: 0.1 } }
			})
		).toBe('box-outside');
		expect(
			tellRefusal(fakeVideo, { ...videoTell, region: { ...videoTell.region, end: 4.5 } })
		).toBe('time-outside');
	});
	test('a voice tell may not carry a box, nor be of a kind only videos show', () => {
		const voice: DraftItem = {
			...fakeVideo,
			kind: 'audio',
			details: { ...fakeVideo.details, madeWith: 'voice-clone', transcript: 'Hi.' },
			media: [{ src: 'media/bbbbbbbb.opus', type: 'audio/ogg; codecs=opus', duration: 3 }]
		};
		expect(tellRefusal(voice, { ...videoTell, category: 'flat-intonation' })).toBe('region-kind');
		const bare = { type: 'time' as const, start: 1, end: 2 };
		expect(tellRefusal(voice, { ...videoTell, region: bare })).toBe('category');
	});
	test('a video pair goes into the manifest with its sizes and boxed time tells', () => {
		const built = teacherManifest('t-' + 'b'.repeat(32), 1, {
			...videos,
			items: [realVideo, { ...fakeVideo, tells: [videoTell] }],
			pairs: [{ id: 'pfakem', real: 'irealm', synthetic: 'ifakem', tier: 1, topic: 'video' }]
		});
		if (!built.ok) throw new Error(JSON.stringify(built.errors));
		const fake = built.pack.items.find((candidate) => candidate.id === 'ifakem')!;
		expect(fake).toMatchObject({ kind: 'video', tells: [videoTell], alt: realVideo.details.alt });
		expect(fake.transcript).toBeUndefined();
	});
	test('videos of different shapes, or sound on one side only, give a pair away', () => {
		expect(videoWarnings(realVideo, fakeVideo)).toEqual([]);
		const square = { ...fakeVideo, media: [{ ...fakeVideo.media[0], height: 640 }] };
		expect(videoWarnings(realVideo, square)).toEqual(['different-size']);
		expect(videoWarnings(realVideo, { ...fakeVideo, sound: false })).toEqual(['sound-differs']);
	});
});

describe('readiness', () => {
	test('a single is enough: a synthetic one once it has tells, a real one at once', () => {
		const viral = item('iviral', fakeDetails);
		const doubt = item('idoubt', realDetails);
		const alone = draft({
			items: [viral, doubt],
			pairs: [],
			singles: [{ id: 'sdoubt', item: 'idoubt', tier: 2, topic: 'face' }]
		});
		expect(readiness(alone)).toEqual({ ready: true });
		alone.singles.push({ id: 'sviral', item: 'iviral', tier: 1, topic: 'scene' });
		expect(readiness(alone)).toEqual({ ready: false, missing: 'tells' });
		alone.items[0] = { ...viral, tells: [tell] };
		expect(readiness(alone)).toEqual({ ready: true });
	});

	test('needs a pair, then tells on every synthetic side', () => {
		expect(readiness(draft({ pairs: [] }))).toEqual({ ready: false, missing: 'pair' });
		const untold = draft();
		untold.items[1] = { ...untold.items[1], tells: [] };
		expect(readiness(untold)).toEqual({ ready: false, missing: 'tells' });
		expect(readiness(draft())).toEqual({ ready: true });
	});
});

describe('teacherManifest', () => {
	test('a ready draft is a valid pack with the provenance in the manifest', () => {
		const built = teacherManifest('t-0123', 2, draft());
		if (!built.ok) throw new Error(JSON.stringify(built.errors));
		expect(built.pack.version).toBe('2.0.0');
		expect(built.pack.pairs).toEqual([
			{ id: 'pfake1', items: ['ireal1', 'ifake1'], tier: 1, topic: 'scene', independent: false }
		]);
		const fake = built.pack.items.find((i) => i.id === 'ifake1')!;
		expect(fake.provenance).toEqual({
			source: 'made by me',
			author: 'A. Teacher',
			licence: 'CC BY 4.0',
			digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
			method: 'Some generator v7'
		});
		expect(fake.tells).toEqual([tell]);
		expect(built.pack.items.find((i) => i.id === 'ireal1')!.tells).toBeUndefined();
	});

	test('singles join the pack with their items; a draft without singles makes a manifest without them', () => {
		const plain = teacherManifest('t-0123', 1, draft());
		expect(plain.ok && 'singles' in plain.pack).toBe(false);
		const withSingles = draft({
			items: [...draft().items, item('iviral', fakeDetails, [tell]), item('iloose', realDetails)],
			singles: [{ id: 'sviral', item: 'iviral', tier: 3, topic: 'scene' }]
		});
		const built = teacherManifest('t-0123', 1, withSingles);
		if (!built.ok) throw new Error(JSON.stringify(built.errors));
		expect(built.pack.singles).toEqual([{ id: 'sviral', item: 'iviral', tier: 3, topic: 'scene' }]);
		expect(built.pack.items.map((i) => i.id)).toEqual(['ireal1', 'ifake1', 'iviral']);
		const alone = teacherManifest('t-0123', 1, { ...withSingles, pairs: [] });
		expect(alone.ok && alone.pack.items.map((i) => i.id)).toEqual(['iviral']);
	});

	test('items in no pair stay out of the pack', () => {
		const extra = draft();
		extra.items.push(item('iextra', realDetails));
		const built = teacherManifest('t-0123', 1, extra);
		expect(built.ok && built.pack.items.map((i) => i.id)).toEqual(['ireal1', 'ifake1']);
	});

	test('the pack rules still apply: a synthetic side without tells fails', () => {
		const untold = draft();
		untold.items[1] = { ...untold.items[1], tells: [] };
		const built = teacherManifest('t-0123', 1, untold);
		expect(built.ok).toBe(false);
		expect(!built.ok && built.errors.map((e) => e.message)).toContain(
			'a synthetic item needs at least one tell'
		);
	});
});

describe('nudgeBox and boxBetween', () => {
	const box = { x: 0.5, y: 0.5, w: 0.2, h: 0.2 };
	test('arrows move the box by a step', () => {
		expect(nudgeBox(box, 'ArrowRight', false)).toEqual({ ...box, x: 0.51 });
		expect(nudgeBox(box, 'ArrowUp', false)).toEqual({ ...box, y: 0.49 });
	});
	test('with resize, arrows change its size from the bottom-right corner', () => {
		expect(nudgeBox(box, 'ArrowRight', true)).toEqual({ ...box, w: 0.21 });
		expect(nudgeBox(box, 'ArrowUp', true)).toEqual({ ...box, h: 0.19 });
	});
	test('it never leaves the picture nor shrinks below the minimum', () => {
		expect(nudgeBox({ x: 0.8, y: 0, w: 0.2, h: 0.2 }, 'ArrowRight', false).x).toBe(0.8);
		expect(nudgeBox({ x: 0, y: 0, w: 0.2, h: 0.2 }, 'ArrowUp', false).y).toBe(0);
		expect(nudgeBox({ x: 0.5, y: 0.5, w: MIN_BOX, h: 0.2 }, 'ArrowLeft', true).w).toBe(MIN_BOX);
		expect(nudgeBox({ x: 0.5, y: 0.5, w: 0.5, h: 0.2 }, 'ArrowRight', true).w).toBe(0.5);
	});
	test('a dragged box runs corner to corner, either way, inside the picture', () => {
		expect(boxBetween([0.6, 0.7], [0.2, 0.1])).toEqual({ x: 0.2, y: 0.1, w: 0.4, h: 0.6 });
		expect(boxBetween([0.5, 0.5], [1.4, -0.2])).toEqual({ x: 0.5, y: 0, w: 0.5, h: 0.5 });
		expect(boxBetween([0.99, 0.99], [0.99, 0.99])).toEqual({
			x: 1 - MIN_BOX,
			y: 1 - MIN_BOX,
			w: MIN_BOX,
			h: MIN_BOX
		});
	});
});

describe('teacherPackIdIn', () => {
	const id = 't-0123456789abcdef0123456789abcdef';
	test.each([
		[`http://192.168.1.20:3000/packs/${id}`, id],
		[`  https://telltale.example.org/zh-CN/packs/${id}?x=1 `, id],
		[id, id],
		[`/packs/${id}/`, id],
		['http://localhost:3000/packs/default', null],
		[`http://localhost:3000/packs/${id}0`, null],
		[`http://localhost:3000/packs/edit/${id}`, null],
		['', null]
	])('%s', (pasted, expected) => {
		expect(teacherPackIdIn(pasted)).toBe(expected);
	});
});

describe('pictureLook and lookWarnings', () => {
	/** A grey picture: flat, or a checkerboard (all fine detail). */
	const picture = (width: number, height: number, pixel: (x: number, y: number) => number[]) => {
		const pixels = new Uint8Array(width * height * 3);
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) pixels.set(pixel(x, y), (y * width + x) * 3);
		return pictureLook(pixels, width, height, 3);
	};
	const flat = picture(8, 8, () => [100, 100, 100]);
	const checker = picture(8, 8, (x, y) => ((x + y) % 2 ? [150, 150, 150] : [50, 50, 50]));
	const red = picture(8, 8, () => [200, 40, 40]);

	test('measures brightness, contrast, sharpness, noise and colourfulness', () => {
		expect(flat).toEqual({
			brightness: expect.closeTo(100, 3),
			contrast: expect.closeTo(0, 3),
			sharpness: 0,
			noise: 0,
			colourfulness: 0
		});
		expect(checker.sharpness).toBeCloseTo(400 ** 2, -2);
		expect(checker.brightness).toBeCloseTo(100, 3);
		expect(checker.contrast).toBeCloseTo(50, 3);
		expect(red.colourfulness).toBeGreaterThan(40);
		// Grain on a flat picture is noise; a smooth ramp is none.
		let seed = 7;
		const grain = picture(32, 32, () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			const level = 100 + (seed % 21) - 10;
			return [level, level, level];
		});
		const ramp = picture(32, 32, (x) => [x * 4, x * 4, x * 4]);
		expect(grain.noise).toBeGreaterThan(3);
		expect(ramp.noise).toBeCloseTo(0, 3);
	});

	test("says how the fake stands out, in the fake's terms", () => {
		// A checkerboard beside a flat grey is all detail, grain and contrast.
		expect(lookWarnings(flat, checker)).toEqual(['sharper', 'noisier', 'more-contrast']);
		expect(lookWarnings(checker, flat)).toEqual(['softer', 'cleaner', 'less-contrast']);
		expect(lookWarnings(flat, { ...flat, noise: 3 })).toEqual(['noisier']);
		expect(lookWarnings({ ...flat, noise: 3 }, flat)).toEqual(['cleaner']);
		expect(lookWarnings(flat, { ...flat, brightness: 130 })).toEqual(['brighter']);
		expect(lookWarnings(flat, { ...flat, brightness: 70 })).toEqual(['darker']);
		expect(lookWarnings({ ...flat, contrast: 20 }, { ...flat, contrast: 40 })).toEqual([
			'more-contrast'
		]);
		expect(lookWarnings({ ...flat, contrast: 40 }, { ...flat, contrast: 20 })).toEqual([
			'less-contrast'
		]);
		expect(lookWarnings(flat, red)).toContain('more-colourful');
		expect(lookWarnings(red, { ...red, colourfulness: 10 })).toEqual(['less-colourful']);
	});

	test('small differences are no warning', () => {
		const look = { sharpness: 200, brightness: 120, colourfulness: 30, contrast: 50, noise: 2 };
		expect(
			lookWarnings(look, {
				sharpness: 260,
				brightness: 135,
				colourfulness: 40,
				contrast: 65,
				noise: 3
			})
		).toEqual([]);
	});

	test('a picture kept before contrast and noise were measured is compared by the rest', () => {
		const older = { sharpness: 200, brightness: 120, colourfulness: 30 };
		const newer = { ...older, contrast: 90, noise: 9 };
		expect(lookWarnings(older, newer)).toEqual([]);
		expect(lookWarnings(older, { ...newer, sharpness: 400 })).toEqual(['sharper']);
	});

	test("a video's look is its frames' looks averaged, measure by measure", () => {
		expect(averageLook([flat, checker])).toEqual({
			brightness: expect.closeTo(100, 3),
			contrast: expect.closeTo(25, 3),
			sharpness: checker.sharpness / 2,
			noise: checker.noise / 2,
			colourfulness: 0
		});
	});
});

describe('sentLook: the look of a video as the editor sends it', () => {
	const look = {
		sharpness: 310.5,
		brightness: 96.2,
		colourfulness: 21,
		contrast: 48.1,
		noise: 2.4
	};

	test('takes a complete look of finite numbers in range', () => {
		expect(sentLook(JSON.stringify(look))).toEqual(look);
		expect(sentLook(JSON.stringify({ ...look, sharpness: 0, brightness: 255 }))).not.toBeNull();
	});

	test.each([
		['no field', undefined],
		['an empty field', ''],
		['not JSON', '{sharpness: 1'],
		['not an object', '[1, 2, 3]'],
		['a measure missing', JSON.stringify({ ...look, noise: undefined })],
		['a measure as text', JSON.stringify({ ...look, noise: '2.4' })],
		['a negative measure', JSON.stringify({ ...look, contrast: -1 })],
		['brightness beyond 255', JSON.stringify({ ...look, brightness: 256 })],
		['sharpness beyond any picture', JSON.stringify({ ...look, sharpness: 2e6 })],
		[
			'infinity',
			JSON.stringify({ ...look, sharpness: 1 }).replace('"sharpness":1', '"sharpness":1e999')
		],
		['a field more', JSON.stringify({ ...look, truth: 'synthetic' })]
	])('refuses %s', (_, field) => {
		expect(sentLook(field)).toBeNull();
	});
});
