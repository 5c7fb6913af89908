// Nothing in the bytes, sizes, dimensions, durations or names of the served files may tell a
// player which side of a pair is synthetic.
import { describe, expect, test } from 'vitest';
import { MEDIA_KINDS, type MediaKind } from '$lib/game/pack/schema';
import { itemBytes, pack, packFiles, probeFile, sides } from './default-pack';

/** Words that would give the answer away in a file name or path. */
const TELLING_WORDS = /real|fake|synth|swap|orig/i;

/**
 * The share of a kind's pairs whose synthetic file is the larger one. A tie (identical sizes, as
 * constant-bitrate audio of equal length gives) says nothing either way and counts as half.
 */
function syntheticLargerShare(kind: MediaKind): { share: number; pairs: number; ties: number } {
	const current = pack();
	let larger = 0;
	let ties = 0;
	let pairs = 0;
	for (const pair of current.pairs) {
		const { synthetic, real } = sides(current, pair);
		if (synthetic.kind !== kind) continue;
		pairs++;
		const difference = itemBytes(synthetic) - itemBytes(real);
		if (difference > 0) larger++;
		else if (difference === 0) ties++;
	}
	return { share: pairs ? (larger + ties / 2) / pairs : 0.5, pairs, ties };
}

describe('leak audit of the default pack', () => {
	test.each(MEDIA_KINDS)('%s: the synthetic side is the larger file in 30-70% of pairs', (kind) => {
		const { share } = syntheticLargerShare(kind);
		expect(share).toBeGreaterThanOrEqual(0.3);
		expect(share).toBeLessThanOrEqual(0.7);
	});

	test('pair members match in dimensions, and in duration within 0.1 s, read from the files', () => {
		const current = pack();
		const wrong: string[] = [];
		for (const pair of current.pairs) {
			const { synthetic, real } = sides(current, pair);
			if (synthetic.media.length !== real.media.length) {
				wrong.push(`${pair.id}: ${synthetic.media.length} and ${real.media.length} renditions`);
				continue;
			}
			synthetic.media.forEach((rendition, i) => {
				const a = probeFile(rendition.src);
				const b = probeFile(real.media[i].src);
				if (a.format !== b.format) wrong.push(`${pair.id}[${i}]: ${a.format} vs ${b.format}`);
				if (a.width !== b.width || a.height !== b.height) {
					wrong.push(`${pair.id}[${i}]: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
				}
				if ((a.duration === undefined) !== (b.duration === undefined)) {
					wrong.push(`${pair.id}[${i}]: only one side has a duration`);
				} else if (a.duration !== undefined && Math.abs(a.duration - b.duration!) > 0.1) {
					wrong.push(`${pair.id}[${i}]: ${a.duration} s vs ${b.duration} s`);
				}
			});
		}
		expect(wrong).toEqual([]);
	});

	test('no served file carries metadata (EXIF, XMP, ICC, Opus comments, MP4 udta/meta)', () => {
		const found = packFiles()
			.filter((file) => file.startsWith('media/'))
			.flatMap((file) => probeFile(file).metadata.map((entry) => `${file}: ${entry}`));
		expect(found).toEqual([]);
	});

	test('encoder identification is the same in every file of a format', () => {
		const byFormat = new Map<string, Set<string>>();
		for (const file of packFiles().filter((name) => name.startsWith('media/'))) {
			const { format, encoderTags } = probeFile(file);
			const tags = byFormat.get(format) ?? new Set<string>();
			tags.add(encoderTags.join('\n'));
			byFormat.set(format, tags);
		}
		for (const [format, tags] of byFormat) {
			expect([...tags], `${format} files carry different encoder tags`).toHaveLength(1);
		}
	});

	test('no file name or path says real, fake, synth, swap or orig', () => {
		const telling = packFiles().filter((file) => TELLING_WORDS.test(file));
		const referenced = pack()
			.items.flatMap((item) => item.media.map((rendition) => rendition.src))
			.filter((src) => TELLING_WORDS.test(src));
		expect([...telling, ...referenced]).toEqual([]);
	});

	test('the pack folder holds the manifest and referenced media only', () => {
		const referenced = new Set(
			pack().items.flatMap((item) => item.media.map((rendition) => rendition.src))
		);
		const stray = packFiles().filter((file) => file !== 'manifest.json' && !referenced.has(file));
		expect(stray).toEqual([]);
	});

	test('a pair lists its items in an order that says nothing (not always real first)', () => {
		const current = pack();
		const firstIsSynthetic = current.pairs.filter(
			(pair) => current.items.find((item) => item.id === pair.items[0])?.truth === 'synthetic'
		).length;
		const share = firstIsSynthetic / current.pairs.length;
		expect(share).toBeGreaterThanOrEqual(0.3);
		expect(share).toBeLessThanOrEqual(0.7);
	});
});
