import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	formatPackErrors,
	getItem,
	getPair,
	getRoundSource,
	itemsOfSource,
	syntheticItemOf,
	validatePack,
	type Pack
} from '$lib/game/pack/schema';
import { buildPack, withSingle } from '../pack-builder';

const FILE = 'packs/test/manifest.json';

function fixture(name: string): unknown {
	return JSON.parse(readFileSync(`tests/fixtures/packs/${name}/manifest.json`, 'utf8'));
}

/** `path: message` lines of a manifest that must fail. */
function problems(json: unknown): string[] {
	const result = validatePack(json, FILE);
	if (result.ok) throw new Error('expected the pack to be rejected');
	for (const error of result.errors) expect(error.file).toBe(FILE);
	return result.errors.map((error) =>
		error.path ? `${error.path}: ${error.message}` : error.message
	);
}

/** A deep copy of a valid pack to break. */
function valid(): Pack {
	return structuredClone(
		buildPack([
			{ kind: 'image' },
			{ kind: 'audio', prompt: 'Say it' },
			{ kind: 'video' },
			{ kind: 'image', tier: 3 }
		])
	);
}

describe('validatePack', () => {
	test('accepts a valid pack and returns it typed', () => {
		const pack = valid();
		const result = validatePack(pack, FILE);
		expect(result).toEqual({ ok: true, pack });
	});

	test('accepts the tiny fixture pack', () => {
		const result = validatePack(fixture('tiny'), 'tiny/manifest.json');
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.pack.items).toHaveLength(12);
			expect(result.pack.pairs).toHaveLength(6);
		}
	});

	test('reports every problem of the broken-schema fixture at once, with file and path', () => {
		const file = 'tests/fixtures/packs/broken-schema/manifest.json';
		const result = validatePack(fixture('broken-schema'), file);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.every((error) => error.file === file)).toBe(true);
		const lines = result.errors.map((error) => `${error.path}: ${error.message}`);
		expect(lines.sort()).toEqual(
			[
				'licence: is required',
				'credits[0].licence: must not be empty',
				'items[0].colour: is not a known field',
				'items[1].id: duplicate item id "i-dup" (also items[0])',
				'items[2].tells: a synthetic item needs at least one tell',
				'items[3].tells[0].category: unknown tell category "glitter"',
				'items[3].tells[1].region.x: must be between 0 and 1',
				'items[3].tells[2].region.w: x + w must be at most 1 (the box leaves the media)',
				'items[3].provenance.method: is required for a synthetic item: say how it was made',
				'items[3].provenance.digitalSourceType: "digitalCapture" says unaltered capture, but the item is synthetic',
				'items[4].tells: a real item must not have tells',
				'items[5].tells[0].category: "eyes" is not a tell category for audio items',
				'items[5].tells[1].region.type: must be "time" for audio items (video may add a box)',
				'items[5].tells[2].region.end: must be within the media duration (0.61 s)',
				'pairs[0].items: must have exactly one synthetic item (found 0 synthetic, 2 real)',
				'pairs[1].items[1]: no item has id "i-missing"',
				'pairs[2].items: must be two items of the same kind (found image and audio)',
				'pairs[2].items: must have exactly one synthetic item (found 2 synthetic, 0 real)',
				'pairs[2].items: both items must have renditions of the same types in the same order (found [image/webp] and [audio/ogg; codecs=opus]), or the format gives the answer away',
				'pairs[3].id: duplicate pair id "p-kinds" (also pairs[2])',
				'pairs[3].tier: must be 1, 2 or 3'
			].sort()
		);
	});

	const cases: Array<[string, (pack: Pack & Record<string, unknown>) => void, string]> = [
		['missing licence', (p) => delete (p as Partial<Pack>).licence, 'licence: is required'],
		['blank licence', (p) => (p.licence = '  '), 'licence: must not be empty'],
		[
			'item licence',
			(p) => (p.items[0].provenance.licence = ''),
			'items[0].provenance.licence: must not be empty'
		],
		[
			'format version',
			(p) => ((p as Record<string, unknown>).formatVersion = 2),
			'formatVersion: must be 1 (this version of Telltale reads format 1)'
		],
		[
			'pack id',
			(p) => (p.id = 'Default Pack'),
			'id: must be 1 to 64 lowercase letters, digits or dashes'
		],
		['version', (p) => (p.version = 'v1'), 'version: must be a semantic version such as 1.0.0'],
		[
			'language',
			(p) => (p.language = 'english!'),
			'language: must be a BCP 47 language tag such as en'
		],
		['unknown field', (p) => (p.extra = true), 'extra: is not a known field'],
		['no credits', (p) => (p.credits = []), 'credits: must credit at least one source'],
		[
			'credit url',
			(p) => (p.credits[0].url = 'javascript:alert(1)'),
			'credits[0].url: must be an http(s) URL'
		],
		[
			'kind',
			(p) => ((p.items[0] as Record<string, unknown>).kind = 'text'),
			'items[0].kind: must be one of "image", "audio", "video"'
		],
		[
			'truth',
			(p) => ((p.items[0] as Record<string, unknown>).truth = 'fake'),
			'items[0].truth: must be one of "real", "synthetic"'
		],
		[
			'no media',
			(p) => (p.items[0].media = []),
			'items[0].media: must list at least one rendition'
		],
		[
			'src outside media/',
			(p) => (p.items[0].media[0].src = '../secret.webp'),
			'items[0].media[0].src: must be "media/<content hash>.<ext>": inside the pack, with a name that says nothing about the item'
		],
		[
			'src with a telling name',
			(p) => (p.items[1].media[0].src = 'media/fake-face.webp'),
			'items[1].media[0].src: must be "media/<content hash>.<ext>": inside the pack, with a name that says nothing about the item'
		],
		[
			'media type',
			(p) => (p.items[0].media[0].type = 'image/gif'),
			'items[0].media[0].type: must be one of image/webp, image/avif, image/png, image/jpeg, audio/ogg, audio/mp4, audio/webm, video/mp4, video/webm (parameters such as "; codecs=opus" allowed)'
		],
		[
			'type of another kind',
			(p) => (p.items[0].media[0].type = 'video/mp4'),
			'items[0].media[0].type: must be an image type for an image item'
		],
		[
			'extension',
			(p) => (p.items[0].media[0].src = 'media/0000000000.png'),
			'items[0].media[0].src: extension ".png" does not match type image/webp (expected .webp)'
		],
		[
			'image width',
			(p) => delete p.items[0].media[0].width,
			'items[0].media[0].width: is required for image media'
		],
		[
			'image width is whole',
			(p) => (p.items[0].media[0].width = 10.5),
			'items[0].media[0].width: must be a whole number of pixels'
		],
		[
			'image duration',
			(p) => (p.items[0].media[0].duration = 2),
			'items[0].media[0].duration: must be absent for image media'
		],
		[
			'audio duration',
			(p) => delete p.items[2].media[0].duration,
			'items[2].media[0].duration: is required for audio media'
		],
		[
			'audio width',
			(p) => (p.items[2].media[0].width = 10),
			'items[2].media[0].width: must be absent for audio media'
		],
		[
			'video height',
			(p) => delete p.items[4].media[0].height,
			'items[4].media[0].height: is required for video media'
		],
		[
			'IPTC URI',
			(p) => (p.items[0].provenance.digitalSourceType = 'digitalCapture'),
			'items[0].provenance.digitalSourceType: must be an IPTC digital source type URI (http://cv.iptc.org/newscodes/digitalsourcetype/<term>)'
		],
		[
			'real item marked synthetic source',
			(p) =>
				(p.items[0].provenance.digitalSourceType =
					'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'),
			'items[0].provenance.digitalSourceType: "trainedAlgorithmicMedia" says synthetic, but the item is real'
		],
		[
			'synthetic without method',
			(p) => delete p.items[1].provenance.method,
			'items[1].provenance.method: is required for a synthetic item: say how it was made'
		],
		[
			'synthetic with empty tells',
			(p) => (p.items[1].tells = []),
			'items[1].tells: a synthetic item needs at least one tell'
		],
		[
			'explanation',
			(p) => (p.items[1].tells![0].explanation = ''),
			'items[1].tells[0].explanation: must not be empty'
		],
		[
			'region type',
			(p) => ((p.items[1].tells![0].region as Record<string, unknown>).type = 'circle'),
			'items[1].tells[0].region.type: must be one of "box", "polygon", "time"'
		],
		[
			'box too wide',
			(p) => (p.items[1].tells![0].region = { type: 'box', x: 0.5, y: 0, w: 0.6, h: 0.5 }),
			'items[1].tells[0].region.w: x + w must be at most 1 (the box leaves the media)'
		],
		[
			'box too tall',
			(p) => (p.items[1].tells![0].region = { type: 'box', x: 0, y: 0.7, w: 0.1, h: 0.5 }),
			'items[1].tells[0].region.h: y + h must be at most 1 (the box leaves the media)'
		],
		[
			'empty box',
			(p) => (p.items[1].tells![0].region = { type: 'box', x: 0, y: 0, w: 0, h: 0.5 }),
			'items[1].tells[0].region.w: must be more than 0 and at most 1'
		],
		[
			'polygon point',
			(p) =>
				(p.items[1].tells![0].region = {
					type: 'polygon',
					points: [
						[0, 0],
						[1, 0],
						[0.5, -0.1]
					]
				}),
			'items[1].tells[0].region.points[2][1]: must be between 0 and 1'
		],
		[
			'polygon too short',
			(p) =>
				(p.items[1].tells![0].region = {
					type: 'polygon',
					points: [
						[0, 0],
						[1, 0]
					]
				}),
			'items[1].tells[0].region.points: must have at least 3 points'
		],
		[
			'time on an image',
			(p) => (p.items[1].tells![0].region = { type: 'time', start: 0, end: 1 }),
			'items[1].tells[0].region.type: must be "box" or "polygon" for image items'
		],
		[
			'box on a video',
			(p) => (p.items[5].tells![0].region = { type: 'box', x: 0, y: 0, w: 0.5, h: 0.5 }),
			'items[5].tells[0].region.type: must be "time" for video items (video may add a box)'
		],
		[
			'box in time on audio',
			(p) =>
				(p.items[3].tells![0].region = {
					type: 'time',
					start: 0,
					end: 1,
					box: { x: 0, y: 0, w: 0.1, h: 0.1 }
				}),
			'items[3].tells[0].region.box: must be absent for audio items'
		],
		[
			'end before start',
			(p) => (p.items[3].tells![0].region = { type: 'time', start: 2, end: 1 }),
			'items[3].tells[0].region.end: must be after start'
		],
		[
			'end after the media',
			(p) => (p.items[5].tells![0].region = { type: 'time', start: 2, end: 4.2 }),
			'items[5].tells[0].region.end: must be within the media duration (4 s)'
		],
		[
			'negative start',
			(p) => (p.items[5].tells![0].region = { type: 'time', start: -1, end: 1 }),
			'items[5].tells[0].region.start: must be 0 or more (seconds)'
		],
		[
			'video box leaves the frame',
			(p) =>
				(p.items[5].tells![0].region = {
					type: 'time',
					start: 0,
					end: 1,
					box: { x: 0.9, y: 0, w: 0.2, h: 0.1 }
				}),
			'items[5].tells[0].region.box.w: x + w must be at most 1 (the box leaves the media)'
		],
		[
			'category for the kind',
			(p) => (p.items[3].tells![0].category = 'lip-sync'),
			'items[3].tells[0].category: "lip-sync" is not a tell category for audio items'
		],
		[
			'motion category on an image',
			(p) => (p.items[1].tells![0].category = 'flicker'),
			'items[1].tells[0].category: "flicker" is not a tell category for image items'
		],
		[
			'pair of one item twice',
			(p) => (p.pairs[0].items = ['i000r', 'i000r']),
			'pairs[0].items: must name two different items'
		],
		[
			'pair with three items',
			(p) => ((p.pairs[0] as Record<string, unknown>).items = ['i000r', 'i000s', 'i001r']),
			'pairs[0].items: must be a list of exactly two item ids'
		],
		[
			'pair topic',
			(p) => (p.pairs[0].topic = 'voice'),
			'pairs[0].topic: "voice" is for audio pairs, but the items are image'
		],
		[
			'pair tier',
			(p) => ((p.pairs[0] as Record<string, unknown>).tier = 0),
			'pairs[0].tier: must be 1, 2 or 3'
		],
		[
			'pair independence',
			(p) => delete (p.pairs[0] as Partial<Pack['pairs'][0]>).independent,
			'pairs[0].independent: is required'
		],
		[
			'a practice pair sharing an item with an online pair',
			(p) => {
				p.pairs[3].practice = true;
				p.pairs[3].items[0] = 'i000r';
			},
			'pairs[3].items[0]: item "i000r" of this practice pair is also in pairs[0], which is played online: a practice pair\'s answer is public'
		],
		[
			'a practice pair made from a source of an online pair',
			(p) => {
				p.pairs[0].sources = ['photo:a', 'photo:b'];
				p.pairs[3].sources = ['photo:b'];
				p.pairs[3].practice = true;
			},
			'pairs[3].sources[0]: source "photo:b" of this practice pair is also a source of pairs[0], which is played online: a practice pair\'s answer is public'
		],
		[
			'transcript on one side',
			(p) => (p.items[2].transcript = 'Hello'),
			'pairs[1].items: either both items or neither must have a transcript, or its presence gives the answer away'
		],
		[
			'a pair in two languages',
			(p) => (p.items[2].language = 'fr'),
			'pairs[1].items: both items must be in the same language (found the pack language and fr), or the language gives the answer away'
		],
		[
			'alt on one side',
			(p) => (p.items[0].alt = 'A face'),
			'pairs[0].items: either both items or neither must have an alt text, or its presence gives the answer away'
		],
		[
			'formats differ in a pair',
			(p) =>
				(p.items[1].media = [
					...p.items[1].media,
					{ ...p.items[1].media[0], src: 'media/00000000ff.webp' }
				]),
			'pairs[0].items: both items must have renditions of the same types in the same order (found [image/webp] and [image/webp, image/webp]), or the format gives the answer away'
		]
	];

	test.each(cases)('reports %s', (_name, breakIt, expected) => {
		const pack = valid() as Pack & Record<string, unknown>;
		breakIt(pack);
		expect(problems(pack)).toContain(expected);
	});

	test('reports a whole-file problem with an empty path', () => {
		for (const json of [null, [], 'pack', 3]) {
			const result = validatePack(json, FILE);
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result.errors).toEqual([
					{ file: FILE, path: '', message: expect.stringMatching(/^must be an? /) }
				]);
		}
	});

	test('never throws, whatever the input', () => {
		fc.assert(
			fc.property(fc.anything(), (json) => {
				const result = validatePack(json, FILE);
				expect(typeof result.ok).toBe('boolean');
			})
		);
		// Broken shapes of the right outline exercise the cross-checks' defensive reads.
		fc.assert(
			fc.property(
				fc.record({
					items: fc.array(
						fc.oneof(
							fc.anything(),
							fc.record({
								id: fc.string(),
								kind: fc.constantFrom('image', 'audio', 'video'),
								truth: fc.constantFrom('real', 'synthetic'),
								media: fc.anything(),
								tells: fc.array(fc.record({ category: fc.string(), region: fc.anything() }))
							})
						)
					),
					pairs: fc.array(
						fc.oneof(fc.anything(), fc.record({ id: fc.string(), items: fc.array(fc.string()) }))
					)
				}),
				(json) => {
					expect(validatePack(json, FILE).ok).toBe(false);
				}
			)
		);
	});
});

describe('singles', () => {
	const withTwo = () => withSingle(withSingle(valid(), '900', 'synthetic'), '901', 'real');

	test('accepts singles beside pairs, and a pack of singles alone', () => {
		expect(validatePack(withTwo(), FILE).ok).toBe(true);
		const alone = withSingle({ ...valid(), items: [], pairs: [] }, '900', 'synthetic');
		expect(validatePack(alone, FILE).ok).toBe(true);
	});

	test('a pack needs at least one pair or one single', () => {
		expect(problems({ ...valid(), pairs: [] })).toContain(
			'pairs: must have at least one pair (or a single in singles)'
		);
	});

	test('ids are unique across pairs and singles, each item exists, is in no pair and fits the topic', () => {
		const pack = withTwo();
		const singles = pack.singles!;
		singles[0].id = 'p000';
		singles.push({ id: 's902', item: 'i000r', tier: 1, topic: 'face' });
		singles.push({ id: 's901', item: 'i901x', tier: 1, topic: 'face' });
		singles.push({ id: 's903', item: 'nope', tier: 1, topic: 'face' });
		singles.push({ id: 's904', item: 'i900x', tier: 4 as 1, topic: 'voice' });
		expect(problems(pack).sort()).toEqual(
			[
				'singles[0].id: duplicate id "p000" (also pairs[0])',
				'singles[2].item: item "i000r" is also in pairs[0]',
				'singles[3].id: duplicate id "s901" (also singles[1])',
				'singles[3].item: item "i901x" is also in singles[1]',
				'singles[4].item: no item has id "nope"',
				'singles[5].tier: must be 1, 2 or 3',
				'singles[5].item: item "i900x" is also in singles[0]',
				'singles[5].topic: "voice" is for audio items, but the item is image'
			].sort()
		);
	});

	test('a synthetic single needs its tells, a real one has none (the item rules)', () => {
		const pack = withTwo();
		delete getItem(pack, 'i900x').tells;
		expect(problems(pack)).toEqual([
			`items[${pack.items.length - 2}].tells: a synthetic item needs at least one tell`
		]);
	});
});

describe('formatPackErrors', () => {
	test('prints one line per problem with file and path', () => {
		expect(
			formatPackErrors([
				{
					file: 'a/manifest.json',
					path: 'items[3].tells[0].region.x',
					message: 'must be between 0 and 1'
				},
				{ file: 'a/manifest.json', path: '', message: 'is not valid JSON' }
			])
		).toBe(
			'a/manifest.json: items[3].tells[0].region.x: must be between 0 and 1\na/manifest.json: is not valid JSON'
		);
	});
});

describe('lookups', () => {
	test('find items, pairs and the synthetic item of a pair, and throw on unknown ids', () => {
		const pack = valid();
		expect(getItem(pack, 'i001s').truth).toBe('synthetic');
		expect(getPair(pack, 'p001').items).toEqual(['i001s', 'i001r']);
		expect(syntheticItemOf(pack, getPair(pack, 'p000')).id).toBe('i000s');
		expect(() => getItem(pack, 'nope')).toThrow(/no item nope/);
		expect(() => getPair(pack, 'nope')).toThrow(/no pair nope/);
		const withOne = withSingle(pack, '900', 'real');
		expect(getRoundSource(withOne, 'p000')).toBe(getPair(withOne, 'p000'));
		expect(itemsOfSource(getRoundSource(withOne, 's900'))).toEqual(['i900x']);
		expect(() => getRoundSource(withOne, 'nope')).toThrow(/no pair or single nope/);
	});
});
