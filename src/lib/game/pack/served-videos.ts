/**
 * What a teacher pack's video is when served: the browser's conversion
 * ($lib/client/video-conversion) aims at it and the server's strict check (teacher/videos.ts)
 * holds the result to it. The format is the default pack's videos': H.264 in MP4, mono sound at
 * 48 kHz, one rendition small enough for a phone. Every video is brought to one frame rate and
 * fitted into one box, so both sides of a pair of the same shape come out at the same size.
 */
import { VOICE_FORMAT } from './served-voices';

export const VIDEO_FORMAT = {
	type: 'video/mp4',
	extension: 'mp4',
	/** mediabunny's name for H.264, as the default pack's videos are encoded. */
	codec: 'avc',
	/** Frames per second every video is brought to. */
	frameRate: 25,
	/** The bitrate the editor asks the browser's video encoder for. */
	bitrate: 1_000_000,
	/**
	 * The sound: AAC as the default pack's videos where the browser can encode it, else Opus in
	 * the same MP4 (Chromium on Linux has no AAC encoder); mono at the voices' rate and level.
	 */
	audioCodecs: ['aac', 'opus'],
	audioBitrate: 64_000,
	sampleRate: VOICE_FORMAT.sampleRate,
	channels: VOICE_FORMAT.channels
} as const;

export type VideoAudioCodec = (typeof VIDEO_FORMAT.audioCodecs)[number];

/** The longest side of a served video in pixels (a phone's width, and sharp on a projector). */
export const VIDEO_LONGEST_SIDE = 640;

/** The shortest and longest video a round plays (the default pack's are 4 to 5 s). */
export const VIDEO_SECONDS = { min: 0.5, max: 30 };

/** The largest video file the browser is asked to convert (a minute of a phone's 1080p). */
export const MAX_VIDEO_SOURCE_BYTES = 200 * 1024 * 1024;

/**
 * The size a video of `width` x `height` is served at: scaled (up or down) so its longest side
 * is VIDEO_LONGEST_SIDE, keeping its shape, each side an even number of pixels as H.264's 4:2:0
 * sampling needs. Two videos of the same shape thus come out at the same size.
 */
export function servedVideoSize(width: number, height: number): { width: number; height: number } {
	const scale = VIDEO_LONGEST_SIDE / Math.max(width, height);
	const even = (value: number) => Math.max(2, Math.round((value * scale) / 2) * 2);
	return { width: even(width), height: even(height) };
}

/**
 * How many frames of a served video are measured for its look (picture-look.ts): enough to
 * average over its scenes, few enough to decode in a moment in the teacher's browser.
 */
export const VIDEO_LOOK_FRAMES = 5;

/**
 * The times, in seconds, of the frames measured for a video's look: the middles of
 * VIDEO_LOOK_FRAMES equal stretches, so a fade at either end counts no more than the rest. The
 * editor's browser and the command line measure the same frames.
 */
export function videoLookTimes(seconds: number): number[] {
	return Array.from(
		{ length: VIDEO_LOOK_FRAMES },
		(_, index) => Math.round(((index + 0.5) * seconds * 1000) / VIDEO_LOOK_FRAMES) / 1000
	);
}
