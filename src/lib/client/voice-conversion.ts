/**
 * A teacher's voice recording, converted in the teacher's own browser before it is sent: the
 * browser's maintained decoders (WebCodecs, through mediabunny) read the MP3, WAV, M4A, OGG or
 * WebM file, so the server never decodes an untrusted sound. The voice is mixed to mono, brought
 * to the pack's one level (VoiceLevel, voiceGain: both sides of a pair then sound equally loud),
 * cut to its speech with SPEECH_MARGIN_SECONDS of silence either side (speechBounds: then
 * neither side of a pair starts after a longer silence) and encoded as the pack's served voice,
 * Ogg Opus at 48 kHz; the server checks the result strictly (processVoice) and serves only its
 * own copy.
 */
import {
	ALL_FORMATS,
	AudioSample,
	AudioSampleSink,
	BlobSource,
	BufferTarget,
	Conversion,
	Input,
	OggOutputFormat,
	Output,
	type InputAudioTrack
} from 'mediabunny';
import { speechBounds } from '$lib/game/pack/speech-bounds';
import {
	MAX_VOICE_SOURCE_BYTES,
	SPEECH_MARGIN_SECONDS,
	VOICE_FORMAT,
	VOICE_SECONDS,
	VoiceLevel,
	voiceGain
} from '$lib/game/pack/served-voices';

export type VoiceConversionRefusal = 'too-big' | 'too-long' | 'too-short' | 'undecodable';

export type VoiceConversion =
	{ ok: true; file: File; seconds: number } | { ok: false; refusal: VoiceConversionRefusal };

/** The samples of one decoded chunk mixed to mono. */
function mono(sample: AudioSample): Float32Array {
	const frames = sample.numberOfFrames;
	const mixed = new Float32Array(frames);
	const plane = new Float32Array(frames);
	for (let channel = 0; channel < sample.numberOfChannels; channel++) {
		sample.copyTo(plane, { planeIndex: channel, format: 'f32-planar' });
		for (let i = 0; i < frames; i++) mixed[i] += plane[i] / sample.numberOfChannels;
	}
	return mixed;
}

/** A chunk made louder or quieter by `gain`, as the encoder takes it (also a video's sound). */
export function scaled(sample: AudioSample, gain: number): AudioSample {
	const frames = sample.numberOfFrames;
	const data = new Float32Array(frames * sample.numberOfChannels);
	for (let channel = 0; channel < sample.numberOfChannels; channel++) {
		const plane = data.subarray(channel * frames, (channel + 1) * frames);
		sample.copyTo(plane, { planeIndex: channel, format: 'f32-planar' });
		for (let i = 0; i < frames; i++) plane[i] = Math.max(-1, Math.min(1, plane[i] * gain));
	}
	const result = new AudioSample({
		data,
		format: 'f32-planar',
		numberOfChannels: sample.numberOfChannels,
		sampleRate: sample.sampleRate,
		timestamp: sample.timestamp
	});
	sample.close();
	return result;
}

/** The voice's sound track, if the browser can decode it. */
async function soundTrack(input: Input): Promise<InputAudioTrack | null> {
	if (!(await input.canRead())) return null;
	const track = await input.getPrimaryAudioTrack();
	return track && (await track.canDecode()) ? track : null;
}

/** What a whole voice (or a video's sound) measures, read once from its decoded samples. */
export interface Heard {
	levelDb: number;
	peak: number;
	/** Where its speech starts and ends, in seconds on the recording's time line; null if silent. */
	speech: { start: number; end: number } | null;
}

/** The level of a whole voice (or a video's sound) and where its speech is. */
export async function measure(track: InputAudioTrack): Promise<Heard> {
	const level = new VoiceLevel(track.sampleRate);
	const chunks: Float32Array[] = [];
	let origin: number | undefined;
	for await (const sample of new AudioSampleSink(track).samples()) {
		origin ??= sample.timestamp;
		const samples = mono(sample);
		level.add(samples);
		chunks.push(samples);
		sample.close();
	}
	const all = new Float32Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		all.set(chunk, offset);
		offset += chunk.length;
	}
	const bounds = speechBounds(all, track.sampleRate);
	const at = (index: number) => (origin ?? 0) + index / track.sampleRate;
	return { ...level.result(), speech: bounds && { start: at(bounds.start), end: at(bounds.end) } };
}

/** Converts a recording to the pack's served voice, or says why it cannot be. */
export async function convertVoice(file: File): Promise<VoiceConversion> {
	if (file.size > MAX_VOICE_SOURCE_BYTES) return { ok: false, refusal: 'too-big' };
	const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
	try {
		const track = await soundTrack(input);
		if (!track) return { ok: false, refusal: 'undecodable' };
		const duration = await track.computeDuration();
		if (duration > VOICE_SECONDS.max) return { ok: false, refusal: 'too-long' };
		const heard = await measure(track);
		const start = Math.max(0, (heard.speech?.start ?? 0) - SPEECH_MARGIN_SECONDS);
		const end = Math.min(duration, (heard.speech?.end ?? duration) + SPEECH_MARGIN_SECONDS);
		const seconds = end - start;
		if (seconds < VOICE_SECONDS.min) return { ok: false, refusal: 'too-short' };
		const gain = voiceGain(heard);
		const output = new Output({ format: new OggOutputFormat(), target: new BufferTarget() });
		const conversion = await Conversion.init({
			input,
			output,
			video: { discard: true },
			trim: { start, end },
			audio: {
				numberOfChannels: VOICE_FORMAT.channels,
				sampleRate: VOICE_FORMAT.sampleRate,
				codec: 'opus',
				bitrate: VOICE_FORMAT.bitrate,
				forceTranscode: true,
				process: (sample) => scaled(sample, gain)
			},
			// Nothing of the recording's tags (its maker, its title) goes with it.
			tags: {},
			showWarnings: false
		});
		if (!conversion.isValid) return { ok: false, refusal: 'undecodable' };
		await conversion.execute();
		const name = `${file.name.replace(/\.[^.]*$/, '')}.${VOICE_FORMAT.extension}`;
		const converted = new File([output.target.buffer!], name, { type: VOICE_FORMAT.type });
		return { ok: true, file: converted, seconds };
	} catch {
		return { ok: false, refusal: 'undecodable' };
	} finally {
		input.dispose();
	}
}
