// The last steps every clip goes through, the same on both sides of a pair, so that nothing but
// the voice itself tells them apart: speech trimmed by one rule, levelled to the same integrated
// loudness with its peaks held at the same ceiling, and laid on the same quiet room-noise bed
// (so neither side has dead digital silence in its pauses or around its words). The synthetic
// side is also brought to the real recording's average tone colour (matchSpectrum), so that "the
// brighter one" or "the duller one" is no rule either: only how the voice speaks is left.
import { filter, loudness, OPUS_BITRATE, RATE, type Samples } from './audio';
import { concat, fitLength, gain, peakDb, silence } from './clip';
import { mulberry32 } from '../../lib/game/play/random';

/** Room noise before and after the speech in every clip, identical on both sides (seconds). */
export const LEAD = 0.3;
/** Integrated loudness of every clip (EBU R128). */
export const TARGET_LUFS = -23;
/** Every clip's peaks are pushed to this ceiling (dBFS) by the limiter: it engages on both sides. */
export const PEAK_LIMIT_DB = -10;
/** Level of the room-noise bed (RMS, dBFS): about 37 dB under the speech, a quiet room. */
export const BED_DB = -60;

const LIMITER = `alimiter=limit=${(10 ** (PEAK_LIMIT_DB / 20)).toFixed(4)}:level=0:latency=1:attack=5:release=50`;

/** Processing that both sides share, recorded on both. */
export const SHARED_PROCESSING = {
	sampleRate: RATE,
	channelFilter: 'highpass 60 Hz, lowpass 7 kHz',
	silenceAround: LEAD,
	loudnessLufs: TARGET_LUFS,
	peakLimiter: `${PEAK_LIMIT_DB} dBFS (ffmpeg alimiter, 5 ms attack, 50 ms release)`,
	roomNoiseBed: `${BED_DB} dBFS pink noise, 60 Hz-7 kHz, the same samples on both sides`,
	codec: `Opus ${OPUS_BITRATE} constant bitrate, 20 ms frames`
};

/**
 * Levels speech to TARGET_LUFS through the limiter. Limiting lowers the loudness a little, so the
 * gain is corrected and the limiter applied again until the loudness is within 0.02 LU: both
 * sides end at the same loudness with their peaks at the same ceiling.
 */
function level(speech: Samples): Samples {
	let offset = TARGET_LUFS - loudness(speech);
	let levelled = speech;
	for (let round = 0; round < 8; round++) {
		levelled = fitLength(filter(gain(speech, offset), LIMITER), speech.length);
		const miss = TARGET_LUFS - loudness(levelled);
		if (Math.abs(miss) < 0.02) break;
		offset += miss;
	}
	return levelled;
}

/**
 * Pink noise (Paul Kellet's filter over white noise), band-limited like the speech and scaled to
 * BED_DB: the soft, even hiss of a quiet room, the same for every clip of a given length.
 */
export function roomBed(length: number): Samples {
	// Seeded, so the bed is the same samples on every run of the recipe.
	const next = mulberry32(22);
	const white = new Float32Array(length);
	let b0 = 0;
	let b1 = 0;
	let b2 = 0;
	for (let i = 0; i < length; i++) {
		const w = next() * 2 - 1;
		b0 = 0.99765 * b0 + w * 0.099046;
		b1 = 0.963 * b1 + w * 0.2965164;
		b2 = 0.57 * b2 + w * 1.0526913;
		white[i] = b0 + b1 + b2 + w * 0.1848;
	}
	const band = fitLength(filter(white, 'highpass=f=60,lowpass=f=7000'), length);
	let sum = 0;
	for (const v of band) sum += v * v;
	return gain(band, BED_DB - 10 * Math.log10(sum / length));
}

/** 5 ms fades at both ends, so a cut never clicks. */
function fadeEdges(speech: Samples): Samples {
	const out = speech.slice();
	const n = Math.min(Math.round(0.005 * RATE), Math.floor(out.length / 2));
	for (let i = 0; i < n; i++) {
		out[i] *= i / n;
		out[out.length - 1 - i] *= i / n;
	}
	return out;
}

/**
 * Pads trimmed speech with LEAD on both ends, levels it, and lays it on the room-noise bed.
 * Returns the clip (`samples`) and the levelled voice without the bed (`voice`): tells are
 * measured on the voice, the bed being the same known noise on both sides.
 */
export function finish(speech: Samples): { samples: Samples; voice: Samples; peak: number } {
	const voice = level(concat([silence(LEAD), fadeEdges(speech), silence(LEAD)]));
	const bed = roomBed(voice.length);
	const samples = voice.map((v, i) => v + bed[i]);
	const peak = Math.round(peakDb(samples) * 10) / 10;
	if (peak > -0.5) throw new Error(`clip would clip after levelling (peak ${peak} dBFS)`);
	return { samples, voice, peak };
}

/** Centre frequencies (Hz) of the third-octave bands the tone colour is compared in. */
const BANDS = [
	100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000,
	6300
];
/** The largest correction in any band (dB): enough for tone colour, never a different voice. */
const MAX_CORRECTION_DB = 12;

/** Cosine and sine of every angle a 512-point transform needs. */
const FRAME = 512;
const COS = Float64Array.from({ length: FRAME }, (_, i) => Math.cos((2 * Math.PI * i) / FRAME));
const SIN = Float64Array.from({ length: FRAME }, (_, i) => Math.sin((2 * Math.PI * i) / FRAME));

/** Average power in each third-octave band over the frames that carry speech. */
function bandPowers(samples: Samples): number[] {
	const frames: Float64Array[] = [];
	let loudest = 0;
	for (let start = 0; start + FRAME <= samples.length; start += FRAME / 2) {
		const spectrum = powerSpectrum(samples.subarray(start, start + FRAME));
		const total = spectrum.reduce((a, b) => a + b, 0);
		loudest = Math.max(loudest, total);
		frames.push(spectrum);
	}
	const sum = new Float64Array(FRAME / 2);
	for (const spectrum of frames) {
		const total = spectrum.reduce((a, b) => a + b, 0);
		if (total < loudest * 1e-4) continue;
		spectrum.forEach((v, k) => (sum[k] += v));
	}
	return BANDS.map((centre) => {
		const low = Math.ceil(((centre / 2 ** (1 / 6)) * FRAME) / RATE);
		const high = Math.floor((centre * 2 ** (1 / 6) * FRAME) / RATE);
		let power = 0;
		for (let k = low; k <= Math.max(low, high); k++) power += sum[k];
		return power / (Math.max(low, high) - low + 1);
	});
}

/** Hann-windowed power spectrum of one FRAME-long frame (a plain DFT with tabled angles). */
function powerSpectrum(frame: Samples): Float64Array {
	const out = new Float64Array(FRAME / 2);
	const windowed = Array.from(frame, (v, i) => v * (0.5 - 0.5 * COS[i]));
	for (let k = 0; k < FRAME / 2; k++) {
		let re = 0;
		let im = 0;
		for (let i = 0; i < FRAME; i++) {
			const at = (k * i) % FRAME;
			re += windowed[i] * COS[at];
			im -= windowed[i] * SIN[at];
		}
		out[k] = re * re + im * im;
	}
	return out;
}

/** The difference of two band spectra in dB, less its median: tone colour, not level. */
function shapeDifference(target: number[], current: number[]): number[] {
	const db = target.map((power, i) => 10 * Math.log10((power + 1e-12) / (current[i] + 1e-12)));
	const median = [...db].sort((a, b) => a - b)[Math.floor(db.length / 2)];
	return db.map((value) => value - median);
}

/**
 * Brings the synthetic speech to the real recording's average tone colour: the difference of
 * their third-octave spectra (level aside), held within MAX_CORRECTION_DB a band, applied as one
 * linear-phase equaliser that interpolates between the bands (ffmpeg firequalizer). Two more
 * passes correct what the first left. Returns the speech and the gains, which the item's
 * parameters record.
 */
export function matchSpectrum(
	speech: Samples,
	real: Samples
): { speech: Samples; gains: Record<number, number> } {
	const theirs = bandPowers(real);
	let gains = BANDS.map(() => 0);
	let equalised = speech;
	for (let pass = 0; pass < 3; pass++) {
		const residual = shapeDifference(theirs, bandPowers(equalised));
		gains = gains.map((gain, i) =>
			Math.max(-MAX_CORRECTION_DB, Math.min(MAX_CORRECTION_DB, gain + residual[i]))
		);
		const entries = BANDS.map((centre, i) => `entry(${centre},${gains[i].toFixed(1)})`).join(';');
		equalised = fitLength(
			filter(speech, `firequalizer=gain_entry='${entries}':zero_phase=on`),
			speech.length
		);
	}
	return {
		speech: equalised,
		gains: Object.fromEntries(BANDS.map((centre, i) => [centre, Math.round(gains[i] * 10) / 10]))
	};
}
