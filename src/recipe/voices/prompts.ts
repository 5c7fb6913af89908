// The real voices: the Asterisk prompt sets Debian ships (Allison Smith in English, June Wallack in
// Canadian French, Carlo Flora in Italian, a Russian voice artist from ivrvoice.ru), their
// transcripts, and word timings of English clips found by forced alignment (pocketsphinx with a
// grammar that allows only the transcript's words, so it can place the words but never change them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WORK_DIR } from '../common/media-store';
import { decode, RATE, type Samples } from './audio';

const MODEL = '/usr/share/pocketsphinx/model/en-us';

/** A professional voice artist's prompt set, as the pack credits it. */
export interface Speaker {
	name: string;
	/** BCP 47 tag of the language the prompts are in. */
	language: string;
	/** The language's name in English, for the credits. */
	languageName: string;
	/** Low (most men) or high (most women): what a pair's two voices must share. */
	voice: 'low' | 'high';
	/** Debian package with the 16 kHz G.722 prompts, and the folder they are installed in. */
	soundsPackage: string;
	dir: string;
	/** Debian package whose documentation holds every prompt's transcript. */
	transcriptPackage: string;
	licence: string;
}

const asterisk = (
	code: string,
	folder: string,
	fields: Pick<Speaker, 'name' | 'language' | 'languageName' | 'voice' | 'licence'>
): Speaker => ({
	...fields,
	soundsPackage: `asterisk-core-sounds-${code}-g722`,
	dir: `/usr/share/asterisk/sounds/${folder}`,
	transcriptPackage: `asterisk-core-sounds-${code}`
});

/**
 * The speakers, from each package's copyright file (Debian asterisk-core-sounds 1.6.1-1). The
 * Spanish set (es_MX_f_Allison) is Allison Smith again, so it adds no speaker.
 */
export const SPEAKERS = {
	allison: asterisk('en', 'en_US_f_Allison', {
		name: 'Allison Smith',
		language: 'en',
		languageName: 'English',
		voice: 'high',
		licence: 'CC-BY-SA-3.0'
	}),
	june: asterisk('fr', 'fr_CA_f_June', {
		name: 'June Wallack',
		language: 'fr-CA',
		languageName: 'Canadian French',
		voice: 'high',
		licence: 'CC-BY-SA-3.0'
	}),
	carlo: asterisk('it', 'it_IT_m_Carlo', {
		name: 'Carlo Flora',
		language: 'it',
		languageName: 'Italian',
		voice: 'low',
		licence: 'CC-BY-SA-3.0'
	}),
	ivrvoice: asterisk('ru', 'ru_RU_f_IvrvoiceRU', {
		name: 'IVRvoice.ru (provided by Maxim Topal)',
		language: 'ru',
		languageName: 'Russian',
		voice: 'high',
		licence: 'CC-BY-3.0'
	})
} satisfies Record<string, Speaker>;

const transcripts = new Map<Speaker, Map<string, string>>();

/**
 * The transcript of a speaker's prompt by name (e.g. 'vm-newpassword' or 'digits/1'), read on
 * first use so that the recipe can install the package before anything reads it.
 */
export function transcriptOf(name: string, speaker: Speaker = SPEAKERS.allison): string {
	let known = transcripts.get(speaker);
	if (!known) {
		known = new Map();
		const code = speaker.transcriptPackage.replace('asterisk-core-sounds-', '');
		const file = `/usr/share/doc/${speaker.transcriptPackage}/core-sounds-${code}.txt.gz`;
		const text = gunzipSync(readFileSync(file)).toString('utf8');
		for (const line of text.split('\n')) {
			const match = /^([\w/-]+): (.+)$/.exec(line.trim());
			if (match) known.set(match[1], match[2].trim());
		}
		transcripts.set(speaker, known);
	}
	const text = known.get(name);
	if (!text) throw new Error(`no transcript for the prompt ${name} of ${speaker.name}`);
	return text;
}

/** The package file of a prompt, as provenance names it. */
export function promptFile(name: string, speaker: Speaker = SPEAKERS.allison): string {
	return path.join(speaker.dir, `${name}.g722`);
}

/** Decodes a G.722 prompt to samples at RATE. */
export function decodePrompt(name: string, speaker: Speaker = SPEAKERS.allison): Samples {
	return decode(promptFile(name, speaker), ['-f', 'g722']);
}

/** A word placed in a clip, in seconds. */
export interface Word {
	word: string;
	start: number;
	end: number;
}

/** Lower-case words as the aligner's dictionary spells them ("Call-Forward" -> call forward). */
export function wordsOf(sentence: string): string[] {
	return sentence
		.toLowerCase()
		.replace(/\d/g, (d) => ` ${DIGITS[Number(d)]} `)
		.replace(/[^a-z' ]+/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
}

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Word timings of `samples` (at RATE) for the known `sentence`; `key` names the scratch files. */
export function alignWords(samples: Samples, sentence: string, key: string): Word[] {
	const dir = path.join(WORK_DIR, 'voices', 'align');
	mkdirSync(dir, { recursive: true });
	const wav = path.join(dir, `${key}.wav`);
	const grammar = path.join(dir, `${key}.jsgf`);
	const words = wordsOf(sentence);
	writeFileSync(wav, toWav16(samples));
	writeFileSync(grammar, `#JSGF V1.0;\ngrammar g;\npublic <s> = ${words.join(' ')};\n`);
	const out = execFileSync(
		'pocketsphinx_continuous',
		// A long -vad_postspeech keeps a pause between sentences from splitting the utterance.
		[
			'-infile',
			wav,
			'-jsgf',
			grammar,
			'-time',
			'yes',
			'-logfn',
			'/dev/null',
			'-vad_postspeech',
			'300'
		].concat(['-hmm', `${MODEL}/en-us`, '-dict', `${MODEL}/cmudict-en-us.dict`]),
		{ encoding: 'utf8' }
	);
	const placed: Word[] = [];
	for (const line of out.split('\n')) {
		const match = /^(\S+) ([\d.]+) ([\d.]+) [\d.]+$/.exec(line.trim());
		if (!match || match[1].startsWith('<') || match[1].startsWith('[')) continue;
		placed.push({ word: match[1].replace(/\(\d+\)$/, ''), start: +match[2], end: +match[3] });
	}
	if (placed.map((w) => w.word).join(' ') !== words.join(' ')) {
		throw new Error(`alignment of ${key} failed: got "${placed.map((w) => w.word).join(' ')}"`);
	}
	return placed;
}

/** A 16-bit mono WAV file at RATE, the input pocketsphinx reads. */
function toWav16(samples: Samples): Uint8Array {
	const bytes = new Uint8Array(44 + samples.length * 2);
	const view = new DataView(bytes.buffer);
	const ascii = (offset: number, text: string) =>
		[...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + samples.length * 2, true);
	ascii(8, 'WAVEfmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, RATE, true);
	view.setUint32(28, RATE * 2, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	ascii(36, 'data');
	view.setUint32(40, samples.length * 2, true);
	samples.forEach((v, i) =>
		view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true)
	);
	return bytes;
}
