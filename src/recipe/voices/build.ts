// The voice part of the default pack: 24 pairs of a real Asterisk prompt (Allison Smith) against the
// same sentence from a speech synthesiser or spliced from other prompts. Writes the audio into the
// pack and .pack-build/fragments/voices.json. Run alone with `npx tsx src/recipe/voices/build.ts`.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { itemIdFor, PACK_DIR, storeMedia } from '../common/media-store';
import { writeFragment } from '../common/fragment';
import { ensureDebianInputs } from './inputs';
import { encodeOpus, filter, loudness, OPUS_BITRATE, RATE, type Samples } from './audio';
import { concat, fitLength, gain, peakDb, silence, trim } from './clip';
import { synthesise, packageVersion, type Engine } from './engines';
import { trackPitch, pitchStats, type PitchTrack } from './pitch';
import { VOICE_PLANS, type VoicePlan } from './plan';
import { alignWords, decodePrompt, promptFile, transcriptOf, type Word } from './prompts';
import { buildSplice, type Splice } from './splice';
import {
	buzzyTimbre,
	flatIntonation,
	semitones,
	spliceJump,
	unnaturalRhythm,
	type Tell
} from './tells';
import { VOICE_CREDITS } from './credits';

/** Silence before and after the speech in every clip, identical on both sides. */
const LEAD = 0.3;
/** Integrated loudness of every clip (EBU R128). */
const TARGET_LUFS = -23;
const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const AUDIO_TYPE = 'audio/ogg; codecs=opus';

const soundsVersion = () => packageVersion('asterisk-core-sounds-en-g722');

/** The sentence a prompt says: its transcript with single spaces. */
function sentenceOf(prompt: string): string {
	return transcriptOf(prompt).replace(/\s+/g, ' ').trim();
}

/** ffmpeg's atempo (pitch kept), `factor` > 1 makes it shorter; exact length is fixed after. */
function tempo(speech: Samples, factor: number): Samples {
	if (factor < 0.75 || factor > 1.33) throw new Error(`tempo factor ${factor} is too far from 1`);
	return filter(speech, `atempo=${factor.toFixed(5)}`);
}

interface Made {
	speech: Samples;
	method: string;
	digitalSourceType: string;
	source: string;
	author: string;
	derivedFrom?: string[];
	parameters: Record<string, unknown>;
	joins?: Splice['joins'];
	engine?: Engine;
}

/** The TTS side: the engine's own rate set to the real length, then a small exact fit. */
function speak(engine: Engine, sentence: string, length: number): Made {
	const first = trim(synthesise(engine, sentence));
	const stretch = length / first.length;
	const paced = trim(synthesise(engine, sentence, stretch));
	const factor = paced.length / length;
	const speech = fitLength(Math.abs(factor - 1) < 0.001 ? paced : tempo(paced, factor), length);
	const version = packageVersion(engine.packageName);
	return {
		speech,
		method: engine.method(version),
		digitalSourceType: engine.digitalSourceType,
		source: `Debian package ${engine.packageName} ${version}, speaking the transcript of an Asterisk prompt`,
		author: `Telltale pack recipe with ${engine.author}`,
		parameters: {
			...engine.parameters,
			...engine.rateSetting(stretch),
			tempoCorrection: Math.round(factor * 1000) / 1000
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
		digitalSourceType: `${IPTC}compositeCapture`,
		source: `Debian package asterisk-core-sounds-en-g722 ${version}, ${made.sources.length} other prompts`,
		author: 'Allison Smith (recordings); spliced by the Telltale pack recipe',
		derivedFrom: made.sources.map((source) => `asterisk-core-sounds-en-g722 ${version}: ${source}`),
		parameters: made.parameters,
		joins: made.joins
	};
}

/** Pads, levels and encodes one side; returns its pack path and the samples that were encoded. */
function finish(speech: Samples): { src: string; samples: Samples; peak: number } {
	const padded = concat([silence(LEAD), speech, silence(LEAD)]);
	const levelled = gain(padded, TARGET_LUFS - loudness(padded));
	const peak = Math.round(peakDb(levelled) * 10) / 10;
	if (peak > -0.5) throw new Error(`clip would clip after levelling (peak ${peak} dBFS)`);
	return { src: storeMedia(encodeOpus(levelled), 'opus'), samples: levelled, peak };
}

/** Processing that both sides share, recorded on both. */
const SHARED_PROCESSING = {
	sampleRate: RATE,
	channelFilter: 'highpass 60 Hz, lowpass 7 kHz',
	silenceAround: LEAD,
	loudnessLufs: TARGET_LUFS,
	codec: `Opus ${OPUS_BITRATE} constant bitrate, 20 ms frames`
};

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

function buildPair(plan: VoicePlan, index: number): Built {
	const sentence = sentenceOf(plan.prompt);
	const realSpeech = trim(decodePrompt(plan.prompt));
	const length = realSpeech.length;
	const made = 'engine' in plan ? speak(plan.engine, sentence, length) : splice(plan, length);
	const real = finish(realSpeech);
	const fake = finish(made.speech);
	const duration = Math.round((real.samples.length / RATE) * 1000) / 1000;
	const key = `v${String(index + 1).padStart(2, '0')}`;

	const realTrack = trackPitch(real.samples);
	const fakeTrack = trackPitch(fake.samples);
	const fakeWords = asWritten(alignWords(fake.samples, sentence, `${key}-b`), sentence);
	const realWords = asWritten(alignWords(real.samples, sentence, `${key}-a`), sentence);
	const tells = locateTells(sentence, made, fakeTrack, realTrack, fakeWords, realWords, duration);
	if (tells.length === 0) throw new Error(`${plan.prompt}: no tell could be measured`);

	const media = (src: string) => [{ src, type: AUDIO_TYPE, duration }];
	const realItem = {
		id: itemIdFor(real.src),
		kind: 'audio',
		media: media(real.src),
		truth: 'real',
		provenance: {
			source: `Debian package asterisk-core-sounds-en-g722 ${soundsVersion()}, ${promptFile(plan.prompt)}`,
			author: 'Allison Smith',
			licence: 'CC-BY-SA-3.0',
			digitalSourceType: `${IPTC}digitalCapture`,
			parameters: { ...SHARED_PROCESSING, decodedFrom: 'G.722 16 kHz' }
		},
		transcript: sentence
	};
	const fakeItem = {
		id: itemIdFor(fake.src),
		kind: 'audio',
		media: media(fake.src),
		truth: 'synthetic',
		provenance: {
			source: made.source,
			author: made.author,
			licence: 'CC-BY-SA-3.0',
			digitalSourceType: made.digitalSourceType,
			method: made.method,
			parameters: { ...made.parameters, ...SHARED_PROCESSING },
			...(made.derivedFrom ? { derivedFrom: made.derivedFrom } : {})
		},
		transcript: sentence,
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
			prompt: sentence
		},
		report:
			`${key} t${plan.tier} ${('engine' in plan ? plan.engine.id : `splice-${plan.splice}`).padEnd(22)} ` +
			`${duration.toFixed(2)}s real ${realStats.low}-${realStats.high}Hz (${semitones(realStats.low, realStats.high)} st) ` +
			`fake ${fakeStats.low}-${fakeStats.high}Hz (${semitones(fakeStats.low, fakeStats.high)} st) ` +
			`peaks ${real.peak}/${fake.peak} dBFS tells ${tells.map((t) => t.category).join(',')}`
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
	if (made.joins) {
		const clauseEnds = sentence.split(' ').map((word) => /[.,!?;]$/.test(word));
		if (clauseEnds.length !== realWords.length) throw new Error(`word count of "${sentence}"`);
		return made.joins.map((join) =>
			spliceJump(join, fakeTrack, realTrack, realWords, clauseEnds, LEAD, duration)
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
	VOICE_PLANS.forEach((plan, index) => {
		const built = buildPair(plan, index);
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
