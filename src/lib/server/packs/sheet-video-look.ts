/**
 * A video's look on the command line (sheet-pack.ts), for the pair warnings the editor gives
 * from the look its browser measures (video-conversion.ts): the same frames (videoLookTimes), the
 * same pictureLook, averaged. The server itself decodes no video and never runs this; the
 * command line is a maintainer's tool on their own files, already checked by processVideo, so it
 * may decode them with the system's ffmpeg (Debian's, kept up to date by the system, not a binary
 * bundled with an npm package). Without ffmpeg the pack is still built, without those warnings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { averageLook, pictureLook, type PictureLook } from '$lib/game/pack/picture-look';
import { videoLookTimes } from '$lib/game/pack/served-videos';
import type { ProcessedVideo } from './teacher/videos';

/** The look of a checked video's frames, or null when this computer has no ffmpeg. */
export function sheetVideoLook(video: ProcessedVideo): PictureLook | null {
	const frameBytes = video.width * video.height * 3;
	// A file, not a pipe: ffmpeg seeks an MP4 only in a file.
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-video-look-'));
	const file = path.join(dir, 'video.mp4');
	writeFileSync(file, video.bytes);
	try {
		const looks: PictureLook[] = [];
		for (const time of videoLookTimes(video.duration)) {
			// Seeking before the input decodes up to the time and gives the frame showing from it
			// (mediabunny's is the one showing at it: at most one frame apart).
			const run = spawnSync(
				'ffmpeg',
				[
					...['-v', 'error', '-ss', String(time), '-i', file, '-frames:v', '1'],
					...['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']
				],
				{ maxBuffer: 2 * frameBytes }
			);
			if (run.error) return null;
			if (run.status !== 0 || run.stdout.length !== frameBytes) {
				throw new Error(`ffmpeg could not decode the frame at ${time} s: ${run.stderr}`);
			}
			looks.push(pictureLook(run.stdout, video.width, video.height, 3));
		}
		return averageLook(looks);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
