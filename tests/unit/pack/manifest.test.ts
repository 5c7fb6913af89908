import { describe, expect, test } from 'vitest';
import { formatPackErrors } from '$lib/game/pack/schema';
import { loaded, pack, probeFile } from './default-pack';

const FORMAT_OF_KIND = { image: ['webp'], audio: ['ogg-opus'], video: ['mp4'] } as const;

describe('the committed default pack', () => {
	test('its manifest validates and every referenced file exists with the right magic bytes', () => {
		// loadPackFromDir runs the schema, the cross-checks and the media sniffing in one go.
		expect(loaded.ok ? '' : formatPackErrors(loaded.errors)).toBe('');
	});

	test('every rendition is, by its bytes, the kind its item says', () => {
		const wrong: string[] = [];
		for (const item of pack().items) {
			for (const rendition of item.media) {
				const found = probeFile(rendition.src).format;
				if (!(FORMAT_OF_KIND[item.kind] as readonly string[]).includes(found)) {
					wrong.push(`${rendition.src}: ${item.kind} item, but the file is ${found}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	test('declared dimensions and durations are the ones in the files', () => {
		const wrong: string[] = [];
		for (const item of pack().items) {
			for (const rendition of item.media) {
				const found = probeFile(rendition.src);
				if (rendition.width !== undefined && rendition.width !== found.width) {
					wrong.push(`${rendition.src}: width ${rendition.width} declared, ${found.width} in file`);
				}
				if (rendition.height !== undefined && rendition.height !== found.height) {
					wrong.push(
						`${rendition.src}: height ${rendition.height} declared, ${found.height} in file`
					);
				}
				if (
					rendition.duration !== undefined &&
					Math.abs(rendition.duration - (found.duration ?? Infinity)) > 0.05
				) {
					wrong.push(
						`${rendition.src}: ${rendition.duration} s declared, ${found.duration} s in file`
					);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	test('images come in two widths, for phones and for projectors', () => {
		const wrong = pack()
			.items.filter((item) => item.kind === 'image')
			.filter((item) => new Set(item.media.map((rendition) => rendition.width)).size < 2)
			.map((item) => item.id);
		expect(wrong).toEqual([]);
	});
});
