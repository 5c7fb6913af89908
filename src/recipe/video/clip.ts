// A talking-head clip as frames and sound, and the one encoder every served video goes through.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BITEXACT, ffmpeg, probeDuration } from '../common/ffmpeg';
import { WORK_DIR } from '../common/media-store';

/** Every served video: this size, frame rate and codec settings, real or synthetic. */
export const VIDEO = { width: 320, height: 240, fps: 15 } as const;

/** Where a clip comes from: a file, a time window and an optional ffmpeg crop of the picture. */
export interface ClipSource {
	file: string;
	start: number;
	duration: number;
	/** ffmpeg crop filter arguments (w:h:x:y) applied before scaling, for a picture-in-picture. */
	crop?: string;
	/**
	 * Leave the recording's sound out and lay digital silence under the frames instead: footage
	 * that has no sound (a 1906 film) is paired with footage that has, so both sides go silent.
	 */
	silent?: boolean;
}

/** Decodes a clip window to numbered PNG frames at VIDEO size and rate, and a WAV of its sound. */
export function extractClip(source: ClipSource, dir: string): { frames: string[]; audio: string } {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(path.join(dir, 'frames'), { recursive: true });
	const filters = [
		...(source.crop ? [`crop=${source.crop}`] : []),
		`fps=${VIDEO.fps}`,
		`scale=${VIDEO.width}:${VIDEO.height}:flags=lanczos`,
		// Square pixels: footage with a non-square pixel aspect (PAL 720x576) would otherwise
		// carry it into the frames and play wider than VIDEO.width.
		'setsar=1'
	].join(',');
	const window = ['-ss', String(source.start), '-t', String(source.duration), '-i', source.file];
	// At most the window's length in frames: footage at 25 fps and at 15 fps gives the same count.
	const count = String(Math.round(source.duration * VIDEO.fps));
	ffmpeg([
		...window,
		'-vf',
		filters,
		'-frames:v',
		count,
		'-an',
		path.join(dir, 'frames', '%04d.png')
	]);
	const frames = readdirSync(path.join(dir, 'frames'))
		.filter((f) => f.endsWith('.png'))
		.sort()
		.map((f) => path.join(dir, 'frames', f));
	const audio = path.join(dir, 'audio.wav');
	const sound = source.silent
		? ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', String(frames.length / VIDEO.fps)]
		: [...window, '-vn'];
	ffmpeg([...sound, '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', audio]);
	return { frames, audio };
}

/** Where every encode runs, with its inputs linked under the same names each time. */
const ENCODE_DIR = path.join(WORK_DIR, 'encode');

/**
 * Encodes PNG frames (named %04d.png in `framesDir`) and a WAV into H.264/AAC MP4 with settings
 * shared by every video. One x264 thread and bitexact flags make the bytes reproducible; the SEI
 * unit where x264 writes its version and options is dropped, so the file carries no encoder text.
 *
 * Two traps of ffmpeg 5.1 were measured on 2026-12-06 (README, "deterministic"): x264 gave other
 * bytes for the same frames when only the file names on the command line changed, and frames and
 * sound encoded in one command with -shortest gave one of two streams from run to run (each input
 * is read on its own thread, and where -shortest cuts depends on which arrives first). So ffmpeg
 * runs in ENCODE_DIR on links with fixed names, and in three one-input steps: the picture, the
 * sound cut to the picture's length, then both copied into the MP4.
 */
export function encodeVideo(
	framesDir: string,
	audio: string,
	out: string
): { bytes: Uint8Array; duration: number } {
	rmSync(ENCODE_DIR, { recursive: true, force: true });
	mkdirSync(ENCODE_DIR, { recursive: true });
	symlinkSync(path.resolve(framesDir), path.join(ENCODE_DIR, 'frames'));
	symlinkSync(path.resolve(audio), path.join(ENCODE_DIR, 'audio.wav'));
	const frames = readdirSync(framesDir).filter((f) => f.endsWith('.png')).length;
	ffmpeg(
		[
			'-framerate',
			String(VIDEO.fps),
			'-i',
			'frames/%04d.png',
			'-c:v',
			'libx264',
			'-preset',
			'medium',
			'-crf',
			'24',
			'-threads',
			'1',
			'-g',
			String(VIDEO.fps * 2),
			'-pix_fmt',
			'yuv420p',
			'-bsf:v',
			'filter_units=remove_types=6',
			...BITEXACT,
			'picture.mp4'
		],
		ENCODE_DIR
	);
	ffmpeg(
		[
			'-i',
			'audio.wav',
			'-t',
			String(frames / VIDEO.fps),
			'-c:a',
			'aac',
			'-b:a',
			'64k',
			'-ac',
			'1',
			...BITEXACT,
			'sound.m4a'
		],
		ENCODE_DIR
	);
	ffmpeg(
		[
			'-i',
			'picture.mp4',
			'-i',
			'sound.m4a',
			'-map',
			'0:v',
			'-map',
			'1:a',
			'-c',
			'copy',
			'-movflags',
			'+faststart',
			...BITEXACT,
			'out.mp4'
		],
		ENCODE_DIR
	);
	renameSync(path.join(ENCODE_DIR, 'out.mp4'), out);
	return {
		bytes: blankUserData(new Uint8Array(readFileSync(out))),
		duration: Math.round(probeDuration(out) * 100) / 100
	};
}

/**
 * ffmpeg's MP4 muxer always writes a user-data box (moov/udta holding an empty iTunes meta list),
 * even with bitexact flags. It says nothing, but a served file should carry no metadata box at
 * all, so it becomes a "free" box of the same size with zeroed content: no offset moves.
 */
function blankUserData(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const type = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
	const boxes = (from: number, to: number) => {
		const found: number[] = [];
		for (let at = from; at + 8 <= to && view.getUint32(at) >= 8; at += view.getUint32(at)) {
			found.push(at);
		}
		return found;
	};
	for (const moov of boxes(0, bytes.length).filter((at) => type(at) === 'moov')) {
		for (const udta of boxes(moov + 8, moov + view.getUint32(moov))) {
			if (type(udta) !== 'udta') continue;
			bytes.set([0x66, 0x72, 0x65, 0x65], udta + 4);
			bytes.fill(0, udta + 8, udta + view.getUint32(udta));
		}
	}
	return bytes;
}
