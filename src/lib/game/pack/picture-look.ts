/**
 * How a picture looks overall, from its pixels: the simple measurements that are not tells, which
 * a player could learn to pick by ("the crisper one", "the darker one") without learning how
 * fakes are made. The default pack's give-away audit measures its pairs by them, and a teacher's
 * pack warns when its fake stands out by one (teacher.ts, lookWarnings).
 */

export interface PictureLook {
	/** Mean grey level, 0-255. */
	brightness: number;
	/** Spread of the grey levels. */
	contrast: number;
	/** Variance of the grey Laplacian: fine detail. */
	sharpness: number;
	/**
	 * Immerkær's fast noise estimate: a kernel that cancels smooth gradients leaves mostly sensor
	 * and compression noise.
	 */
	noise: number;
	/** Hasler and Süsstrunk's colourfulness. */
	colourfulness: number;
}

/** The look of a picture's pixels (RGB or RGBA, `channels` bytes each, row by row). */
export function pictureLook(
	pixels: Uint8Array,
	width: number,
	height: number,
	channels: number
): PictureLook {
	const n = width * height;
	const grey = new Float32Array(n);
	let sum = 0;
	let sum2 = 0;
	let rg = 0;
	let yb = 0;
	let rg2 = 0;
	let yb2 = 0;
	for (let i = 0; i < n; i++) {
		const r = pixels[i * channels];
		const g = pixels[i * channels + 1];
		const b = pixels[i * channels + 2];
		const level = 0.299 * r + 0.587 * g + 0.114 * b;
		grey[i] = level;
		sum += level;
		sum2 += level * level;
		const redGreen = r - g;
		const yellowBlue = (r + g) / 2 - b;
		rg += redGreen;
		yb += yellowBlue;
		rg2 += redGreen * redGreen;
		yb2 += yellowBlue * yellowBlue;
	}
	let lap = 0;
	let lap2 = 0;
	let noise = 0;
	let count = 0;
	for (let y = 1; y < height - 1; y++) {
		for (let x = 1; x < width - 1; x++) {
			const at = y * width + x;
			const centre = grey[at];
			const cross = grey[at - width] + grey[at + width] + grey[at - 1] + grey[at + 1];
			const corners =
				grey[at - width - 1] + grey[at - width + 1] + grey[at + width - 1] + grey[at + width + 1];
			const laplacian = cross - 4 * centre;
			lap += laplacian;
			lap2 += laplacian * laplacian;
			noise += Math.abs(4 * centre - 2 * cross + corners);
			count++;
		}
	}
	const spread = (mean: number, square: number) => Math.max(0, square / n - mean * mean);
	const mean = n > 0 ? sum / n : 0;
	const [meanRg, meanYb] = [rg / n, yb / n];
	const meanLap = count > 0 ? lap / count : 0;
	return {
		brightness: mean,
		contrast: n > 0 ? Math.sqrt(spread(mean, sum2)) : 0,
		sharpness: count > 0 ? Math.max(0, lap2 / count - meanLap * meanLap) : 0,
		noise: count > 0 ? (Math.sqrt(Math.PI / 2) / 6) * (noise / count) : 0,
		colourfulness:
			n > 0
				? Math.sqrt(spread(meanRg, rg2) + spread(meanYb, yb2)) + 0.3 * Math.hypot(meanRg, meanYb)
				: 0
	};
}

/** The mean of several looks, measure by measure: a video's look from some of its frames. */
export function averageLook(looks: PictureLook[]): PictureLook {
	const mean = (measure: keyof PictureLook) =>
		looks.reduce((sum, look) => sum + look[measure], 0) / Math.max(1, looks.length);
	return {
		brightness: mean('brightness'),
		contrast: mean('contrast'),
		sharpness: mean('sharpness'),
		noise: mean('noise'),
		colourfulness: mean('colourfulness')
	};
}
