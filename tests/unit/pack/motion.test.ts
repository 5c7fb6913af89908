// The motion cue of a video fake (src/recipe/common/motion.ts) on synthetic frames: a region that
// stands still in the fake while it moves in the original (a frozen mouth, a still patch) is a
// large mismatch; the same motion is none, and in a little other colours (a face swap that follows
// the mouth) little; a single frozen frame counts only for its two steps of a moment.
import { describe, expect, test } from 'vitest';
import type { Rgb } from '../../../src/recipe/common/image';
import {
	MOMENT_STEPS,
	motion,
	PLAIN_MISMATCH,
	type FramePair
} from '../../../src/recipe/common/motion';

const WIDTH = 320;
const HEIGHT = 240;
const BOX = { x0: 100, y0: 80, x1: 219, y1: 159 };

/** A grey frame with a dark bar across BOX at a height that moves with `phase`, tinted by `tint`. */
function frame(phase: number, tint = 0): Rgb {
	const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(160);
	const barY = BOX.y0 + ((phase * 8) % (BOX.y1 - BOX.y0 - 10));
	for (let y = barY; y < barY + 10; y++) {
		for (let x = BOX.x0; x <= BOX.x1; x++) {
			data.set([40 + tint, 40, 40], (y * WIDTH + x) * 3);
		}
	}
	return { data, width: WIDTH, height: HEIGHT };
}

const FRAMES = 12;
const steps = Array.from({ length: FRAMES - 1 }, (_, i) => ({ to: i + 1, box: BOX }));
const clip =
	(fake: (i: number) => Rgb) =>
	async (i: number): Promise<FramePair> => ({ fake: fake(i), original: frame(i) });

describe('motion cue', () => {
	test('a region frozen in the fake while it moves in the original is plain', async () => {
		const frozen = await motion(
			steps,
			clip(() => frame(0))
		);
		expect(frozen.mismatch).toBeGreaterThan(PLAIN_MISMATCH);
		expect(frozen.value).toBeGreaterThan(1);
	});

	test('a region that moves as in the original is no mismatch, or little in other colours', async () => {
		expect(
			(
				await motion(
					steps,
					clip((i) => frame(i))
				)
			).value
		).toBe(0);
		expect(
			(
				await motion(
					steps,
					clip((i) => frame(i, 20))
				)
			).value
		).toBeLessThan(0.5);
	});

	test('a frame frozen once counts only for its steps of a moment', async () => {
		const frozen = await motion(
			steps,
			clip(() => frame(0))
		);
		// Frame 6 repeats frame 5: the steps into and out of it differ, the other three of a moment not.
		const blip = await motion(
			steps,
			clip((i) => frame(i === 6 ? 5 : i))
		);
		expect(blip.mismatch).toBeGreaterThan(0);
		expect(blip.mismatch).toBeLessThan(frozen.mismatch / (MOMENT_STEPS - 2));
	});

	test('only the region of the steps is looked at', async () => {
		const outside = [{ to: 1, box: { x0: 0, y0: 0, x1: 50, y1: 50 } }];
		expect(
			(
				await motion(
					outside,
					clip(() => frame(0))
				)
			).value
		).toBe(0);
	});
});
