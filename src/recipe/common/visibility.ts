// How visible a picture fake's edit is at phone size: one number per pair, from the edited picture
// and the same picture before the edit, so that tiers follow what a player sees rather than
// which blending or edit the plan chose (issue 22, "tiers from measurement").
//
// Both are looked at 480 px wide, the phone rendition. The changed area is where the edit moved
// a pixel's colour by more than CHANGED_DE (CIE76 in Lab), and its surround the unchanged pixels
// within SURROUND_PX of it. Three cues a player can see are measured, each as the change the edit
// made to what was already there (a face is always darker than a white wall; only what the edit
// added counts), divided by the size at which it is plainly seen:
// - a seam: new edge strength along the changed area's border (lightness step per pixel beyond
//   the original's; 8, a hard paste line, is plain);
// - a colour mismatch: the changed area's mean colour against both what it covered and its
//   surround (the smaller Lab distance of the means: a filled-in object takes the wall's colour,
//   which is no flaw; 10, "the face is greyer than his neck", is plain);
// - a texture mismatch: the changed area's fine detail against its surround's (log2 of the
//   ratio of Laplacian variances, beyond the original's; 1, half or twice the detail, is plain).
// The largest cue is taken, because one clear cue is enough to see a fake (as for voices,
// voices/difficulty.ts), scaled down for an edit smaller than SMALL_SHARE of the picture, which
// at phone size is a few millimetres across. 1 means the clearest cue is plain; more is more obvious.
import { resizeRgb, type Rgb } from './image';

/** The phone rendition's width, at which a player first sees the picture. */
export const PHONE_WIDTH = 480;
const CHANGED_DE = 6;
const SURROUND_PX = 6;
const PLAIN = { seam: 8, colour: 10, texture: 1 };
const SMALL_SHARE = 0.01;

/** CIE Lab values of an image's pixels, three a pixel. */
export type Lab = Float32Array;

/** CIE Lab (D65) of every pixel, three values each. */
export function toLab({ data, width, height }: Rgb): Lab {
	const lab = new Float32Array(width * height * 3);
	const linear = (v: number) => {
		const c = v / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
	for (let i = 0; i < width * height; i++) {
		const r = linear(data[i * 3]);
		const g = linear(data[i * 3 + 1]);
		const b = linear(data[i * 3 + 2]);
		const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
		const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
		const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
		lab[i * 3] = 116 * y - 16;
		lab[i * 3 + 1] = 500 * (x - y);
		lab[i * 3 + 2] = 200 * (y - z);
	}
	return lab;
}

function distance(a: Lab, i: number, b: Lab, j: number): number {
	return Math.hypot(a[i * 3] - b[j * 3], a[i * 3 + 1] - b[j * 3 + 1], a[i * 3 + 2] - b[j * 3 + 2]);
}

/** Grows a mask by `steps` pixels (3x3 neighbourhood per step). */
function dilate(mask: Uint8Array, width: number, height: number, steps: number): Uint8Array {
	let current = mask;
	for (let step = 0; step < steps; step++) {
		const next = current.slice();
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				if (current[y * width + x]) continue;
				search: for (let dy = -1; dy <= 1; dy++) {
					for (let dx = -1; dx <= 1; dx++) {
						const yy = y + dy;
						const xx = x + dx;
						if (yy < 0 || xx < 0 || yy >= height || xx >= width) continue;
						if (current[yy * width + xx]) {
							next[y * width + x] = 1;
							break search;
						}
					}
				}
			}
		}
		current = next;
	}
	return current;
}

/** Mean Lab over a set of pixels. */
function meanLab(lab: Lab, pixels: number[]): Lab {
	const sum = new Float32Array(3);
	for (const i of pixels) for (let c = 0; c < 3; c++) sum[c] += lab[i * 3 + c];
	return sum.map((v) => v / Math.max(1, pixels.length));
}

/** Variance of the 4-neighbour Laplacian of lightness over a set of (inner) pixels. */
function detail(lab: Lab, width: number, pixels: number[]): number {
	const values = pixels.map(
		(i) =>
			4 * lab[i * 3] -
			lab[(i - 1) * 3] -
			lab[(i + 1) * 3] -
			lab[(i - width) * 3] -
			lab[(i + width) * 3]
	);
	const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
	return values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length) + 1e-6;
}

/** Lightness gradient magnitude at an inner pixel (central differences). */
function edge(lab: Lab, width: number, i: number): number {
	return Math.hypot(
		(lab[(i + 1) * 3] - lab[(i - 1) * 3]) / 2,
		(lab[(i + width) * 3] - lab[(i - width) * 3]) / 2
	);
}

export interface Visibility {
	/** The largest cue divided by its plain size, scaled for small edits (see above). */
	value: number;
	seam: number;
	colour: number;
	texture: number;
	changedShare: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The visibility at phone size of the edit that turned `before` into `after` (same size). */
export async function visibility(after: Rgb, before: Rgb): Promise<Visibility> {
	const fake = await resizeRgb(after, PHONE_WIDTH);
	const base = await resizeRgb(before, PHONE_WIDTH);
	const { width, height } = fake;
	const [a, b] = [toLab(fake), toLab(base)];
	const changed = new Uint8Array(width * height);
	for (let i = 0; i < changed.length; i++) changed[i] = distance(a, i, b, i) > CHANGED_DE ? 1 : 0;
	const grown = dilate(changed, width, height, SURROUND_PX);
	const inside: number[] = [];
	const surround: number[] = [];
	const border: number[] = [];
	for (let y = 1; y < height - 1; y++) {
		for (let x = 1; x < width - 1; x++) {
			const i = y * width + x;
			if (changed[i]) {
				inside.push(i);
				if (!changed[i - 1] || !changed[i + 1] || !changed[i - width] || !changed[i + width])
					border.push(i);
			} else if (grown[i]) surround.push(i);
		}
	}
	const changedShare = inside.length / (width * height);
	if (inside.length === 0 || surround.length === 0) {
		return { value: 0, seam: 0, colour: 0, texture: 0, changedShare };
	}
	const seam =
		border.reduce((sum, i) => sum + Math.max(0, edge(a, width, i) - edge(b, width, i)), 0) /
		border.length;
	// A changed area that neither keeps its own colour nor takes its surround's: a pasted face
	// darker than the one it covers and than the neck, not an object cleanly filled with the
	// wall behind it (which changes colour a lot, to its surround's).
	const changedMean = meanLab(a, inside);
	const colour = Math.min(
		distance(changedMean, 0, meanLab(b, inside), 0),
		distance(changedMean, 0, meanLab(a, surround), 0)
	);
	const detailStep = (lab: Lab) =>
		Math.abs(Math.log2(detail(lab, width, inside) / detail(lab, width, surround)));
	const texture = Math.max(0, detailStep(a) - detailStep(b));
	const largest = Math.max(seam / PLAIN.seam, colour / PLAIN.colour, texture / PLAIN.texture);
	const size = Math.min(1, Math.sqrt(changedShare / SMALL_SHARE));
	return {
		value: round2(largest * size),
		seam: round2(seam),
		colour: round2(colour),
		texture: round2(texture),
		changedShare: round2(changedShare)
	};
}
