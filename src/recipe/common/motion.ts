// How visible a video edit is in motion at phone size: what the frame measure
// (common/visibility.ts) cannot see, because it looks at one frame at a time. A mouth that stays
// shut while the man talks, a patch that stands still while the camera moves, a ball that vanishes
// mid-air, a face that flickers: each shows as the tell's region changing from frame to frame
// differently in the fake than in the same footage before the edit.
//
// Both are looked at 480 px wide (PHONE_WIDTH). For each step from one frame to the next, the
// region's motion is the mean absolute change of lightness (CIE L*) of its pixels, in the fake and
// in the original; the step's mismatch is the difference of the two. The eye follows motion over
// a moment, not one frame step (a single step can be a compression or detection blip), so the
// mismatch is averaged over MOMENT_STEPS steps (a third of a second at 15 frames a second; steps
// outside the tell count as no mismatch), and the largest such moment is taken. It is divided by
// the mismatch at which a viewer sees it plainly, PLAIN_MISMATCH: see README, "Video", for the
// pack's cases it was chosen from.
import { resizeRgb, type Rgb } from './image';
import { PHONE_WIDTH, toLab } from './visibility';

/** Steps averaged into one moment: a third of a second at the pack's 15 frames a second. */
export const MOMENT_STEPS = 5;
/** The moment's mean mismatch, in L* units a pixel, that a viewer sees plainly. */
export const PLAIN_MISMATCH = 3;

/** A region in the frame's own pixels (right and bottom edges included). */
export interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** One frame of a clip, as edited and as it was before the edit. */
export interface FramePair {
	fake: Rgb;
	original: Rgb;
}

/** A step from frame `to - 1` to frame `to`, looked at within `box`. */
export interface Step {
	to: number;
	box: Box;
}

export interface Motion {
	/** The largest moment's mismatch over PLAIN_MISMATCH: 1 is plain, more is more obvious. */
	value: number;
	/** That moment's mean mismatch, L* units a pixel. */
	mismatch: number;
	/** The frame the moment starts at. */
	from: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Lightness (L*) of every pixel at phone size. */
async function lightness(image: Rgb): Promise<{ l: Float32Array; scale: number; width: number }> {
	const small = await resizeRgb(image, PHONE_WIDTH);
	const lab = toLab(small);
	const l = new Float32Array(small.width * small.height);
	for (let i = 0; i < l.length; i++) l[i] = lab[i * 3];
	return { l, scale: PHONE_WIDTH / image.width, width: small.width };
}

/** Mean absolute change of lightness from `a` to `b` within `box` (already at phone size). */
function change(a: Float32Array, b: Float32Array, width: number, box: Box): number {
	let sum = 0;
	let count = 0;
	for (let y = box.y0; y <= box.y1; y++) {
		for (let x = box.x0; x <= box.x1; x++) {
			sum += Math.abs(b[y * width + x] - a[y * width + x]);
			count++;
		}
	}
	return sum / Math.max(1, count);
}

/**
 * The motion cue of a video edit over the given steps (in frame order), with `frame(i)` giving
 * frame i edited and before the edit.
 */
export async function motion(
	steps: Step[],
	frame: (index: number) => Promise<FramePair>
): Promise<Motion> {
	const seen = new Map<
		number,
		{ fake: Float32Array; original: Float32Array; scale: number; width: number }
	>();
	const at = async (index: number) => {
		let found = seen.get(index);
		if (!found) {
			const pair = await frame(index);
			const fake = await lightness(pair.fake);
			const original = await lightness(pair.original);
			found = { fake: fake.l, original: original.l, scale: fake.scale, width: fake.width };
			seen.set(index, found);
			// Steps come in frame order: only the previous frame is needed again.
			for (const key of seen.keys()) if (key < index - 1) seen.delete(key);
		}
		return found;
	};
	const mismatches = new Map<number, number>();
	for (const step of [...steps].sort((a, b) => a.to - b.to)) {
		const before = await at(step.to - 1);
		const after = await at(step.to);
		const height = after.fake.length / after.width;
		const box = {
			x0: Math.max(0, Math.floor(step.box.x0 * after.scale)),
			y0: Math.max(0, Math.floor(step.box.y0 * after.scale)),
			x1: Math.min(after.width - 1, Math.ceil(step.box.x1 * after.scale)),
			y1: Math.min(height - 1, Math.ceil(step.box.y1 * after.scale))
		};
		mismatches.set(
			step.to,
			Math.abs(
				change(before.fake, after.fake, after.width, box) -
					change(before.original, after.original, after.width, box)
			)
		);
	}
	let best: { mismatch: number; from: number } = { mismatch: 0, from: 0 };
	for (const start of [...mismatches.keys()]) {
		let sum = 0;
		for (let to = start; to < start + MOMENT_STEPS; to++) sum += mismatches.get(to) ?? 0;
		if (sum / MOMENT_STEPS > best.mismatch)
			best = { mismatch: sum / MOMENT_STEPS, from: start - 1 };
	}
	return {
		value: round2(best.mismatch / PLAIN_MISMATCH),
		mismatch: round2(best.mismatch),
		from: best.from
	};
}
