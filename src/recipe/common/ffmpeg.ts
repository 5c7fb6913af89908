// ffmpeg for the recipe: quiet, no stdin, and bit-exact so reruns give the same bytes.
import { execFileSync } from 'node:child_process';

const MAX_BUFFER = 512 * 1024 * 1024;

/** Runs ffmpeg with `args` (in `cwd`, if given) and returns its stdout. */
export function ffmpeg(args: string[], cwd?: string): Buffer {
	return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
		maxBuffer: MAX_BUFFER,
		cwd
	});
}

/** Output flags that keep encoder versions, dates and tags out of the file. */
export const BITEXACT = [
	'-fflags',
	'+bitexact',
	'-flags:v',
	'+bitexact',
	'-flags:a',
	'+bitexact',
	'-map_metadata',
	'-1',
	'-map_chapters',
	'-1'
];

/** Duration in seconds of a media file's container, as ffprobe reports it. */
export function probeDuration(file: string): number {
	const out = execFileSync(
		'ffprobe',
		['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file],
		{ encoding: 'utf8' }
	);
	return Number(out.trim());
}
