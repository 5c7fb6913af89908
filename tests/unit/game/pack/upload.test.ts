import { describe, expect, test } from 'vitest';
import { checkUpload, isSoundOrVideo } from '$lib/game/pack/upload';

const bytes = (...parts: Array<string | number[]>) =>
	Uint8Array.from(
		parts.flatMap((part) =>
			typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part
		)
	);
const PNG_HEAD = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]);
const png = (...rest: Array<string | number[]>) =>
	bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'IHDR', ...rest, 'IEND', [0xae, 0x42, 0x60, 0x82]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF', [0xff, 0xd9]);
const MAX = 1024;

describe('checkUpload: the format comes from the bytes', () => {
	test.each([
		['png', png()],
		['jpeg', JPEG],
		['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
		['avif', bytes([0, 0, 0, 20], 'ftypavif', [0, 0, 0, 0], 'mif1')]
	])('%s is taken', (format, file) => {
		expect(checkUpload(file, MAX)).toEqual({ ok: true, format });
	});

	test('HEIC (an image format browsers cannot show) is not taken', () => {
		const heic = bytes([0, 0, 0, 20], 'ftypheic', [0, 0, 0, 0], 'mif1');
		expect(checkUpload(heic, MAX)).toEqual({ ok: false, refusal: 'not-an-image' });
	});
});

describe('sound and video: converted by the editor in the browser, never decoded here', () => {
	const sounds = [
		['WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
		['MP3 with tags', bytes('ID3', [4, 0, 0])],
		['MP3 without tags', bytes([0xff, 0xfb, 0x90, 0x64])],
		['M4A', bytes([0, 0, 0, 24], 'ftypM4A ', [0, 0, 0, 0], 'isom')],
		['MOV', bytes([0, 0, 0, 20], 'ftypqt  ', [0, 0, 0, 0])],
		['Ogg Vorbis', bytes('OggS', [0, 2], new Array(22).fill(0), [1], 'vorbis')],
		['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm')]
	] as const;
	test.each(sounds)('%s is a sound or video file', (_, file) => {
		expect(isSoundOrVideo(file)).toBe(true);
		// Sent as it is (a browser without JavaScript), it is refused with that reason.
		expect(checkUpload(file, MAX)).toEqual({ ok: false, refusal: 'sound-or-video' });
	});
	test.each([
		['a JPEG', JPEG],
		['a PNG', png()],
		['a program', bytes([0x7f], 'ELF', [2, 1, 1, 0])],
		['text', bytes('just some text')],
		['HEIC', bytes([0, 0, 0, 20], 'ftypheic', [0, 0, 0, 0], 'mif1')]
	])('%s is not', (_, file) => {
		expect(isSoundOrVideo(file)).toBe(false);
	});
});

describe('checkUpload: refusals and their reasons', () => {
	test.each([
		['empty', bytes()],
		['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
		['svg', bytes([0xef, 0xbb, 0xbf], '  <?xml version="1.0"?>\n<svg></svg>')],
		['markup', bytes('<!doctype html><html></html>')],
		['executable', bytes([0x7f], 'ELF', [2, 1, 1, 0])],
		['executable', bytes('MZ', [0x90, 0])],
		['executable', bytes('#!/bin/sh\necho hi\n')],
		['archive', bytes('PK', [3, 4, 20, 0])],
		['archive', bytes([0x1f, 0x8b, 8, 0])],
		['not-an-image', bytes('GIF89a')],
		['not-an-image', bytes('just some text')]
	])('%s', (refusal, file) => {
		expect(checkUpload(file, MAX)).toEqual({ ok: false, refusal });
	});

	test('a picture larger than the limit', () => {
		const big = png(new Array(MAX).fill(0));
		expect(checkUpload(big, MAX)).toEqual({ ok: false, refusal: 'too-large' });
	});

	test('what a file is matters more than its size: a big program is a program', () => {
		const program = bytes([0x7f], 'ELF', new Array(MAX * 2).fill(0));
		expect(checkUpload(program, MAX)).toEqual({ ok: false, refusal: 'executable' });
	});
});

describe('checkUpload: polyglots', () => {
	test('a PNG with anything after its end', () => {
		expect(checkUpload(bytes(...[png()].map((p) => Array.from(p)), 'extra'), MAX)).toEqual({
			ok: false,
			refusal: 'polyglot'
		});
	});

	test('a PNG with no end at all', () => {
		expect(checkUpload(bytes(Array.from(PNG_HEAD), 'IHDR'), MAX)).toEqual({
			ok: false,
			refusal: 'polyglot'
		});
	});

	test('a JPEG that is also a zip (its directory at the end)', () => {
		const file = bytes(Array.from(JPEG), 'PK', [1, 2, 3, 4], 'PK', [5, 6], new Array(18).fill(0));
		expect(checkUpload(file, MAX)).toEqual({ ok: false, refusal: 'polyglot' });
	});

	test.each(['<script>', '<HTML>', '<?php echo 1; ?>', '<iframe src=x>', 'JavaScript:alert(1)'])(
		'a picture carrying %s',
		(marker) => {
			const file = bytes([0xff, 0xd8, 0xff, 0xfe], marker, [0xff, 0xd9]);
			expect(checkUpload(file, MAX)).toEqual({ ok: false, refusal: 'polyglot' });
		}
	);

	test("bytes after a JPEG's end are a phone's second picture, not a polyglot", () => {
		const file = bytes(Array.from(JPEG), Array.from(JPEG));
		expect(checkUpload(file, MAX)).toEqual({ ok: true, format: 'jpeg' });
	});
});
