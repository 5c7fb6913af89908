/**
 * What a teacher pack's voice is when served, and the level both sides of a voice pair are
 * brought to: the browser's conversion ($lib/client/voice-conversion) aims at it and the
 * server's strict check (teacher/voices.ts) holds the result to it. The format is the default
 * pack's voices': Ogg Opus, mono, 48 kHz, 32 kbit/s.
 */

export const VOICE_FORMAT = {
	type: 'audio/ogg; codecs=opus',
	extension: 'opus',
	sampleRate: 48_000,
	channels: 1,
	/** The bitrate the editor asks the browser's encoder for (the default pack's voices: 32k). */
	bitrate: 32_000
} as const;

/** The shortest and longest voice a round plays (the default pack's are 2 to 8 s). */
export const VOICE_SECONDS = { min: 0.5, max: 30 };

/**
 * The silence a converted voice keeps before and after its speech (speech-bounds.ts), as the
 * default pack's voices are padded: enough that the first and last sounds are not clipped.
 */
export const SPEECH_MARGIN_SECONDS = 0.3;

/** The largest sound file the browser is asked to convert (a minute of studio WAV is 35 MB). */
export const MAX_VOICE_SOURCE_BYTES = 50 * 1024 * 1024;

/**
 * The level every voice is brought to, in dB below full scale: the default pack's voices are at
 * -23 LUFS, and for speech this gated level is within a dB or two of LUFS. Peaks stay under
 * PEAK_CEILING_DB, so a voice with loud clicks comes out a little quieter rather than clipped.
 */
export const VOICE_LEVEL_DB = -23;
export const PEAK_CEILING_DB = -1;

/** Blocks of 400 ms, as loudness meters gate them (ITU-R BS.1770). */
const BLOCK_SECONDS = 0.4;
/** Blocks quieter than this are silence and not measured (BS.1770's absolute gate). */
const SILENCE_DB = -70;
/** Blocks this far below the level of the rest are pauses, not speech (the relative gate). */
const PAUSE_DB = 10;

const decibels = (power: number) => 10 * Math.log10(power);

/**
 * A voice's level measured as its samples stream past (mono, any sample rate): the mean power of
 * its 400 ms blocks, leaving out silence and pauses, so two recordings of the same speech with
 * different gaps measure the same; and its highest peak.
 */
export class VoiceLevel {
	readonly #blockFrames: number;
	readonly #blocks: number[] = [];
	#sum = 0;
	#frames = 0;
	#peak = 0;

	constructor(sampleRate: number) {
		this.#blockFrames = Math.max(1, Math.round(sampleRate * BLOCK_SECONDS));
	}

	add(samples: Float32Array): void {
		for (const value of samples) {
			this.#sum += value * value;
			this.#peak = Math.max(this.#peak, Math.abs(value));
			if (++this.#frames === this.#blockFrames) {
				this.#blocks.push(this.#sum / this.#frames);
				this.#sum = 0;
				this.#frames = 0;
			}
		}
	}

	/** The gated level in dB below full scale (-Infinity for silence), and the peak (0 to 1). */
	result(): { levelDb: number; peak: number } {
		const blocks = [...this.#blocks];
		// A voice shorter than one block is measured over what there is.
		if (blocks.length === 0 && this.#frames > 0) blocks.push(this.#sum / this.#frames);
		const loud = blocks.filter((power) => power > 0 && decibels(power) > SILENCE_DB);
		if (loud.length === 0) return { levelDb: -Infinity, peak: this.#peak };
		const mean = (list: number[]) => list.reduce((sum, power) => sum + power, 0) / list.length;
		const gate = decibels(mean(loud)) - PAUSE_DB;
		const speech = loud.filter((power) => decibels(power) > gate);
		return { levelDb: decibels(mean(speech)), peak: this.#peak };
	}
}

/**
 * The factor that brings a voice to VOICE_LEVEL_DB without its peak passing PEAK_CEILING_DB;
 * 1 for silence (nothing to bring up).
 */
export function voiceGain({ levelDb, peak }: { levelDb: number; peak: number }): number {
	if (!Number.isFinite(levelDb) || peak === 0) return 1;
	const toLevel = 10 ** ((VOICE_LEVEL_DB - levelDb) / 20);
	const toCeiling = 10 ** (PEAK_CEILING_DB / 20) / peak;
	return Math.min(toLevel, toCeiling);
}
