// Simple measurements of a served item that are not tells: what a player could learn to pick
// ("the crisper one", "the lower voice") without learning anything about how fakes are made.
// Everything is computed from the committed media: pictures decoded with sharp, sound and video
// decoded with ffmpeg (tests/support/ensure-ffmpeg.js installs Debian's when it is missing).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import type { Item } from '$lib/game/pack/schema';
import { pictureLook } from '$lib/game/pack/picture-look';
import { LOOK_RATE, voiceLook } from '$lib/game/pack/voice-look';
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
 * Sound measurements: the voice look the editor warns teachers with (voice-look.ts: median pitch
 * and pitch range, noise floor, leading and trailing silence, bandwidth), and loudness and true
 * peak as a loudness meter reads them (loudnessAndPeak).
 */
function soundFeatures(file: string): Features {
	const samples = decodeSound(file, LOOK_RATE);
	// Digital silence (the scene videos, silent on both sides) has no speech to measure: every
	// silent track reads the same, so silent pairs tie on every sound feature.
	if (samples.every((value) => value === 0)) return silentSound(samples.length / LOOK_RATE);
	const look = voiceLook(samples);
	const { loudness, truePeak } = loudnessAndPeak(file);
	return {
		'median pitch': look.medianPitch,
		'pitch range': look.pitchRange,
		loudness,
		'true peak': truePeak,
		'noise floor': look.noiseFloor,
		'leading silence': look.leadingSilence,
		'trailing silence': look.trailingSilence,
		bandwidth: look.bandwidth
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
