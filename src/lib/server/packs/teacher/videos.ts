/**
 * A teacher's video as the server takes it: already decoded and encoded again in the teacher's
 * own browser (the sandbox with maintained codecs; the server decodes no untrusted video), so
 * what arrives must be exactly the pack's served video format: MP4 holding one H.264 picture
 * track of at most VIDEO_LONGEST_SIDE pixels, even-sized, unrotated, at the pack's frame rate,
 * and at most one mono 48 kHz AAC or Opus sound track. The server checks that strictly from the
 * bytes (the type sniffed, the container read by mediabunny's demuxer, the tracks, the size, the
 * duration, the bytes for that duration) without decoding a frame, then writes a new MP4 from
 * the packets with no tags: what it serves is its own file, never the upload.
 */
import {
	BufferSource,
	BufferTarget,
	Conversion,
	Input,
	MP4,
	Mp4OutputFormat,
	Output,
	type InputAudioTrack,
	type InputVideoTrack
} from 'mediabunny';
import { SNIFF_BYTES, sniffMedia } from '$lib/game/pack/sniff';
import { servedFiles, type ServedFile } from './served-files';
import {
	VIDEO_FORMAT,
	VIDEO_LONGEST_SIDE,
	VIDEO_SECONDS,
	type VideoAudioCodec
} from '$lib/game/pack/served-videos';

/** The most bytes a video may average per second: twice the bitrates asked for, and boxes. */
const MAX_BYTES_PER_SECOND = (2 * (VIDEO_FORMAT.bitrate + VIDEO_FORMAT.audioBitrate)) / 8 + 4096;
/** The largest converted video accepted: the longest at that rate. */
export const MAX_VIDEO_BYTES = Math.ceil(VIDEO_SECONDS.max * MAX_BYTES_PER_SECOND);
/** Frames per second a converted video may show beyond the pack's rate (timestamps round). */
const FRAME_RATE_SLACK = 1;
/** Seconds the server may spend reading and rewriting one video. */
const PROCESS_SECONDS = 20;

export type VideoRefusal =
	| 'empty'
	| 'too-large'
	| 'not-mp4'
	| 'tracks'
	| 'encoding'
	| 'too-big-picture'
	| 'frame-rate'
	| 'too-short'
	| 'too-long'
	| 'too-slow'
	| 'unreadable';

export interface ProcessedVideo {
	bytes: Uint8Array;
	width: number;
	height: number;
	/** Seconds, as the pack's renditions give them. */
	duration: number;
	/** Whether it has a sound track. */
	sound: boolean;
}

export type VideoResult =
	{ ok: true; video: ProcessedVideo } | { ok: false; refusal: VideoRefusal };

class Refused extends Error {
	constructor(readonly refusal: VideoRefusal) {
		super(refusal);
	}
}

/** The picture track and the sound track, if any, in the served encoding, or why not. */
async function videoTracks(
	input: Input
): Promise<{ picture: InputVideoTrack; sound: InputAudioTrack | null }> {
	const tracks = await input.getTracks();
	const pictures = tracks.filter((track) => track.isVideoTrack());
	const sounds = tracks.filter((track) => track.isAudioTrack());
	if (
		pictures.length !== 1 ||
		sounds.length > 1 ||
		pictures.length + sounds.length !== tracks.length
	) {
		throw new Refused('tracks');
	}
	const picture = pictures[0];
	const sound = sounds[0] ?? null;
	if ((await picture.getCodec()) !== VIDEO_FORMAT.codec) throw new Refused('encoding');
	if (
		sound &&
		(!VIDEO_FORMAT.audioCodecs.includes((await sound.getCodec()) as VideoAudioCodec) ||
			(await sound.getNumberOfChannels()) !== VIDEO_FORMAT.channels ||
			(await sound.getSampleRate()) !== VIDEO_FORMAT.sampleRate)
	) {
		throw new Refused('encoding');
	}
	return { picture, sound };
}

async function process(bytes: Uint8Array): Promise<ProcessedVideo> {
	const input = new Input({ source: new BufferSource(bytes), formats: [MP4] });
	if (!(await input.canRead())) throw new Refused('not-mp4');
	const { picture, sound } = await videoTracks(input);
	const width = await picture.getCodedWidth();
	const height = await picture.getCodedHeight();
	const square = await picture.getPixelAspectRatio();
	// Turned, flipped or stretched by metadata, a video would show otherwise than its frames;
	// the browser's conversion writes the frames as they are to be seen.
	if ((await picture.getRotation()) !== 0 || (await picture.getFlip())) {
		throw new Refused('encoding');
	}
	if (square.num !== square.den) throw new Refused('encoding');
	if (Math.max(width, height) > VIDEO_LONGEST_SIDE) throw new Refused('too-big-picture');
	if (width % 2 !== 0 || height % 2 !== 0) throw new Refused('encoding');
	const duration = await input.computeDuration();
	if (duration < VIDEO_SECONDS.min) throw new Refused('too-short');
	if (duration > VIDEO_SECONDS.max) throw new Refused('too-long');
	if (bytes.length > duration * MAX_BYTES_PER_SECOND + 8192) throw new Refused('encoding');
	const stats = await picture.computePacketStats();
	if (stats.averagePacketRate > VIDEO_FORMAT.frameRate + FRAME_RATE_SLACK) {
		throw new Refused('frame-rate');
	}
	const output = new Output({
		format: new Mp4OutputFormat({ fastStart: 'in-memory' }),
		target: new BufferTarget()
	});
	// Same codecs in and out, nothing to process: the packets are copied, never decoded. No tags.
	const conversion = await Conversion.init({ input, output, tags: {}, showWarnings: false });
	if (!conversion.isValid || conversion.discardedTracks.length > 0) throw new Refused('unreadable');
	await conversion.execute();
	return {
		bytes: new Uint8Array(output.target.buffer!),
		width,
		height,
		duration: Math.round(duration * 1000) / 1000,
		sound: sound !== null
	};
}

/** Checks a video the editor converted and writes the file to serve, or says why not. */
export async function processVideo(bytes: Uint8Array): Promise<VideoResult> {
	if (bytes.length === 0) return { ok: false, refusal: 'empty' };
	if (bytes.length > MAX_VIDEO_BYTES) return { ok: false, refusal: 'too-large' };
	if (sniffMedia(bytes.subarray(0, SNIFF_BYTES)) !== 'mp4')
		return { ok: false, refusal: 'not-mp4' };
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Refused('too-slow')), PROCESS_SECONDS * 1000);
	});
	try {
		return { ok: true, video: await Promise.race([process(bytes), timeout]) };
	} catch (error) {
		return { ok: false, refusal: error instanceof Refused ? error.refusal : 'unreadable' };
	} finally {
		clearTimeout(timer);
	}
}

/** A checked video's file as a pack holds it (served-files.ts), with its size and length. */
export function videoFiles(video: ProcessedVideo): ServedFile[] {
	const { width, height, duration } = video;
	return servedFiles([
		{
			bytes: video.bytes,
			rendition: { type: VIDEO_FORMAT.type, width, height, duration },
			extension: VIDEO_FORMAT.extension
		}
	]);
}
