/**
 * What the teacher-pack specs do: make pictures, voices and videos (sharp and ffmpeg, no network)
 * and files that must be refused, create a pack, add an item through the editor's upload form as a
 * teacher fills it in, and read what the server serves.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Page } from '@playwright/test';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import sharp from 'sharp';
import { expect, gotoHydrated } from './support/fixtures';

/** What a careless pipeline would pass on to players: written into every file's metadata. */
export const MARKER = 'ANSWER-IN-METADATA';

/** A picture with a pattern of its own, and EXIF that names the answer. */
export async function picture(
	seed: number,
	width: number,
	height: number,
	format: 'jpeg' | 'png',
	blur = 2
): Promise<Buffer> {
	const pixels = Buffer.alloc(width * height * 3);
	for (let i = 0; i < pixels.length; i++) pixels[i] = ((i + seed * 7919) * 2654435761) >>> 24;
	return sharp(pixels, { raw: { width, height, channels: 3 } })
		.blur(blur)
		.withExif({ IFD0: { Artist: MARKER, ImageDescription: `${MARKER} ${seed}` } })
		[format]()
		.toBuffer();
}

/** A PNG whose header claims 30000 x 30000 pixels: it would need 2.7 GB to decode. */
export async function hugePng(): Promise<Buffer> {
	const png = Buffer.from(
		await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
			.png()
			.toBuffer()
	);
	png.writeUInt32BE(30_000, 16);
	png.writeUInt32BE(30_000, 20);
	png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
	return png;
}

/** The start of a Linux program: what a renamed executable is, whatever its name says. */
export const PROGRAM = Buffer.concat([
	Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]),
	Buffer.alloc(4096)
]);

/**
 * A voice-like sound: a tone whose pitch (around `pitch` Hz) and level wander, at `volume`,
 * after `leadIn` seconds of silence and before 0.3 s of it.
 */
export function recording(
	file: string,
	options: { seconds: number; volume: number; leadIn?: number; pitch?: number; args: string[] }
): string {
	const { seconds, volume, leadIn = 0, pitch = 180, args } = options;
	// The pitch wanders 40 Hz either way 1.3 times a second (the phase is the frequency's integral).
	const melody = `2*PI*${pitch}*t-${(40 / 1.3).toFixed(2)}*cos(2*PI*1.3*t)`;
	const expression = `sin(${melody})*(0.6+0.4*sin(2*PI*3*t))*${volume}`;
	const delay = leadIn > 0 ? [`adelay=${Math.round(leadIn * 1000)}:all=1`] : [];
	ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`aevalsrc=${expression}:s=44100:d=${seconds}`,
		'-af',
		[...delay, 'apad=pad_dur=0.3'].join(','),
		...args,
		file
	]);
	return file;
}

/** A moving test picture of `size` at `rate`, with a tone at `volume` unless `volume` is 0. */
export function clip(
	file: string,
	options: { size: string; rate: number; seconds: number; volume: number; args: string[] }
): string {
	const { size, rate, seconds, volume, args } = options;
	const sound =
		volume > 0
			? ['-f', 'lavfi', '-i', `aevalsrc=sin(2*PI*220*t)*${volume}:s=44100:d=${seconds}`]
			: [];
	ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
		...sound,
		'-pix_fmt',
		'yuv420p',
		...args,
		file
	]);
	return file;
}

/** What a served voice or video is, read by mediabunny: its container, tracks, size and tags. */
export async function readMedia(bytes: Buffer) {
	const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
	const picture = await input.getPrimaryVideoTrack();
	const sound = await input.getPrimaryAudioTrack();
	return {
		mime: await input.getMimeType(),
		codec: picture ? await picture.getCodec() : null,
		frameRate: picture ? (await picture.computePacketStats()).averagePacketRate : null,
		size: picture ? [await picture.getDisplayWidth(), await picture.getDisplayHeight()] : null,
		seconds: await input.computeDuration(),
		sound: sound ? [await sound.getNumberOfChannels(), await sound.getSampleRate()] : null,
		tags: await input.getMetadataTags()
	};
}

/** Runs ffmpeg (tests/support/ensure-ffmpeg.js) and returns its standard error. */
export function ffmpeg(args: string[]): string {
	const run = spawnSync('ffmpeg', ['-hide_banner', '-y', ...args], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(run.stderr);
	return run.stderr;
}

/** The mean level ffmpeg measures for a file's sound, in dB. */
export function meanVolume(file: string): number {
	const report = ffmpeg(['-i', file, '-af', 'volumedetect', '-vn', '-f', 'null', '-']);
	return Number(/mean_volume: (-?[\d.]+) dB/.exec(report)![1]);
}

/** Creates a pack on /packs/new; returns the editor's path and the play link. */
export async function createPack(
	page: Page,
	title: string
): Promise<{ editorPath: string; playLink: string }> {
	await gotoHydrated(page, '/packs/new');
	await page.getByLabel('Title of the pack').fill(title);
	await page.getByRole('button', { name: 'Create the pack' }).click();
	await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/);
	return {
		editorPath: new URL(page.url()).pathname,
		playLink: await page.getByLabel('Play link (share it)').inputValue()
	};
}

export interface Upload {
	file: string;
	truth: 'Real' | 'Synthetic';
	madeWith: string;
	alt: string;
	/** What made a synthetic item. */
	tool?: string;
	/** Every word a voice (or a video) says. */
	transcript?: string;
}

/** The form's words for each kind of item: its button, its description and transcript fields. */
const FORM = {
	picture: {
		button: 'Add the picture',
		alt: 'Describe the picture for people who cannot see it',
		transcript: ''
	},
	voice: {
		button: 'Add the voice',
		alt: 'Describe the recording without its words',
		transcript: 'Transcript: every word the voice says'
	},
	video: {
		button: 'Add the video',
		alt: 'Describe the video for people who cannot see it',
		transcript: 'Transcript: every word spoken in the video'
	}
} as const;

/** Picks the file and fills the upload form as a teacher does, then sends it. */
export async function addItem(page: Page, kind: keyof typeof FORM, item: Upload): Promise<void> {
	const form = FORM[kind];
	await page.locator('input[type=file]').setInputFiles(item.file);
	// Voices and videos are converted by the page's script, which shows their own button.
	await expect(page.getByRole('button', { name: form.button })).toBeVisible();
	await page.getByRole('radio', { name: item.truth, exact: true }).check();
	await page.getByLabel('How was it made?').selectOption({ label: item.madeWith });
	if (item.truth === 'Synthetic') {
		await page.getByLabel('What made it').fill(item.tool ?? 'Test generator v1');
	}
	await page.getByLabel('Where it comes from').fill('made by me');
	await page.getByLabel('Who made it').fill('A. Teacher');
	await page.getByLabel('Licence or permission').fill('CC BY 4.0');
	await page.getByLabel(form.alt).fill(item.alt);
	if (item.transcript) await page.getByLabel(form.transcript).fill(item.transcript);
	await page.getByRole('button', { name: form.button }).click();
}

/**
 * Sends `file` as a real picture and expects it refused with `reason`: what a program or a
 * drawing named like a medium gets, since the page's script sends it to the server as it is.
 */
export async function refusedPicture(page: Page, file: string, reason: RegExp): Promise<void> {
	await addItem(page, 'picture', {
		file,
		truth: 'Real',
		madeWith: 'Taken with a camera or phone',
		alt: 'x'
	});
	await expect(page.getByRole('alert')).toContainText(`${path.basename(file)} was not added`);
	await expect(page.getByRole('alert')).toContainText(reason);
}
