/**
 * A teacher's video, converted in the teacher's own browser before it is sent: the browser's
 * maintained decoders (WebCodecs, through mediabunny) read the MP4, WebM or MOV file, so the
 * server never decodes an untrusted video. The picture is fitted to the pack's served size
 * (servedVideoSize), brought to one frame rate and encoded as H.264; the sound, if any, is mixed
 * to mono and brought to the voices' one level (voiceGain), so both sides of a pair look and
 * sound alike. Nothing of the file's tags goes with it. The server checks the result strictly
 * (processVideo) and serves only its own copy. The converted video's look (sharpness, noise,
 * brightness, contrast, colourfulness: picture-look.ts) is measured here too, on a few of its
 * frames, since the server decodes no video; it only feeds the teacher's pair warnings.
 */
import {
	ALL_FORMATS,
	BlobSource,
	BufferTarget,
	CanvasSink,
	Conversion,
	Input,
	MP4,
	Mp4OutputFormat,
	Output,
	getFirstEncodableAudioCodec,
	type InputAudioTrack
} from 'mediabunny';
import { voiceGain } from '$lib/game/pack/served-voices';
import { averageLook, pictureLook, type PictureLook } from '$lib/game/pack/picture-look';
import {
	MAX_VIDEO_SOURCE_BYTES,
	VIDEO_FORMAT,
	VIDEO_SECONDS,
	servedVideoSize,
	videoLookTimes
} from '$lib/game/pack/served-videos';
import { measure, scaled } from './voice-conversion';

export type VideoConversionRefusal = 'too-big' | 'too-long' | 'too-short' | 'undecodable';

export type VideoConversion =
	| { ok: true; file: File; seconds: number; sound: boolean; look: PictureLook }
	| { ok: false; refusal: VideoConversionRefusal };

/** Whether a sound or video file has a picture (a video), rather than sound alone (a voice). */
export async function hasPicture(file: File): Promise<boolean> {
	const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
	try {
		return (await input.canRead()) && (await input.getPrimaryVideoTrack()) !== null;
	} catch {
		return false;
	} finally {
		input.dispose();
	}
}

/** The video's sound track, if it has one the browser can decode. */
async function soundTrack(input: Input): Promise<InputAudioTrack | null> {
	const track = await input.getPrimaryAudioTrack();
	return track && (await track.canDecode()) ? track : null;
}

/**
 * How a video in the served format looks: its frames at videoLookTimes, decoded as a player's
 * browser decodes the served file and at the size it is served, measured by the same
 * pictureLook as a picture and averaged. The editor measures each video it converts, and each
 * video of an imported pack (which comes with no measure) once.
 */
export async function measureVideoLook(video: Blob): Promise<PictureLook> {
	const input = new Input({ source: new BlobSource(video), formats: [MP4] });
	try {
		const picture = await input.getPrimaryVideoTrack();
		if (!picture) throw new Error('no picture track');
		const sink = new CanvasSink(picture, { poolSize: 1 });
		const looks: PictureLook[] = [];
		for await (const frame of sink.canvasesAtTimestamps(
			videoLookTimes(await input.computeDuration())
		)) {
			if (!frame) continue;
			const { canvas } = frame;
			const context = canvas.getContext('2d') as
				CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
			const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
			looks.push(pictureLook(new Uint8Array(data.buffer), width, height, 4));
		}
		if (looks.length === 0) throw new Error('no frame decoded');
		return averageLook(looks);
	} finally {
		input.dispose();
	}
}

/** Converts a video to the pack's served video, or says why it cannot be. */
export async function convertVideo(file: File): Promise<VideoConversion> {
	if (file.size > MAX_VIDEO_SOURCE_BYTES) return { ok: false, refusal: 'too-big' };
	const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
	try {
		if (!(await input.canRead())) return { ok: false, refusal: 'undecodable' };
		const picture = await input.getPrimaryVideoTrack();
		if (!picture || !(await picture.canDecode())) return { ok: false, refusal: 'undecodable' };
		const seconds = await input.computeDuration();
		if (seconds > VIDEO_SECONDS.max) return { ok: false, refusal: 'too-long' };
		if (seconds < VIDEO_SECONDS.min) return { ok: false, refusal: 'too-short' };
		// The size as it is seen: a phone's upright video is stored on its side and turned.
		const size = servedVideoSize(await picture.getDisplayWidth(), await picture.getDisplayHeight());
		const sound = await soundTrack(input);
		const audioCodec =
			sound &&
			(await getFirstEncodableAudioCodec([...VIDEO_FORMAT.audioCodecs], {
				numberOfChannels: VIDEO_FORMAT.channels,
				sampleRate: VIDEO_FORMAT.sampleRate,
				bitrate: VIDEO_FORMAT.audioBitrate
			}));
		const gain = sound && audioCodec ? voiceGain(await measure(sound)) : 1;
		const output = new Output({
			format: new Mp4OutputFormat({ fastStart: 'in-memory' }),
			target: new BufferTarget()
		});
		const conversion = await Conversion.init({
			input,
			output,
			tracks: 'primary',
			video: {
				...size,
				fit: 'fill',
				frameRate: VIDEO_FORMAT.frameRate,
				codec: VIDEO_FORMAT.codec,
				bitrate: VIDEO_FORMAT.bitrate,
				// The turn is done to the frames, so the served file needs no turning metadata.
				allowTransformationMetadata: false,
				forceTranscode: true
			},
			audio:
				sound && audioCodec
					? {
							numberOfChannels: VIDEO_FORMAT.channels,
							sampleRate: VIDEO_FORMAT.sampleRate,
							codec: audioCodec,
							bitrate: VIDEO_FORMAT.audioBitrate,
							forceTranscode: true,
							process: (sample) => scaled(sample, gain)
						}
					: { discard: true },
			tags: {},
			showWarnings: false
		});
		if (!conversion.isValid) return { ok: false, refusal: 'undecodable' };
		await conversion.execute();
		const name = `${file.name.replace(/\.[^.]*$/, '')}.${VIDEO_FORMAT.extension}`;
		const converted = new File([output.target.buffer!], name, { type: VIDEO_FORMAT.type });
		const look = await measureVideoLook(converted);
		return { ok: true, file: converted, seconds, sound: !!(sound && audioCodec), look };
	} catch {
		return { ok: false, refusal: 'undecodable' };
	} finally {
		input.dispose();
	}
}
