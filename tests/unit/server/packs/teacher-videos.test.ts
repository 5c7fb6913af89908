import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processVideo, type VideoRefusal } from '$lib/server/packs/teacher/videos';

/**
 * processVideo, the server's strict check of a video the editor converted in the browser: each
 * rule refuses a file made by ffmpeg to break it, and what passes is written again with no tags.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-videos-'));
let count = 0;

/** An MP4 made by ffmpeg: a test picture (and a tone unless `silent`), as `args` ask. */
function video(
	options: {
		size?: string;
		rate?: number;
		seconds?: number;
		silent?: boolean;
		args?: string[];
	} = {}
): Uint8Array {
	const { size = '320x240', rate = 25, seconds = 2, silent = false, args = [] } = options;
	const file = path.join(dir, `v${count++}.mp4`);
	const picture = ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`];
	const sound = silent ? [] : ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`];
	const run = spawnSync('ffmpeg', [
		'-v',
		'error',
		'-y',
		...picture,
		...sound,
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		...(silent ? [] : ['-c:a', 'aac', '-ac', '1', '-ar', '48000', '-b:a', '64k']),
		'-metadata',
		'title=SECRET-TITLE',
		'-metadata',
		'comment=made with FakeMaker',
		...args,
		file
	]);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return readFileSync(file);
}

/** What ffprobe reads in a file: its streams and its container's tags. */
function probe(bytes: Uint8Array) {
	const file = path.join(dir, `probe${count++}.mp4`);
	writeFileSync(file, bytes);
	const run = spawnSync('ffprobe', [
		'-v',
		'error',
		'-show_streams',
		'-show_format',
		'-of',
		'json',
		file
	]);
	return JSON.parse(String(run.stdout)) as {
		streams: Array<{ codec_name: string; width?: number; height?: number; tags?: object }>;
		format: { tags?: Record<string, string> };
	};
}

/** The same video marked as turned a quarter: its track header's matrix rotates it 90°. */
function turned(bytes: Uint8Array): Uint8Array {
	const copy = bytes.slice();
	const at = Buffer.from(copy).indexOf('tkhd');
	const view = new DataView(copy.buffer);
	// Version 0 track header: the matrix starts 44 bytes after the box's type.
	view.setInt32(at + 44, 0);
	view.setInt32(at + 48, 0x10000);
	view.setInt32(at + 56, -0x10000);
	view.setInt32(at + 60, 0);
	return copy;
}

async function refusal(bytes: Uint8Array): Promise<VideoRefusal | null> {
	const result = await processVideo(bytes);
	return result.ok ? null : result.refusal;
}

describe('processVideo', { timeout: 30_000 }, () => {
	it('takes an H.264 MP4 with mono AAC and writes it again without its tags', async () => {
		const result = await processVideo(video());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.video).toMatchObject({ width: 320, height: 240, sound: true });
		expect(result.video.duration).toBeCloseTo(2, 1);
		const probed = probe(result.video.bytes);
		expect(probed.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
		const text = Buffer.from(result.video.bytes).toString('latin1');
		expect(text).not.toContain('SECRET-TITLE');
		expect(text).not.toContain('FakeMaker');
		expect(text).not.toContain('Lavf');
		expect(probed.format.tags?.title).toBeUndefined();
	});

	it('takes a video without sound, and one whose sound is Opus', async () => {
		const silent = await processVideo(video({ silent: true }));
		expect(silent.ok && silent.video.sound).toBe(false);
		const opus = await processVideo(video({ args: ['-c:a', 'libopus', '-b:a', '64k'] }));
		expect(opus.ok).toBe(true);
	});

	it('refuses an empty file and one that is not an MP4 by its bytes', async () => {
		expect(await refusal(new Uint8Array())).toBe('empty');
		const program = new Uint8Array(4096);
		program.set([0x7f, 0x45, 0x4c, 0x46]);
		expect(await refusal(program)).toBe('not-mp4');
		const webm = path.join(dir, 'clip.webm');
		spawnSync('ffmpeg', [
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'testsrc2=size=64x48:d=1',
			'-c:v',
			'libvpx',
			webm
		]);
		expect(await refusal(readFileSync(webm))).toBe('not-mp4');
	});

	it('refuses a video too short or too long', async () => {
		expect(await refusal(video({ seconds: 0.2, size: '64x48' }))).toBe('too-short');
		expect(await refusal(video({ seconds: 31, size: '64x48', silent: true }))).toBe('too-long');
	});

	it("refuses a picture larger than the served size, or a frame rate above the pack's", async () => {
		expect(await refusal(video({ size: '1280x720', seconds: 1, silent: true }))).toBe(
			'too-big-picture'
		);
		expect(await refusal(video({ rate: 60, seconds: 1, silent: true }))).toBe('frame-rate');
	});

	it('refuses another encoding: stereo sound, MP3 sound, another picture codec, a turned picture', async () => {
		expect(await refusal(video({ args: ['-ac', '2'] }))).toBe('encoding');
		expect(await refusal(video({ args: ['-c:a', 'libmp3lame'] }))).toBe('encoding');
		expect(await refusal(video({ silent: true, args: ['-c:v', 'mpeg4'] }))).toBe('encoding');
		expect(await refusal(turned(video({ silent: true })))).toBe('encoding');
	});

	it('refuses two picture tracks', async () => {
		const file = path.join(dir, 'two.mp4');
		const run = spawnSync('ffmpeg', [
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'testsrc2=size=64x48:rate=25:duration=1',
			'-f',
			'lavfi',
			'-i',
			'testsrc2=size=64x48:rate=25:duration=1',
			'-map',
			'0',
			'-map',
			'1',
			'-c:v',
			'libx264',
			'-pix_fmt',
			'yuv420p',
			file
		]);
		expect(run.status).toBe(0);
		expect(await refusal(readFileSync(file))).toBe('tracks');
	});
});
