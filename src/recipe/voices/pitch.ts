// A small YIN pitch tracker (de Cheveigné & Kawahara, 2002). Its numbers go into the tells'
// explanations, so it stays simple enough to check by hand: 40 ms frames every 10 ms, pitch between
// 70 and 400 Hz, a frame counts as voiced when YIN's dip is clear and the frame is not near-silent.
import { RATE, type Samples } from './audio';

/** Seconds between pitch frames. */
export const HOP = 0.01;
const WINDOW = Math.round(0.04 * RATE);
const MIN_LAG = Math.floor(RATE / 400);
const MAX_LAG = Math.ceil(RATE / 70);
const THRESHOLD = 0.3;

/** A pitch track: one value per HOP. */
export interface PitchTrack {
	/** Pitch in Hz, or 0 where the frame is unvoiced or silent. */
	f0: Float64Array;
	/**
	 * YIN's dip at the chosen period (0 = the wave repeats exactly, 1 = no repetition): how rough or
	 * noisy (high) or how machine-perfect (low) each voiced frame is.
	 */
	dip: Float64Array;
}

/** Tracks the pitch of a clip. */
export function trackPitch(samples: Samples): PitchTrack {
	const hop = Math.round(HOP * RATE);
	const frames = Math.max(0, Math.floor((samples.length - WINDOW - MAX_LAG) / hop) + 1);
	const f0 = new Float64Array(frames);
	const dip = new Float64Array(frames);
	const peak = samples.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
	const diff = new Float64Array(MAX_LAG + 1);
	for (let frame = 0; frame < frames; frame++) {
		const start = frame * hop;
		if (rms(samples, start, WINDOW) < peak * 0.03) continue;
		for (let lag = 1; lag <= MAX_LAG; lag++) {
			let sum = 0;
			for (let i = start; i < start + WINDOW; i++) {
				const d = samples[i] - samples[i + lag];
				sum += d * d;
			}
			diff[lag] = sum;
		}
		// Cumulative mean normalised difference, then the first dip under the threshold.
		let running = 0;
		let best = -1;
		for (let lag = 1; lag <= MAX_LAG; lag++) {
			running += diff[lag];
			const cmnd = running > 0 ? (diff[lag] * lag) / running : 1;
			diff[lag] = cmnd;
		}
		for (let lag = MIN_LAG; lag < MAX_LAG; lag++) {
			if (diff[lag] < THRESHOLD) {
				while (lag + 1 < MAX_LAG && diff[lag + 1] < diff[lag]) lag++;
				best = lag;
				break;
			}
		}
		if (best < 0) continue;
		// Parabolic interpolation around the dip for sub-sample lag.
		const a = diff[best - 1];
		const b = diff[best];
		const c = diff[best + 1];
		const shift = a + c - 2 * b !== 0 ? (0.5 * (a - c)) / (a + c - 2 * b) : 0;
		f0[frame] = RATE / (best + shift);
		dip[frame] = b;
	}
	return { f0: smooth(fixOctaves(f0)), dip };
}

/**
 * YIN sometimes locks onto twice or half the period (octave errors). A value more than 0.8 octave
 * away from the clip's median is moved by one octave towards it.
 */
function fixOctaves(f0: Float64Array): Float64Array {
	const voiced = Array.from(f0).filter((v) => v > 0);
	voiced.sort((x, y) => x - y);
	const median = voiced[Math.floor(voiced.length / 2)] ?? 0;
	return f0.map((v) => (v === 0 ? 0 : v > median * 1.75 ? v / 2 : v < median / 1.75 ? v * 2 : v));
}

/** Mean YIN dip over voiced frames (see PitchTrack.dip), rounded to two decimals. */
export function roughness(track: PitchTrack): number {
	let sum = 0;
	let count = 0;
	track.f0.forEach((v, i) => {
		if (v > 0) {
			sum += track.dip[i];
			count++;
		}
	});
	return count ? Math.round((sum / count) * 100) / 100 : 0;
}

function rms(samples: Samples, start: number, length: number): number {
	let sum = 0;
	for (let i = start; i < start + length; i++) sum += samples[i] * samples[i];
	return Math.sqrt(sum / length);
}

/** A 5-frame median over voiced frames removes single-frame octave jumps. */
function smooth(f0: Float64Array): Float64Array {
	const out = new Float64Array(f0.length);
	for (let i = 0; i < f0.length; i++) {
		if (f0[i] === 0) continue;
		const around = Array.from(f0.slice(Math.max(0, i - 2), i + 3)).filter((v) => v > 0);
		around.sort((x, y) => x - y);
		out[i] = around[Math.floor(around.length / 2)];
	}
	return out;
}

/** Pitch figures of a stretch of voiced frames, rounded as the explanations quote them. */
export interface PitchStats {
	/** Voiced frames counted. */
	frames: number;
	/** Median pitch in Hz. */
	median: number;
	/** 10th and 90th percentile in Hz: the range the voice spends most of its time in. */
	low: number;
	high: number;
	/** high - low, in Hz. */
	spread: number;
}

/** Statistics over the voiced frames between frame indexes `from` and `to`. */
export function pitchStats(f0: Float64Array, from = 0, to = f0.length): PitchStats {
	const voiced = Array.from(f0.slice(from, to)).filter((v) => v > 0);
	voiced.sort((x, y) => x - y);
	const at = (q: number) => voiced[Math.min(voiced.length - 1, Math.floor(q * voiced.length))];
	if (voiced.length === 0) return { frames: 0, median: 0, low: 0, high: 0, spread: 0 };
	const low = Math.round(at(0.1));
	const high = Math.round(at(0.9));
	return { frames: voiced.length, median: Math.round(at(0.5)), low, high, spread: high - low };
}

/**
 * The window (seconds) in which the voice is flattest: the smallest 10-90% pitch range among
 * windows of `length` seconds that are at least 40% voiced.
 */
export function flattestWindow(
	f0: Float64Array,
	length = 0.8
): { start: number; end: number; stats: PitchStats } | undefined {
	const frames = Math.round(length / HOP);
	let best: { start: number; end: number; stats: PitchStats } | undefined;
	for (let from = 0; from + frames <= f0.length; from += 5) {
		const stats = pitchStats(f0, from, from + frames);
		if (stats.frames < frames * 0.4) continue;
		if (!best || stats.spread < best.stats.spread) {
			best = { start: from * HOP, end: (from + frames) * HOP, stats };
		}
	}
	return best;
}
