// Sample-level editing shared by both sides of every pair: find the speech, cut, join, pad, level.
import { speechBounds as speechBoundsAt } from '../../lib/game/pack/speech-bounds';
import { RATE, type Samples } from './audio';

/** Seconds to samples. */
export function at(seconds: number): number {
	return Math.round(seconds * RATE);
}

/** Where speech starts and ends, in samples (the rule is $lib's, shared with the editor). */
export function speechBounds(samples: Samples): { start: number; end: number } {
	const bounds = speechBoundsAt(samples, RATE);
	if (!bounds) throw new Error('clip is silent');
	return bounds;
}

/** The speech of a clip without the silence around it. */
export function trim(samples: Samples): Samples {
	const { start, end } = speechBounds(samples);
	return samples.slice(start, end);
}

/** Silence of the given length in seconds. */
export function silence(seconds: number): Samples {
	return new Float32Array(at(seconds));
}

/** Joins clips end to end. */
export function concat(parts: Samples[]): Samples {
	const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** Multiplies by a gain in dB. */
export function gain(samples: Samples, db: number): Samples {
	const factor = 10 ** (db / 20);
	return samples.map((v) => v * factor);
}

/** Peak level in dBFS. */
export function peakDb(samples: Samples): number {
	const peak = samples.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
	return 20 * Math.log10(peak);
}

/** Pads with silence (or cuts trailing samples) to exactly `length` samples. */
export function fitLength(samples: Samples, length: number): Samples {
	const out = new Float32Array(length);
	out.set(samples.subarray(0, length));
	return out;
}

/**
 * The quietest 10 ms point (sample index) within `window` seconds of `near` seconds: where a cut
 * between two aligned words does the least damage.
 */
export function quietestPoint(samples: Samples, near: number, window = 0.04): number {
	const step = at(0.0025);
	const frame = at(0.01);
	let best = at(near);
	let bestLevel = Infinity;
	for (let centre = at(near - window); centre <= at(near + window); centre += step) {
		const from = Math.max(0, centre - frame / 2);
		const to = Math.min(samples.length, centre + frame / 2);
		let sum = 0;
		for (let i = from; i < to; i++) sum += samples[i] * samples[i];
		if (sum < bestLevel) {
			bestLevel = sum;
			best = centre;
		}
	}
	return Math.max(0, Math.min(samples.length, best));
}
