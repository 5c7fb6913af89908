// The voice part of the default pack: 78 pairs of a real Asterisk prompt (by one of four voice
// artists, in English, French, Italian or Russian) against the same sentence from a speech
// synthesiser of the same language and kind of voice, or spliced from other prompts. Writes the audio into the
// pack and .pack-build/fragments/voices.json. Run alone with `npx tsx src/recipe/voices/build.ts`.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { itemIdFor, PACK_DIR, storeMedia } from '../common/media-store';
import { writeFragment } from '../common/fragment';
import { DIFFICULTY } from '../common/tiers';
import { ensureDebianInputs } from './inputs';
import { encodedLoudness, encodeOpus, filter, RATE, type Samples } from './audio';
import { fitLength, gain, trim } from './clip';
import { finish, LEAD, matchSpectrum, SHARED_PROCESSING, TARGET_LUFS } from './finish';
import { synthesise, packageVersion, type Engine } from './engines';
import { trackPitch, pitchStats, type PitchTrack } from './pitch';
import { VOICE_PLANS, type VoicePlan } from './plan';
import {
	alignWords,
	decodePrompt,
	promptFile,
	SPEAKERS,
	transcriptOf,
	type Speaker,
	type Word
} from './prompts';
import { buildSplice, type Splice } from './splice';
import {
	buzzyTimbre,
	dullAfterJoin,
	flatIntonation,
	semitones,
	spliceJump,
	unnaturalRhythm,
	type Tell
} from './tells';
import { VOICE_CREDITS } from './credits';
import { flawSize } from './difficulty';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const AUDIO_TYPE = 'audio/ogg; codecs=opus';

const soundsVersion = (speaker: Speaker = SPEAKERS.allison) =>
	packageVersion(speaker.soundsPackage);

/** The sentence a prompt says: its transcript with single spaces. */
function sentenceOf(prompt: string, speaker: Speaker = SPEAKERS.allison): string {
	return transcriptOf(prompt, speaker).replace(/\s+/g, ' ').trim();
}

/** The pocketsphinx model that aligns words is English: other languages get no word timings. */
const alignable = (speaker: Speaker) => speaker.language === 'en';

/** ffmpeg's atempo (pitch kept), `factor` > 1 makes it shorter; exact length is fixed after. */
function tempo(speech: Samples, factor: number): Samples {
	if (factor < 0.75 || factor > 1.33) throw new Error(`tempo factor ${factor} is too far from 1`);
	return filter(speech, `atempo=${factor.toFixed(5)}`);
}

interface Made {
	speech: Samples;
	method: string;
	/** The method in one plain sentence, for a player. */
	summary: string;
	digitalSourceType: string;
	source: string;
	author: string;
	derivedFrom?: string[];
	parameters: Record<string, unknown>;
	joins?: Splice['joins'];
	engine?: Engine;
}

/** Median pitch of voiced speech, Hz. */
const medianPitch = (speech: Samples) => pitchStats(trackPitch(speech).f0).median;

/** A synthetic voice further than this from the real speaker's median pitch is shifted to it. */
const PITCH_TOLERANCE_SEMITONES = 1;

/**
 * The TTS side: the engine's own rate set to the real length, then a small exact fit. A voice
 * pitched well above or below the real speaker is shifted to the real median (Rubber Band,
 * formants kept), so that "pick the lower voice" is no rule: only how the voice moves is left.
 */
function speak(engine: Engine, sentence: string, real: Samples): Made {
	const length = real.length;
	const first = trim(synthesise(engine, sentence));
	const stretch = length / first.length;
	const paced = trim(synthesise(engine, sentence, stretch));
	const factor = paced.length / length;
	let speech = fitLength(Math.abs(factor - 1) < 0.001 ? paced : tempo(paced, factor), length);
	const shift = Math.round(12 * Math.log2(medianPitch(real) / medianPitch(speech)) * 100) / 100;
	const shifted = Math.abs(shift) > PITCH_TOLERANCE_SEMITONES;
	if (shifted) {
		const ratio = 2 ** (shift / 12);
		speech = fitLength(
			filter(speech, `rubberband=pitch=${ratio.toFixed(5)}:formant=preserved`),
			length
		);
	}
	const version = packageVersion(engine.packageName);
	const pitch = shifted
		? `; pitch shifted ${shift > 0 ? 'up' : 'down'} ${Math.abs(shift)} semitones to the real speaker's median (Rubber Band in ffmpeg, formants kept)`
		: '';
	return {
		speech,
		summary: 'A computer voice read this sentence out: no person ever said it.',
		method: `${engine.method(version)}${pitch}`,
		digitalSourceType: engine.digitalSourceType,
		source: `Debian package ${engine.packageName} ${version}, speaking the transcript of an Asterisk prompt`,
		author: `Telltale pack recipe with ${engine.author}`,
		parameters: {
			...engine.parameters,
			...engine.rateSetting(stretch),
			tempoCorrection: Math.round(factor * 1000) / 1000,
			pitchShiftSemitones: shifted ? shift : 0
		},
		engine
	};
}

function splice(plan: Extract<VoicePlan, { splice: string }>, length: number): Made {
	const made = buildSplice(plan.pieces, plan.splice, length, tempo);
	const version = soundsVersion();
	return {
		speech: fitLength(made.speech, length),
		method:
			plan.splice === 'crude'
				? 'audio splice of other real prompts by the same speaker: cut at the word boundaries found by forced alignment (pocketsphinx) and joined end to end, no smoothing'
				: 'audio splice of other real prompts by the same speaker: cut at the quietest point near each word boundary (forced alignment with pocketsphinx), levels evened out, 10 ms fades, pauses fitted to the sentence',
		summary:
			'Words from other recordings of the same speaker were cut out and glued together into a sentence she never said.',
		digitalSourceType: `${IPTC}compositeCapture`,
		source: `Debian package asterisk-core-sounds-en-g722 ${version}, ${made.sources.length} other prompts`,
		author: 'Allison Smith (recordings); spliced by the Telltale pack recipe',
		derivedFrom: made.sources.map((source) => `asterisk-core-sounds-en-g722 ${version}: ${source}`),
		parameters: made.parameters,
		joins: made.joins
	};
}

/** Finishes and encodes one side; returns its pack path and the samples it was encoded from. */
function store(speech: Samples): { src: string; samples: Samples; voice: Samples; peak: number } {
	const { samples, voice, peak } = finish(speech);
	return { src: storeMedia(encodeAtTarget(samples), 'opus'), samples, voice, peak };
}

/**
 * Encodes a finished clip so that the served file, not only the samples, is at TARGET_LUFS: the
 * codec moves loudness by a tenth of a LU or so, differently for different voices, so the clip is
 * re-encoded with that much gain until the decoded file is within 0.02 LU.
 */
function encodeAtTarget(samples: Samples): Uint8Array {
	let offset = 0;
	let encoded = encodeOpus(samples);
	for (let round = 0; round < 4; round++) {
		const miss = TARGET_LUFS - encodedLoudness(encoded);
		if (Math.abs(miss) < 0.02) break;
		offset += miss;
		encoded = encodeOpus(gain(samples, offset));
	}
	return encoded;
}

/** The last step of every fake's method (finish.ts, matchSpectrum). */
const TONE_MATCH =
	"tone colour evened out to the real recording's average spectrum (third-octave equaliser, ffmpeg firequalizer)";

/**
 * Synthetic speech trimmed by the same rule as the real one and brought to exactly its length:
 * both clips' speech starts and ends at the same moment, so neither has the longer pause at the
 * end.
 */
function sameSpan(speech: Samples, length: number): Samples {
	const trimmed = trim(speech);
	const factor = trimmed.length / length;
	return fitLength(Math.abs(factor - 1) < 0.001 ? trimmed : tempo(trimmed, factor), length);
}

/** Aligned words spelt as in the sentence ("I'm", not "i'm"), when the two line up one to one. */
function asWritten(words: Word[], sentence: string): Word[] {
	const written = sentence.split(' ').map((token) => token.replace(/^[^\w']+|[^\w']+$/g, ''));
	if (written.length !== words.length) return words;
	return words.map((word, i) => ({ ...word, word: written[i] }));
}

interface Built {
	items: unknown[];
	pair: unknown;
	report: string;
}

function buildPair(plan: VoicePlan): Built {
	const speaker = ('speaker' in plan && plan.speaker) || SPEAKERS.allison;
	const sentence = sentenceOf(plan.prompt, speaker);
	const realSpeech = trim(decodePrompt(plan.prompt, speaker));
	const length = realSpeech.length;
	const made = 'engine' in plan ? speak(plan.engine, sentence, realSpeech) : splice(plan, length);
	// Spanned again after the equaliser, which moves where the speech rises above the trim level.
	const toned = matchSpectrum(sameSpan(made.speech, length), realSpeech);
	const real = store(realSpeech);
	const fake = store(sameSpan(toned.speech, length));
	const duration = Math.round((real.samples.length / RATE) * 1000) / 1000;
	const key = plan.id;

	// Measured on the voices without the room-noise bed, which is the same on both sides.
	const realTrack = trackPitch(real.voice);
	const fakeTrack = trackPitch(fake.voice);
	const fakeWords = alignable(speaker)
		? asWritten(alignWords(fake.voice, sentence, `${key}-b`), sentence)
		: [];
	const realWords = alignable(speaker)
		? asWritten(alignWords(real.voice, sentence, `${key}-a`), sentence)
		: [];
	// A round in another language shows the English prompt it was translated from (Asterisk's
	// prompts in every language are translations of the same English set), or what the plan says
	// the prompt says where the two differ.
	const translation = ('translation' in plan && plan.translation) || sentenceOf(plan.prompt);
	const language = alignable(speaker) ? {} : { language: speaker.language, translation };
	const tells = locateTells(sentence, made, fakeTrack, realTrack, fakeWords, realWords, duration);
	const flaw = flawSize(fakeTrack, realTrack, fakeWords, realWords, made.joins, LEAD);
	if (tells.length === 0) throw new Error(`${plan.prompt}: no tell could be measured`);

	const media = (src: string) => [{ src, type: AUDIO_TYPE, duration }];
	const realItem = {
		id: itemIdFor(real.src),
		kind: 'audio',
		media: media(real.src),
		truth: 'real',
		provenance: {
			source: `Debian package ${speaker.soundsPackage} ${soundsVersion(speaker)}, ${promptFile(plan.prompt, speaker)}`,
			author: speaker.name,
			licence: speaker.licence,
			digitalSourceType: `${IPTC}digitalCapture`,
			parameters: { ...SHARED_PROCESSING, decodedFrom: 'G.722 16 kHz' }
		},
		transcript: sentence,
		...language
	};
	const fakeItem = {
		id: itemIdFor(fake.src),
		kind: 'audio',
		media: media(fake.src),
		truth: 'synthetic',
		provenance: {
			source: made.source,
			author: made.author,
			// The fake says the prompt's transcript, so it shares the prompt set's licence.
			licence: speaker.licence,
			digitalSourceType: made.digitalSourceType,
			method: `${made.method}; ${TONE_MATCH}`,
			summary: made.summary,
			parameters: {
				...made.parameters,
				toneCorrectionDb: toned.gains,
				...SHARED_PROCESSING,
				// Ranked by common/tiers.ts into the pair's tier, as the pictures' visibility is.
				[DIFFICULTY]: { measure: 'flaw size to the ear (voices/difficulty.ts)', value: flaw }
			},
			...(made.derivedFrom ? { derivedFrom: made.derivedFrom } : {})
		},
		transcript: sentence,
		...language,
		tells
	};
	// Pair members in id order: ids are hashes, so the order says nothing about the answer.
	const ids = [realItem.id, fakeItem.id].sort();
	const realStats = pitchStats(realTrack.f0);
	const fakeStats = pitchStats(fakeTrack.f0);
	return {
		items: [realItem, fakeItem],
		pair: {
			id: key,
			items: ids,
			tier: plan.tier,
			topic: 'voice',
			independent: true,
			prompt: sentence,
			sources: [
				`prompt:${promptFile(plan.prompt, speaker)}`,
				...('pieces' in plan
					? plan.pieces.map((piece) => `prompt:${promptFile(piece.prompt)}`)
					: [])
			]
		},
		report:
			`${key} t${plan.tier} ${('engine' in plan ? plan.engine.id : `splice-${plan.splice}`).padEnd(22)} ` +
			`${duration.toFixed(2)}s real ${realStats.low}-${realStats.high}Hz (${semitones(realStats.low, realStats.high)} st) ` +
			`fake ${fakeStats.low}-${fakeStats.high}Hz (${semitones(fakeStats.low, fakeStats.high)} st) ` +
			`peaks ${real.peak}/${fake.peak} dBFS flaw ${flaw} tells ${tells.map((t) => t.category).join(',')}`
	};
}

function locateTells(
	sentence: string,
	made: Made,
	fakeTrack: PitchTrack,
	realTrack: PitchTrack,
	fakeWords: Word[],
	realWords: Word[],
	duration: number
): Tell[] {
	const joins = made.joins;
	if (joins) {
		const clauseEnds = sentence.split(' ').map((word) => /[.,!?;]$/.test(word));
		if (clauseEnds.length !== realWords.length) throw new Error(`word count of "${sentence}"`);
		return joins.flatMap((join, i) =>
			[
				spliceJump(join, fakeTrack, realTrack, realWords, clauseEnds, LEAD, duration),
				dullAfterJoin(join, joins[i + 1], LEAD, duration)
			].filter((tell): tell is Tell => tell !== undefined)
		);
	}
	return [
		flatIntonation(fakeTrack, realTrack, fakeWords, duration),
		buzzyTimbre(fakeTrack, realTrack, fakeWords, duration),
		unnaturalRhythm(fakeWords, realWords)
	].filter((tell): tell is Tell => tell !== undefined);
}

/** Deletes Opus files of earlier runs that this run no longer references (only voices write Opus). */
function removeStaleClips(items: unknown[]): void {
	const kept = new Set(
		items.flatMap((item) => (item as { media: Array<{ src: string }> }).media.map((m) => m.src))
	);
	const dir = path.join(PACK_DIR, 'media');
	for (const name of readdirSync(dir)) {
		if (name.endsWith('.opus') && !kept.has(`media/${name}`)) rmSync(path.join(dir, name));
	}
}

function main(): void {
	ensureDebianInputs();
	const started = Date.now();
	const items: unknown[] = [];
	const pairs: unknown[] = [];
	VOICE_PLANS.forEach((plan) => {
		const built = buildPair(plan);
		items.push(...built.items);
		pairs.push(built.pair);
		console.log(built.report);
	});
	removeStaleClips(items);
	writeFragment({ part: 'voices', items, pairs, credits: VOICE_CREDITS });
	const ffmpeg = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0];
	console.log(
		`voices: ${pairs.length} pairs, ${items.length} clips in ${((Date.now() - started) / 1000).toFixed(0)} s (${ffmpeg})`
	);
}

main();
