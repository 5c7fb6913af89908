import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadPackFromDir } from '$lib/server/packs/loader';
import { sniffMedia } from '$lib/game/pack/sniff';

const FIXTURES = 'tests/fixtures/packs';
const temporary: string[] = [];

/** A copy of a fixture pack in a temporary folder named `name`. */
function copyOf(fixture: string, name = fixture): string {
	const root = mkdtempSync(path.join(tmpdir(), 'telltale-pack-'));
	temporary.push(root);
	const dir = path.join(root, name);
	cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
	return dir;
}

afterEach(() => {
	for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function errorLines(dir: string): string[] {
	const loaded = loadPackFromDir(dir);
	if (loaded.ok) throw new Error(`expected ${dir} to be rejected`);
	return loaded.errors.map((error) =>
		[error.file, error.path, error.message].filter(Boolean).join(': ')
	);
}

describe('loadPackFromDir', () => {
	test('loads the tiny pack with all its media', () => {
		const loaded = loadPackFromDir(`${FIXTURES}/tiny`);
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		expect(loaded.pack.id).toBe('tiny');
		expect(loaded.dir).toBe(path.resolve(FIXTURES, 'tiny'));
		expect(new Set(loaded.pack.items.map((item) => item.kind))).toEqual(
			new Set(['image', 'audio', 'video'])
		);
	});

	test('names every media problem with the manifest file and the JSON path', () => {
		const file = `${FIXTURES}/broken-media/manifest.json`;
		expect(errorLines(`${FIXTURES}/broken-media`).sort()).toEqual(
			[
				`${file}: items[0].media[0].src: file not found: media/00000000deadbeef.webp`,
				`${file}: items[1].media[0].src: media/4ac203a9d16a08dbbb22.webp is not image/webp by its content (its bytes look like png)`,
				`${file}: items[2].media[0].src: is a symbolic link that leaves the pack folder: media/a1b2c3d4e5.webp`,
				`${file}: items[3].media[0].src: must be a relative path inside the pack folder (got "media/../../tiny/manifest.json")`,
				`${file}: items[3].media[0].src: must be "media/<content hash>.<ext>": inside the pack, with a name that says nothing about the item`,
				`${file}: items[3].media[0].src: extension ".json" does not match type image/webp (expected .webp)`,
				`${file}: items[6].media[0].src: media/0304182404c211a7d97e.mp4 is not video/mp4 by its content (its bytes look like ogg-opus)`
			].sort()
		);
	});

	test('reports schema problems and media problems together', () => {
		const lines = errorLines(`${FIXTURES}/broken-schema`);
		expect(lines).toContain(`${FIXTURES}/broken-schema/manifest.json: licence: is required`);
		expect(lines).toContain(
			`${FIXTURES}/broken-schema/manifest.json: pairs[1].items[1]: no item has id "i-missing"`
		);
		expect(lines).toHaveLength(21);
	});

	test('a manifest that is not JSON', () => {
		const dir = copyOf('tiny');
		writeFileSync(path.join(dir, 'manifest.json'), '{ "formatVersion": 1, "id": "tiny", }\n');
		expect(errorLines(dir)).toEqual([
			expect.stringMatching(/manifest\.json: is not valid JSON: .*position 36/)
		]);
	});

	test('a stale or malformed translation names the manifest file and its locale', () => {
		const dir = copyOf('tiny');
		const file = path.join(dir, 'manifest.json');
		const manifest = JSON.parse(readFileSync(file, 'utf8'));
		manifest.translations = {
			'zh-CN': { [manifest.title]: '小素材包', 'A sentence since rewritten': '一句旧话' },
			fr: { [manifest.title]: '' }
		};
		writeFileSync(file, JSON.stringify(manifest));
		expect(errorLines(dir)).toEqual([
			`${file}: translations.fr.${manifest.title}: must not be empty`
		]);
		manifest.translations.fr[manifest.title] = 'Petit paquet';
		writeFileSync(file, JSON.stringify(manifest));
		expect(errorLines(dir)).toEqual([
			`${file}: translations.zh-CN: "A sentence since rewritten" translates no text of this pack (a stale translation, if that text was changed)`
		]);
	});

	test('a folder without a manifest', () => {
		expect(errorLines(`${FIXTURES}/no-manifest`)).toEqual([
			`${FIXTURES}/no-manifest/manifest.json: not found: a pack folder needs a manifest.json`
		]);
	});

	test('the pack id must match its folder, since media are served from /packs/<id>/', () => {
		const dir = copyOf('tiny', 'renamed');
		expect(errorLines(dir)).toEqual([
			`${path.join(dir, 'manifest.json')}: id: must match the pack folder name "renamed"`
		]);
	});

	test('a symbolic link inside the pack folder is fine', () => {
		const dir = copyOf('tiny');
		const loaded = loadPackFromDir(dir);
		if (!loaded.ok) throw new Error('tiny should load');
		const first = loaded.pack.items[0].media[0].src;
		rmSync(path.join(dir, first));
		symlinkSync(path.join(dir, loaded.pack.items[0].media[1].src), path.join(dir, first));
		// The linked file is the same format, so only the name differs: still valid.
		expect(loadPackFromDir(dir).ok).toBe(true);
	});

	test('a folder where a media file should be', () => {
		const dir = copyOf('tiny');
		const loaded = loadPackFromDir(dir);
		if (!loaded.ok) throw new Error('tiny should load');
		const src = loaded.pack.items[0].media[0].src;
		rmSync(path.join(dir, src));
		mkdirSync(path.join(dir, src));
		expect(errorLines(dir)).toEqual([
			`${path.join(dir, 'manifest.json')}: items[0].media[0].src: is not a file: ${src}`
		]);
	});

	test('an empty media file', () => {
		const dir = copyOf('tiny');
		const loaded = loadPackFromDir(dir);
		if (!loaded.ok) throw new Error('tiny should load');
		const audio = loaded.pack.items.findIndex((item) => item.kind === 'audio');
		const src = loaded.pack.items[audio].media[0].src;
		writeFileSync(path.join(dir, src), '');
		expect(errorLines(dir)).toEqual([
			`${path.join(dir, 'manifest.json')}: items[${audio}].media[0].src: ${src} is not audio/ogg by its content (its bytes look like no known media format)`
		]);
	});
});

describe('sniffMedia', () => {
	const bytes = (...parts: Array<string | number[]>) =>
		Uint8Array.from(
			parts.flatMap((part) =>
				typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part
			)
		);
	const box = (major: string, ...compatible: string[]) => {
		const size = 16 + 4 * compatible.length;
		return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible);
	};

	test.each([
		['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
		['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
		['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
		['avif', box('avif', 'mif1', 'miaf')],
		['avif', box('mif1', 'avif')],
		['heif', box('heic', 'mif1')],
		['mp4', box('isom', 'iso2', 'avc1', 'mp41')],
		['mp4', box('M4A ', 'M4A ', 'mp42')],
		['ogg-opus', bytes('OggS', new Array(24).fill(0), 'OpusHead')],
		['ogg', bytes('OggS', new Array(24).fill(0), [1], 'vorbis')],
		[
			'webm',
			bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')
		],
		['matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska')],
		[null, bytes('GIF89a')],
		[null, bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
		[null, bytes()]
	])('%s', (expected, head) => {
		expect(sniffMedia(head)).toBe(expected);
	});
});
