// Simple measurements of a served item that are not tells: what a player could learn to pick
// ("the crisper one", "the lower voice") without learning anything about how fakes are made.
// Everything is computed from the committed media: pictures decoded with sharp, sound and video
// decoded with ffmpeg (tests/support/ensure-ffmpeg.js installs Debian's when it is missing).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import type { Item } from '$lib/game/pack/schema';
import { pictureLook } from '$lib/game/pack/picture-look';
import { PACK_DIR, itemBytes, probeFile } from './default-pack';

/** Feature name -> value for one item. */
export type Features = Record<string, number>;

async function imageFeatures(item: Item): Promise<Features> {
	// The largest rendition: what a desktop shows, and where a sharpness difference is plainest.
	const largest = [...item.media].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
	const { data, info } = await sharp(path.join(PACK_DIR, largest.src))
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const probe = probeFile(largest.src);
	return {
		bytes: itemBytes(item),
		width: probe.width ?? 0,
		height: probe.height ?? 0,
		...pictureLook(data, info.width, info.height, info.channels)
	};
}

function ffmpeg(args: string[]): Buffer {
	const result = spawnSync('ffmpeg', ['-v', 'error', ...args], {
		maxBuffer: 1 << 30,
		encoding: 'buffer'
	});
	if (result.error) {
		throw new Error(
			`ffmpeg could not run (${result.error.message}): node tests/support/ensure-ffmpeg.js`
		);
	}
	if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}

/** Sample rate the sound is analysed at: the pack's speech band is below 8 kHz. */
const RATE = 16000;
/** Analysis frame and hop: 32 ms and 10 ms. */
const FRAME = 512;
const HOP = 160;

function decodeSound(file: string, rate: number): Float32Array {
	const raw = ffmpeg([
		'-i',
		file,
		'-map',
		'0:a:0',
		'-ac',
		'1',
		'-ar',
		String(rate),
		'-f',
		'f32le',
		'-'
	]);
	return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** In-place radix-2 FFT; returns the power spectrum's first half. */
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
	const minLag = Math.floor(RATE / 400);
	const maxLag = Math.ceil(RATE / 60);
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
	return best >= 0.6 ? RATE / bestLag : 0;
}

const quantile = (values: number[], q: number) => {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const decibels = (power: number) => 10 * Math.log10(power + 1e-12);

/**
 * Integrated loudness (EBU R128 / ITU BS.1770: K-weighted and gated, the level a listener hears as
 * "louder") and true peak (oversampled) of a file's first sound stream, as ffmpeg's loudnorm filter
 * measures its input (to a hundredth; ebur128 prints tenths).
 */
function loudnessAndPeak(file: string): { loudness: number; truePeak: number } {
	const result = spawnSync(
		'ffmpeg',
		['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0'].concat([
			'-af',
			'loudnorm=print_format=json',
			'-f',
			'null',
			'-'
		]),
		{ encoding: 'utf8', maxBuffer: 1 << 30 }
	);
	if (result.status !== 0) throw new Error(`loudnorm of ${file}: ${result.stderr}`);
	const loudness = /"input_i" : "(-?[\d.]+|-inf)"/.exec(result.stderr);
	const peak = /"input_tp" : "(-?[\d.]+|-inf)"/.exec(result.stderr);
	if (!loudness || !peak) throw new Error(`loudnorm of ${file} printed no measurement`);
	const value = (text: string) => (text === '-inf' ? -200 : Number(text));
	return { loudness: value(loudness[1]), truePeak: value(peak[1]) };
}

/** The sound features of digital silence lasting `seconds`: all silence, at the -inf floor (-200). */
function silentSound(seconds: number): Features {
	return {
		'median pitch': 0,
		'pitch range': 0,
		loudness: -200,
		'true peak': -200,
		'noise floor': -200,
		'leading silence': seconds,
		'trailing silence': 0,
		bandwidth: 0
	};
}

/**
 * Sound measurements: median pitch and pitch range (10th to 90th percentile of voiced frames,
 * in semitones), loudness and true peak (loudnessAndPeak), noise floor (the quietest tenth of the
 * frames more than 40 dB under the loudest, in the pauses and around the speech: the hiss a
 * listener hears where nobody speaks, and digital silence where a clip has it; the quietest tenth
 * of the frames within speech would read the voice's soft sounds and how much it pauses, which is
 * its rhythm, not noise), leading and trailing silence (before the first and after the last frame
 * within 40 dB of the loudest), bandwidth (the frequency under which 99% of the speech's energy
 * lies).
 */
function soundFeatures(file: string): Features {
	const samples = decodeSound(file, RATE);
	const frames: { power: number; start: number }[] = [];
	for (let start = 0; start + FRAME <= samples.length; start += HOP) {
		let power = 0;
		for (let i = start; i < start + FRAME; i++) power += samples[i] * samples[i];
		frames.push({ power: power / FRAME, start });
	}
	const loudest = Math.max(...frames.map((frame) => frame.power));
	// Digital silence (the scene videos, silent on both sides) has no speech to measure: every
	// silent track reads the same, so silent pairs tie on every sound feature.
	if (loudest === 0) return silentSound(samples.length / RATE);
	const active = frames.map((frame) => frame.power > loudest * 1e-4);
	const first = active.indexOf(true);
	const last = active.lastIndexOf(true);
	const speech = frames.slice(first, last + 1);
	const pitches: number[] = [];
	const spectrum = new Float64Array(FRAME / 2);
	for (const [i, frame] of speech.entries()) {
		if (!active[first + i]) continue;
		const slice = samples.subarray(frame.start, frame.start + FRAME);
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
	// The background: every frame more than 40 dB under the loudest, in the pauses and around the
	// speech (a clip that is all speech falls back to its quietest frames).
	const quiet = frames.filter((_, i) => !active[i]).map((frame) => frame.power);
	const background = quiet.length ? quiet : frames.map((frame) => frame.power);
	const { loudness, truePeak } = loudnessAndPeak(file);
	return {
		'median pitch': quantile(pitches, 0.5),
		'pitch range': pitches.length
			? semitones(quantile(pitches, 0.9)) - semitones(quantile(pitches, 0.1))
			: 0,
		loudness,
		'true peak': truePeak,
		'noise floor': decibels(quantile(background, 0.1)),
		'leading silence': frames[first].start / RATE,
		'trailing silence': samples.length / RATE - (frames[last].start + FRAME) / RATE,
		bandwidth: (band * RATE) / FRAME
	};
}

async function audioFeatures(item: Item): Promise<Features> {
	const file = path.join(PACK_DIR, item.media[0].src);
	return {
		bytes: itemBytes(item),
		duration: probeFile(item.media[0].src).duration ?? 0,
		...soundFeatures(file)
	};
}

/** Picture measurements averaged over every frame, plus the soundtrack's. */
async function videoFeatures(item: Item): Promise<Features> {
	const rendition = item.media[0];
	const probe = probeFile(rendition.src);
	const width = probe.width ?? 0;
	const height = probe.height ?? 0;
	const file = path.join(PACK_DIR, rendition.src);
	const raw = ffmpeg(['-i', file, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
	const frameBytes = width * height * 3;
	const sums: Features = {};
	let frames = 0;
	for (let at = 0; at + frameBytes <= raw.length; at += frameBytes) {
		const frame = pictureLook(raw.subarray(at, at + frameBytes), width, height, 3);
		for (const [name, value] of Object.entries(frame)) sums[name] = (sums[name] ?? 0) + value;
		frames++;
	}
	const pictures = Object.fromEntries(
		Object.entries(sums).map(([name, sum]) => [name, sum / frames])
	);
	const sound = Object.fromEntries(
		Object.entries(soundFeatures(file)).map(([name, value]) => [`sound ${name}`, value])
	);
	return {
		bytes: itemBytes(item),
		width,
		height,
		duration: probe.duration ?? 0,
		...pictures,
		...sound
	};
}

/** Every feature of an item of any kind. */
export function featuresOf(item: Item): Promise<Features> {
	if (item.kind === 'image') return imageFeatures(item);
	if (item.kind === 'audio') return audioFeatures(item);
	return videoFeatures(item);
}
