// The audit is only as good as its parsers: each must find metadata where it is, and read sizes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { PACK_DIR, pack } from './default-pack';
import { probe } from './media-probe';

function firstFile(extension: string): Buffer {
	const src = pack()
		.items.flatMap((item) => item.media.map((rendition) => rendition.src))
		.find((candidate) => candidate.endsWith(extension));
	if (!src) throw new Error(`the pack has no ${extension} file`);
	return readFileSync(path.join(PACK_DIR, src));
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** An ISO BMFF box: 32-bit size, four-character type, body. */
function box(type: string, ...body: Uint8Array[]): Uint8Array {
	const size = 8 + body.reduce((sum, part) => sum + part.length, 0);
	const out = new Uint8Array(size);
	new DataView(out.buffer).setUint32(0, size);
	out.set(ascii(type), 4);
	let at = 8;
	for (const part of body) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

describe('media probe', () => {
	test('reads WebP dimensions and finds an EXIF chunk', async () => {
		const pixels = sharp({
			create: { width: 12, height: 7, channels: 3, background: { r: 200, g: 90, b: 40 } }
		});
		const clean = await pixels.clone().webp().toBuffer();
		const tagged = await pixels
			.clone()
			.webp()
			.withExif({ IFD0: { Copyright: 'someone' } })
			.toBuffer();
		expect(probe(clean)).toMatchObject({ format: 'webp', width: 12, height: 7, metadata: [] });
		expect(probe(tagged).metadata).toContain('EXIF chunk');
	});

	test('reads an Opus duration and vendor, and sees no comment in a pack file', () => {
		const found = probe(firstFile('.opus'));
		expect(found.format).toBe('ogg-opus');
		expect(found.duration).toBeGreaterThan(1);
		expect(found.metadata).toEqual([]);
		expect(found.encoderTags).toHaveLength(1);
	});

	test('reads an MP4 duration, ignores an empty udta/meta, flags one with entries', () => {
		const ftyp = box('ftyp', ascii('isom'), new Uint8Array(4), ascii('isom'));
		const mvhd = new Uint8Array(100);
		new DataView(mvhd.buffer).setUint32(12, 1000); // timescale
		new DataView(mvhd.buffer).setUint32(16, 2500); // duration
		const meta = (...children: Uint8Array[]) =>
			box('meta', new Uint8Array(4), box('hdlr', new Uint8Array(24)), ...children);
		const file = (...udta: Uint8Array[]) =>
			Buffer.concat([ftyp, box('moov', box('mvhd', mvhd), box('udta', ...udta))]);

		expect(probe(file(meta(box('ilst'))))).toMatchObject({ duration: 2.5, metadata: [] });
		const tagged = probe(file(meta(box('ilst', box('©too', ascii('Lavf'))))));
		expect(tagged.metadata).toEqual(['/moov/udta/meta/ilst/©too box']);
		expect(probe(file(box('©nam', ascii('clip')))).metadata).toEqual(['/moov/udta/©nam box']);
	});

	test('refuses a format the pack must not serve', () => {
		expect(() => probe(Buffer.from('GIF89a........'))).toThrow(/unknown media format/);
	});
});
