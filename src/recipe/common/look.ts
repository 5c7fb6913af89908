// Brings a fake picture to the same sharpness and grain as the real photo it is shown against, so
// that "pick the crisper one" or "pick the cleaner one" wins nothing (issue 22): a swapped or
// edited photo is often crisper than its partner (a bokeh, shaken or messenger-compressed photo)
// (and a swap can be softer, its face taken from a smaller photo); a forger who wanted to pass
// would match them too. The fake is softened (Gaussian) or sharpened (unsharp mask) and given
// grain (seeded Gaussian noise on brightness) until both measurements meet the real one's; the
// exact amounts are recorded in the item's parameters.
import sharp from 'sharp';
import type { Rgb } from './image';
import { mulberry32 } from '../../lib/game/play/random';
import { pictureLook } from '../../lib/game/pack/picture-look';

/** The two measurements that are matched, on brightness (Rec. 601 luma). */
export interface Look {
	/** Variance of the 4-neighbour Laplacian: high for crisp edges and fine texture. */
	sharpness: number;
	/** Immerkær's noise estimate: what is left when a kernel cancels smooth gradients. */
	noise: number;
}

/** Sharpness and noise measured as everywhere else in the game (picture-look.ts). */
export function measureLook({ data, width, height }: Rgb): Look {
	const { sharpness, noise } = pictureLook(data, width, height, 3);
	return { sharpness, noise };
}

function seedOf(text: string): number {
	let hash = 2166136261;
	for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
	return hash >>> 0;
}

/** One standard normal value per pixel, from the seed: the grain pattern, scaled later. */
function grainPattern(pixels: number, seed: number): Float32Array {
	// The game's own seeded generator, so the grain is the same on every run.
	const next = mulberry32(seed);
	const pattern = new Float32Array(pixels);
	for (let i = 0; i < pixels; i += 2) {
		const radius = Math.sqrt(-2 * Math.log(1 - next()));
		const angle = 2 * Math.PI * next();
		pattern[i] = radius * Math.cos(angle);
		if (i + 1 < pixels) pattern[i + 1] = radius * Math.sin(angle);
	}
	return pattern;
}

/** The Gaussian that softening amounts up to 1 blend in (and that larger amounts start from). */
const BASE_SIGMA = 1;

async function gaussian(image: Rgb, sigma: number): Promise<Rgb> {
	const data = await sharp(image.data, {
		raw: { width: image.width, height: image.height, channels: 3 }
	})
		.blur(sigma)
		.raw()
		.toBuffer();
	return { data: new Uint8Array(data), width: image.width, height: image.height };
}

/**
 * Softens (amount above 0) or sharpens (below 0) by a continuous amount. Up to 1, that share of a
 * Gaussian blur of sigma 1 is blended in (sharp's Gaussian starts at sigma 0.3, a jump too coarse
 * for small differences); above 1, the amount is the blur's sigma. Below 0 it is an unsharp mask:
 * the difference from that blur is added back, -amount times.
 */
async function soften(image: Rgb, amount: number): Promise<Rgb> {
	if (amount === 0) return image;
	if (amount > BASE_SIGMA) return gaussian(image, amount);
	const blurred = await gaussian(image, BASE_SIGMA);
	const data = new Uint8Array(image.data.length);
	for (let i = 0; i < data.length; i++) {
		const value = image.data[i] + amount * (blurred.data[i] - image.data[i]);
		data[i] = Math.max(0, Math.min(255, Math.round(value)));
	}
	return { data, width: image.width, height: image.height };
}

function addGrain(image: Rgb, pattern: Float32Array, strength: number): Rgb {
	if (strength <= 0) return image;
	const data = new Uint8Array(image.data.length);
	for (let i = 0; i < pattern.length; i++) {
		const offset = pattern[i] * strength;
		for (let c = 0; c < 3; c++) {
			data[i * 3 + c] = Math.max(0, Math.min(255, Math.round(image.data[i * 3 + c] + offset)));
		}
	}
	return { data, width: image.width, height: image.height };
}

/** Finds x in [low, high] where an increasing f(x) meets target, by bisection. */
async function solve(
	f: (x: number) => Promise<number>,
	target: number,
	low: number,
	high: number
): Promise<number> {
	if ((await f(low)) >= target) return low;
	if ((await f(high)) <= target) return high;
	for (let step = 0; step < 9; step++) {
		const middle = (low + high) / 2;
		if ((await f(middle)) < target) low = middle;
		else high = middle;
	}
	return (low + high) / 2;
}

/** What was done to a fake to match its partner, for the item's parameters. */
export interface LookMatch {
	image: Rgb;
	/**
	 * Up to 1: share of a sigma-1 Gaussian blur blended in; above: the Gaussian's sigma; below 0:
	 * an unsharp mask of that strength.
	 */
	softening: number;
	grainStrength: number;
	before: Look;
	after: Look;
	target: Look;
}

const SOFTENING_LIMIT = 8;
/** The strongest unsharp mask tried: three times the detail a sigma-1 blur removes, added back. */
const SHARPENING_LIMIT = 3;
const GRAIN_LIMIT = 24;

/**
 * Softens or sharpens and grains `fake` (the same size as `real`) until its sharpness and noise
 * meet the real photo's, alternating the two searches (twice) because grain also adds sharpness.
 */
export async function matchLook(fake: Rgb, real: Rgb, seedText: string): Promise<LookMatch> {
	const target = measureLook(real);
	const before = measureLook(fake);
	const pattern = grainPattern(fake.width * fake.height, seedOf(seedText));
	const render = async (sigma: number, grain: number) =>
		addGrain(await soften(fake, sigma), pattern, grain);
	let sigma = 0;
	let grain = 0;
	for (let round = 0; round < 2; round++) {
		// Blur lowers sharpness: search on its negative so the function increases.
		sigma = await solve(
			async (s) => -measureLook(await render(s, grain)).sharpness,
			-target.sharpness,
			-SHARPENING_LIMIT,
			SOFTENING_LIMIT
		);
		grain = await solve(
			async (g) => measureLook(await render(sigma, g)).noise,
			target.noise,
			0,
			GRAIN_LIMIT
		);
	}
	const round = (value: number) => Math.round(value * 1000) / 1000;
	sigma = round(sigma);
	grain = round(grain);
	const image = await render(sigma, grain);
	return {
		image,
		softening: sigma,
		grainStrength: grain,
		before,
		after: measureLook(image),
		target
	};
}
