/**
 * How a voice sounds overall, measured the same way for the default pack's give-away audit and
 * for a teacher's voices: the things a player could learn to pick by ("the lower voice", "the one
 * with dead silence between words", "the muffled one") without learning a tell. Measured on
 * mono samples at LOOK_RATE (the speech band is below 8 kHz), in 32 ms frames every 10 ms.
 */
import * as z from 'zod';
import { VoiceLevel } from './served-voices';

export const LOOK_RATE = 16_000;
const FRAME = 512;
const HOP = 160;

/** How a voice sounds overall, as a teacher pack's draft keeps it with the voice. */
export const voiceLookSchema = z.strictObject({
	/** The gated level in dB below full scale (served-voices.ts's VoiceLevel; -120 for silence). */
	level: z.number(),
	/** Median pitch of the voiced frames, in Hz (0 when nothing is voiced). */
	medianPitch: z.number().nonnegative(),
	/** 10th to 90th percentile of the voiced frames' pitch, in semitones. */
	pitchRange: z.number().nonnegative(),
	/**
	 * The background, in dB: the quietest tenth of the frames more than 40 dB under the loudest,
	 * in the pauses and around the speech: the hiss a listener hears where nobody speaks, and
	 * digital silence where a clip has it. (The quietest frames within speech would read the
	 * voice's soft sounds and its rhythm, not noise.)
	 */
	noiseFloor: z.number(),
	/** Seconds before the first and after the last frame within 40 dB of the loudest. */
	leadingSilence: z.number().nonnegative(),
	trailingSilence: z.number().nonnegative(),
	/** The frequency under which 99% of the speech's energy lies, in Hz. */
	bandwidth: z.number().nonnegative()
});
export type VoiceLook = z.infer<typeof voiceLookSchema>;

/** The power spectrum's first half of a Hann-windowed frame (a radix-2 FFT, in place). */
function powerSpectrum(frame: Float32Array): Float64Array {
	const n = frame.length;
	const re = Float64Array.from(
		frame,
		(value, i) => value * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n))
	);
	const im = new Float64Array(n);
	for (let i = 1, j = 0; i < n; i++) {
		let bit = n >> 1;
		for (; j & bit; bit >>= 1) j ^= bit;
		j ^= bit;
		if (i < j) {
			[re[i], re[j]] = [re[j], re[i]];
			[im[i], im[j]] = [im[j], im[i]];
		}
	}
	for (let size = 2; size <= n; size <<= 1) {
		const angle = (-2 * Math.PI) / size;
		for (let start = 0; start < n; start += size) {
			for (let k = 0; k < size / 2; k++) {
				const wr = Math.cos(angle * k);
				const wi = Math.sin(angle * k);
				const a = start + k;
				const b = a + size / 2;
				const tr = re[b] * wr - im[b] * wi;
				const ti = re[b] * wi + im[b] * wr;
				re[b] = re[a] - tr;
				im[b] = im[a] - ti;
				re[a] += tr;
				im[a] += ti;
			}
		}
	}
	const power = new Float64Array(n / 2);
	for (let k = 0; k < n / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
	return power;
}

/**
 * Fundamental frequency of a frame by normalised autocorrelation over 60-400 Hz, or 0 when the
 * frame is not clearly voiced (best correlation under 0.6).
 */
function framePitch(frame: Float32Array): number {
	const minLag = Math.floor(LOOK_RATE / 400);
	const maxLag = Math.ceil(LOOK_RATE / 60);
	let best = 0;
	let bestLag = 0;
	for (let lag = minLag; lag <= maxLag; lag++) {
		let cross = 0;
		let energyA = 0;
		let energyB = 0;
		for (let i = 0; i + lag < frame.length; i++) {
			cross += frame[i] * frame[i + lag];
			energyA += frame[i] * frame[i];
			energyB += frame[i + lag] * frame[i + lag];
		}
		const r = cross / Math.sqrt(energyA * energyB + 1e-12);
		if (r > best) {
			best = r;
			bestLag = lag;
		}
	}
	return best >= 0.6 ? LOOK_RATE / bestLag : 0;
}

const quantile = (values: number[], q: number) => {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
/** Decibels of a power, -120 for none (so silence is a number a draft can keep). */
const decibels = (power: number) => 10 * Math.log10(power + 1e-12);

/** The look of a voice from its samples at LOOK_RATE (at least one frame of them). */
export function voiceLook(samples: Float32Array): VoiceLook {
	const frames: { power: number; start: number }[] = [];
	for (let start = 0; start + FRAME <= samples.length; start += HOP) {
		let power = 0;
		for (let i = start; i < start + FRAME; i++) power += samples[i] * samples[i];
		frames.push({ power: power / FRAME, start });
	}
	if (frames.length === 0) frames.push({ power: 0, start: 0 });
	const loudest = Math.max(...frames.map((frame) => frame.power));
	const active = frames.map((frame) => frame.power > loudest * 1e-4);
	const first = Math.max(0, active.indexOf(true));
	const last = Math.max(first, active.lastIndexOf(true));
	const pitches: number[] = [];
	const spectrum = new Float64Array(FRAME / 2);
	for (let i = first; i <= last; i++) {
		if (!active[i]) continue;
		const slice = samples.subarray(frames[i].start, frames[i].start + FRAME);
		const pitch = framePitch(slice);
		if (pitch > 0) pitches.push(pitch);
		powerSpectrum(slice).forEach((value, k) => (spectrum[k] += value));
	}
	const total = spectrum.reduce((sum, value) => sum + value, 0);
	let cumulative = 0;
	let band = spectrum.length - 1;
	for (let k = 0; k < spectrum.length; k++) {
		cumulative += spectrum[k];
		if (cumulative >= 0.99 * total) {
			band = k;
			break;
		}
	}
	const semitones = (hz: number) => 12 * Math.log2(hz / 100);
	// A clip that is all speech falls back to its quietest frames for its background.
	const quiet = frames.filter((_, i) => !active[i]).map((frame) => frame.power);
	const background = quiet.length ? quiet : frames.map((frame) => frame.power);
	const level = new VoiceLevel(LOOK_RATE);
	level.add(samples);
	return {
		level: Math.max(decibels(0), level.result().levelDb),
		medianPitch: quantile(pitches, 0.5),
		pitchRange: pitches.length
			? semitones(quantile(pitches, 0.9)) - semitones(quantile(pitches, 0.1))
			: 0,
		noiseFloor: decibels(quantile(background, 0.1)),
		leadingSilence: frames[first].start / LOOK_RATE,
		trailingSilence: Math.max(
			0,
			samples.length / LOOK_RATE - (frames[last].start + FRAME) / LOOK_RATE
		),
		bandwidth: (band * LOOK_RATE) / FRAME
	};
}

/** The quietest background a listener hears at the pack's level (-23 dB), on headphones. */
const AUDIBLE_BACKGROUND_DB = -80;

/** A way the fake of a voice pair stands out from its real partner before any tell is heard. */
export type VoiceWarning = 'level' | 'pitch' | 'background' | 'lead-in' | 'muffled';

/**
 * Differences a listener hears at once, each far beyond the default pack's matched pairs: 3 dB
 * of level (both sides are brought to one level, so more means one was not), 8 semitones of
 * median pitch (a low voice beside a high one: "not her voice" won the first pack), 20 dB of
 * background (room hiss beside digital silence, when the hiss can be heard at all), half a
 * second more lead-in silence, and half as much bandwidth again (one side muffled, as a phone
 * line or a low-rate synthesiser is).
 */
export function voiceWarnings(real: VoiceLook, fake: VoiceLook): VoiceWarning[] {
	const warnings: VoiceWarning[] = [];
	const apart = (a: number, b: number, by: number) =>
		Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) >= by;
	if (apart(real.level, fake.level, 3)) warnings.push('level');
	if (real.medianPitch > 0 && fake.medianPitch > 0) {
		if (Math.abs(12 * Math.log2(fake.medianPitch / real.medianPitch)) >= 8) warnings.push('pitch');
	}
	// Codec noise at -100 dB beside true digital silence is no difference anyone hears.
	const audible = Math.max(real.noiseFloor, fake.noiseFloor) >= AUDIBLE_BACKGROUND_DB;
	if (audible && apart(real.noiseFloor, fake.noiseFloor, 20)) warnings.push('background');
	if (apart(real.leadingSilence, fake.leadingSilence, 0.5)) warnings.push('lead-in');
	const ratio =
		(Math.max(real.bandwidth, fake.bandwidth) + 1) / (Math.min(real.bandwidth, fake.bandwidth) + 1);
	if (ratio >= 1.5) warnings.push('muffled');
	return warnings;
}
