// The photometric half of a face swap, where the difficulty tiers differ: how the warped face is
// recoloured and how its edge meets the target photo.
import type { Rgb } from '../common/image';

/** Converts sRGB bytes to CIE Lab (D65), the space where colour transfer matches skin tones. */
function toLab(r: number, g: number, b: number): [number, number, number] {
	const lin = (c: number) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	const [lr, lg, lb] = [lin(r), lin(g), lin(b)];
	const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
	const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
	const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
	const [fx, fy, fz] = [f(x), f(y), f(z)];
	return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function fromLab(l: number, a: number, bb: number): [number, number, number] {
	const fy = (l + 16) / 116;
	const fx = fy + a / 500;
	const fz = fy - bb / 200;
	const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
	const x = inv(fx) * 0.95047;
	const y = inv(fy);
	const z = inv(fz) * 1.08883;
	const lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
	const lg = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
	const lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
	const gamma = (c: number) => {
		const s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.max(c, 0) ** (1 / 2.4) - 0.055;
		return Math.min(255, Math.max(0, s * 255));
	};
	return [gamma(lr), gamma(lg), gamma(lb)];
}

/**
 * Reinhard colour transfer: shifts and scales each Lab channel of the warped face (inside `mask`)
 * so that its mean and spread match the target's own face under the same mask.
 */
export function transferColour(warped: Float32Array, target: Rgb, mask: Uint8Array): Float32Array {
	const stats = (pixels: ArrayLike<number>) => {
		const sum = [0, 0, 0];
		const sq = [0, 0, 0];
		let n = 0;
		for (let i = 0; i < mask.length; i++) {
			if (!mask[i]) continue;
			const lab = toLab(pixels[i * 3], pixels[i * 3 + 1], pixels[i * 3 + 2]);
			for (let c = 0; c < 3; c++) {
				sum[c] += lab[c];
				sq[c] += lab[c] * lab[c];
			}
			n++;
		}
		const mean = sum.map((s) => s / n);
		const std = sq.map((s, c) => Math.sqrt(Math.max(s / n - mean[c] * mean[c], 1e-6)));
		return { mean, std };
	};
	const from = stats(warped);
	const to = stats(target.data);
	const out = new Float32Array(warped.length);
	for (let i = 0; i < mask.length; i++) {
		if (!mask[i]) continue;
		const lab = toLab(warped[i * 3], warped[i * 3 + 1], warped[i * 3 + 2]);
		const moved = lab.map((v, c) => ((v - from.mean[c]) * to.std[c]) / from.std[c] + to.mean[c]);
		out.set(fromLab(moved[0], moved[1], moved[2]), i * 3);
	}
	return out;
}

/**
 * Distance (in pixels, chamfer 3-4 approximation) from each pixel inside `mask` to the nearest
 * pixel outside it; 0 outside. Used to feather an edge inwards without growing the mask.
 */
export function insideDistance(mask: Uint8Array, width: number, height: number): Float32Array {
	const big = 1e9;
	const d = new Float32Array(mask.length);
	for (let i = 0; i < mask.length; i++) d[i] = mask[i] ? big : 0;
	const at = (x: number, y: number) =>
		x < 0 || y < 0 || x >= width || y >= height ? 0 : d[y * width + x];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			if (!d[i]) continue;
			d[i] = Math.min(
				d[i],
				at(x - 1, y) + 3,
				at(x, y - 1) + 3,
				at(x - 1, y - 1) + 4,
				at(x + 1, y - 1) + 4
			);
		}
	}
	for (let y = height - 1; y >= 0; y--) {
		for (let x = width - 1; x >= 0; x--) {
			const i = y * width + x;
			if (!d[i]) continue;
			d[i] = Math.min(
				d[i],
				at(x + 1, y) + 3,
				at(x, y + 1) + 3,
				at(x + 1, y + 1) + 4,
				at(x - 1, y + 1) + 4
			);
		}
	}
	for (let i = 0; i < d.length; i++) d[i] /= 3;
	return d;
}

/** Alpha for compositing: a hard cut (feather 0) or a smooth ramp `feather` pixels wide inside the edge. */
export function edgeAlpha(
	mask: Uint8Array,
	width: number,
	height: number,
	feather: number
): Float32Array {
	if (feather <= 0) return Float32Array.from(mask);
	const distance = insideDistance(mask, width, height);
	return distance.map((dist) => {
		const t = Math.min(1, dist / feather);
		return t * t * (3 - 2 * t);
	});
}

/** Lays the warped face over the target photo with the given per-pixel alpha. */
export function composite(target: Rgb, face: Float32Array, alpha: Float32Array): Rgb {
	const data = new Uint8Array(target.data.length);
	for (let i = 0; i < alpha.length; i++) {
		for (let c = 0; c < 3; c++) {
			const v = face[i * 3 + c] * alpha[i] + target.data[i * 3 + c] * (1 - alpha[i]);
			data[i * 3 + c] = Math.round(Math.min(255, Math.max(0, v)));
		}
	}
	return { data, width: target.width, height: target.height };
}
