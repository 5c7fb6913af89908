/**
 * A teacher's voice recording as the server takes it: already decoded and encoded again in the
 * teacher's own browser (the sandbox with maintained codecs; the server decodes no untrusted
 * sound), so what arrives must be exactly the pack's served voice format, Ogg Opus, mono, at
 * 48 kHz, as the default pack's voices are. The server checks that strictly from the bytes (the
 * type sniffed, the container read by mediabunny's demuxer, one track of the right codec, the
 * duration, the size for that duration) without decoding a sample, then writes a new Ogg file
 * from the Opus packets with no tags: what it serves is its own file, never the upload.
 */
import {
	BufferSource,
	BufferTarget,
	Conversion,
	Input,
	OGG,
	OggOutputFormat,
	Output,
	type InputAudioTrack
} from 'mediabunny';
import { SNIFF_BYTES, sniffMedia } from '$lib/game/pack/sniff';
import { VOICE_FORMAT, VOICE_SECONDS } from '$lib/game/pack/served-voices';
import { servedFiles, type ServedFile } from './served-files';

/** The most bytes a voice may average per second: twice the bitrate asked for, and pages. */
const MAX_BYTES_PER_SECOND = (2 * VOICE_FORMAT.bitrate) / 8 + 1024;
/** The largest converted voice accepted: the longest at that rate. */
export const MAX_VOICE_BYTES = Math.ceil(VOICE_SECONDS.max * MAX_BYTES_PER_SECOND);
/** Seconds the server may spend reading and rewriting one voice. */
const PROCESS_SECONDS = 15;

export type VoiceRefusal =
	| 'empty'
	| 'too-large'
	| 'not-ogg-opus'
	| 'tracks'
	| 'encoding'
	| 'too-short'
	| 'too-long'
	| 'too-slow'
	| 'unreadable';

export interface ProcessedVoice {
	bytes: Uint8Array;
	/** Seconds, as the pack's renditions give them. */
	duration: number;
}

export type VoiceResult =
	{ ok: true; voice: ProcessedVoice } | { ok: false; refusal: VoiceRefusal };

class Refused extends Error {
	constructor(readonly refusal: VoiceRefusal) {
		super(refusal);
	}
}

/** The one audio track of a voice, in the served encoding, or why not. */
async function voiceTrack(input: Input): Promise<InputAudioTrack> {
	const tracks = await input.getTracks();
	const audio = tracks[0];
	if (tracks.length !== 1 || !audio?.isAudioTrack()) throw new Refused('tracks');
	if (
		audio.codec !== 'opus' ||
		audio.numberOfChannels !== VOICE_FORMAT.channels ||
		audio.sampleRate !== VOICE_FORMAT.sampleRate
	) {
		throw new Refused('encoding');
	}
	return audio;
}

async function process(bytes: Uint8Array): Promise<ProcessedVoice> {
	const input = new Input({ source: new BufferSource(bytes), formats: [OGG] });
	if (!(await input.canRead())) throw new Refused('not-ogg-opus');
	const track = await voiceTrack(input);
	const duration = await track.computeDuration();
	if (duration < VOICE_SECONDS.min) throw new Refused('too-short');
	if (duration > VOICE_SECONDS.max) throw new Refused('too-long');
	if (bytes.length > duration * MAX_BYTES_PER_SECOND + 4096) throw new Refused('encoding');
	const output = new Output({ format: new OggOutputFormat(), target: new BufferTarget() });
	// Same codec in and out, nothing to process: the packets are copied, never decoded. No tags.
	const conversion = await Conversion.init({ input, output, tags: {}, showWarnings: false });
	if (!conversion.isValid || conversion.discardedTracks.length > 0) throw new Refused('unreadable');
	await conversion.execute();
	const written = new Uint8Array(output.target.buffer!);
	return { bytes: written, duration: Math.round(duration * 1000) / 1000 };
}

/** Checks a voice the editor converted and writes the file to serve, or says why not. */
export async function processVoice(bytes: Uint8Array): Promise<VoiceResult> {
	if (bytes.length === 0) return { ok: false, refusal: 'empty' };
	if (bytes.length > MAX_VOICE_BYTES) return { ok: false, refusal: 'too-large' };
	if (sniffMedia(bytes.subarray(0, SNIFF_BYTES)) !== 'ogg-opus') {
		return { ok: false, refusal: 'not-ogg-opus' };
	}
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Refused('too-slow')), PROCESS_SECONDS * 1000);
	});
	try {
		return { ok: true, voice: await Promise.race([process(bytes), timeout]) };
	} catch (error) {
		return { ok: false, refusal: error instanceof Refused ? error.refusal : 'unreadable' };
	} finally {
		clearTimeout(timer);
	}
}

/** A checked voice's file as a pack holds it (served-files.ts). */
export function voiceFiles(voice: ProcessedVoice): ServedFile[] {
	return servedFiles([
		{
			bytes: voice.bytes,
			rendition: { type: VOICE_FORMAT.type, duration: voice.duration },
			extension: VOICE_FORMAT.extension
		}
	]);
}
