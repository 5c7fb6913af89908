// The real voice: Allison Smith's Asterisk prompts (Debian asterisk-core-sounds-en-g722), their
// transcripts, and word timings found by forced alignment (pocketsphinx with a grammar that allows
// only the transcript's words, so it can place the words but never change them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WORK_DIR } from '../common/media-store';
import { decode, RATE, type Samples } from './audio';

/** Where the G.722 prompts are installed. */
export const PROMPT_DIR = '/usr/share/asterisk/sounds/en_US_f_Allison';
const TRANSCRIPTS = '/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz';
const MODEL = '/usr/share/pocketsphinx/model/en-us';

let transcripts: Map<string, string> | undefined;

/**
 * The transcript of a prompt by name (e.g. 'vm-newpassword' or 'digits/1'), read on first use so
 * that the recipe can install the package before anything reads it.
 */
export function transcriptOf(name: string): string {
	if (!transcripts) {
		transcripts = new Map();
		const text = gunzipSync(readFileSync(TRANSCRIPTS)).toString('utf8');
		for (const line of text.split('\n')) {
			const match = /^([\w/-]+): (.+)$/.exec(line.trim());
			if (match) transcripts.set(match[1], match[2].trim());
		}
	}
	const text = transcripts.get(name);
	if (!text) throw new Error(`no transcript for the prompt ${name}`);
	return text;
}

/** The package file of a prompt, as provenance names it. */
export function promptFile(name: string): string {
	return path.join(PROMPT_DIR, `${name}.g722`);
}

/** Decodes a G.722 prompt to samples at RATE. */
export function decodePrompt(name: string): Samples {
	return decode(promptFile(name), ['-f', 'g722']);
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
