// Audio splices: a sentence rebuilt from pieces of other real prompts by the same speaker. A crude
// splice cuts where the aligner says a word starts or ends and butts the pieces together as they
// are; a careful one cuts at the quietest point near that boundary, evens out the pieces' levels,
// fades their edges and spreads the spare time over the pauses between them.
import { filter, RATE, type Samples } from './audio';
import { concat, gain, quietestPoint, silence, speechBounds, trim } from './clip';
import type { Piece } from './plan';
import { alignWords, decodePrompt, transcriptOf, wordsOf, type Word } from './prompts';

/** Where two pieces meet in the spliced speech. */
export interface Join {
	/** Seconds from the start of the speech: the middle of the join, where the piece before it
	 * ends and where the piece after it starts (equal when there is no pause between them). */
	at: number;
	end: number;
	start: number;
	/** Last word before and first word after the join, and the first one's index in the sentence. */
	before: string;
	after: string;
	afterIndex: number;
	/** Whether the piece before ended its own prompt, and the piece after began its own. */
	endedPrompt: boolean;
	beganPrompt: boolean;
	/** The prompts the two sides were cut from, quoted for the explanation. */
	source: string;
	nextSource: string;
	/**
	 * How much quieter the sound above 4 kHz is, relative to the whole, in the recording after the
	 * join than in the one before it (dB): a recording made for the telephone lacks it, sounds dull.
	 */
	highBandLossDb: number;
}

/** A spliced sentence: its speech (no leading or trailing silence) and what went into it. */
export interface Splice {
	speech: Samples;
	joins: Join[];
	/** One line per piece for the item's provenance: prompt file and the words taken. */
	sources: string[];
	parameters: Record<string, unknown>;
}

interface Cut {
	samples: Samples;
	words: string[];
	whole: { first: boolean; last: boolean };
	/** The prompt's transcript, as a listener would know the recording. */
	sentence: string;
	source: string;
	/**
	 * Level above 4 kHz against the whole level, in dB, of the prompt the piece was cut from: a
	 * whole sentence mixes enough sounds that this measures the recording, not the words taken.
	 */
	highBandDb: number;
}

function cutPiece(piece: Piece, careful: boolean): Cut {
	const full = decodePrompt(piece.prompt);
	const sentence = transcriptOf(piece.prompt);
	const all = wordsOf(sentence);
	const from = piece.from ?? 0;
	const to = piece.to ?? all.length;
	const taken = all.slice(from, to);
	const label = `${piece.prompt}.g722 ("${taken.join(' ')}")`;
	if (from === 0 && to === all.length) {
		const samples = trim(full);
		return {
			samples,
			words: taken,
			whole: { first: true, last: true },
			sentence,
			source: label,
			highBandDb: highBandDb(full)
		};
	}
	const words = alignWords(full, sentence, piece.prompt.replace('/', '-'));
	const { start, end } = careful ? quietBounds(full, words, from, to) : wordBounds(words, from, to);
	const cut = full.slice(start, end);
	const samples = careful ? trim(cut) : cut;
	return {
		samples,
		words: taken,
		whole: { first: from === 0, last: to === all.length },
		sentence,
		source: label,
		highBandDb: highBandDb(full)
	};
}

/** Root-mean-square level in dB (full scale 1). */
function rmsDb(samples: Samples): number {
	let sum = 0;
	for (const value of samples) sum += value * value;
	return 10 * Math.log10(sum / Math.max(1, samples.length) + 1e-12);
}

/** The level of a piece above 4 kHz against its whole level (three high-pass stages, 36 dB/octave). */
function highBandDb(samples: Samples): number {
	const high = filter(samples, 'highpass=f=4000,highpass=f=4000,highpass=f=4000');
	return Math.round((rmsDb(high) - rmsDb(samples)) * 10) / 10;
}

/** The aligner's own boundaries, as they are. */
function wordBounds(words: Word[], from: number, to: number) {
	return { start: Math.round(words[from].start * RATE), end: Math.round(words[to - 1].end * RATE) };
}

/** The quietest points in the gaps around the words, so no cut falls inside a sound. */
function quietBounds(full: Samples, words: Word[], from: number, to: number) {
	const speech = speechBounds(full);
	const start =
		from === 0 ? speech.start : quietestPoint(full, (words[from - 1].end + words[from].start) / 2);
	const end =
		to === words.length
			? speech.end
			: quietestPoint(full, (words[to - 1].end + words[to].start) / 2);
	return { start, end };
}

/** Root mean square level of the louder (speech) part of a clip, in dB. */
function speechLevel(samples: Samples): number {
	const frame = Math.round(0.02 * RATE);
	const levels: number[] = [];
	for (let i = 0; i + frame <= samples.length; i += frame) {
		let sum = 0;
		for (let j = i; j < i + frame; j++) sum += samples[j] * samples[j];
		levels.push(sum / frame);
	}
	levels.sort((a, b) => b - a);
	const loud = levels.slice(0, Math.max(1, Math.ceil(levels.length / 2)));
	return 10 * Math.log10(loud.reduce((a, b) => a + b, 0) / loud.length);
}

function fade(samples: Samples, seconds: number): Samples {
	const out = samples.slice();
	const n = Math.min(Math.round(seconds * RATE), Math.floor(out.length / 2));
	for (let i = 0; i < n; i++) {
		const g = (i + 0.5) / n;
		out[i] *= g;
		out[out.length - 1 - i] *= g;
	}
	return out;
}

/**
 * Builds the splice so that its speech lasts `length` samples: pauses are chosen to fit where they
 * can (careful), and what is left is evened out by a tempo change whose factor is recorded.
 */
export function buildSplice(
	pieces: Piece[],
	mode: 'crude' | 'careful',
	length: number,
	tempo: (speech: Samples, factor: number) => Samples
): Splice {
	const careful = mode === 'careful';
	let cuts = pieces.map((piece) => cutPiece(piece, careful));
	const parameters: Record<string, unknown> = { mode };
	if (careful) {
		// Even out the pieces' levels to the first one's, then fade 10 ms in and out (no clicks).
		const reference = speechLevel(cuts[0].samples);
		const gains = cuts.map((cut) => Math.round((reference - speechLevel(cut.samples)) * 10) / 10);
		cuts = cuts.map((cut, i) => ({ ...cut, samples: fade(gain(cut.samples, gains[i]), 0.01) }));
		parameters.pieceGainsDb = gains;
		parameters.edgeFadeSeconds = 0.01;
	}
	const spoken = cuts.reduce((sum, cut) => sum + cut.samples.length, 0);
	// Careful splices put the spare time into the pauses, more after a comma or full stop.
	const weights = cuts.slice(0, -1).map((_, i) => (endsClause(pieces[i]) ? 3 : 1));
	const spare = careful ? length - spoken : 0;
	const perWeight = spare > 0 ? spare / weights.reduce((a, b) => a + b, 0) : 0;
	const pause = careful ? Math.max(perWeight, 0.03 * RATE) : 0;
	const gaps = weights.map((w) => Math.round(w * pause));
	const parts: Samples[] = [];
	const edges: Array<{ end: number; start: number }> = [];
	let offset = 0;
	cuts.forEach((cut, i) => {
		parts.push(cut.samples);
		offset += cut.samples.length;
		if (i < gaps.length) {
			edges.push({ end: offset, start: offset + gaps[i] });
			parts.push(silence(gaps[i] / RATE));
			offset += gaps[i];
		}
	});
	parameters.pauseSeconds = gaps.map((g) => Math.round((g / RATE) * 1000) / 1000);
	const joined = concat(parts);
	const factor = joined.length / length;
	const speech = Math.abs(factor - 1) < 0.001 ? joined : tempo(joined, factor);
	parameters.tempoFactor = Math.round(factor * 1000) / 1000;
	return {
		speech,
		joins: edges.map((edge, i) => ({
			at: (edge.end + edge.start) / 2 / factor / RATE,
			end: edge.end / factor / RATE,
			start: edge.start / factor / RATE,
			before: cuts[i].words[cuts[i].words.length - 1],
			after: cuts[i + 1].words[0],
			afterIndex: cuts.slice(0, i + 1).reduce((sum, cut) => sum + cut.words.length, 0),
			endedPrompt: cuts[i].whole.last,
			beganPrompt: cuts[i + 1].whole.first,
			source: `the prompt “${cuts[i].sentence}”`,
			nextSource: `the prompt “${cuts[i + 1].sentence}”`,
			highBandLossDb: Math.round((cuts[i].highBandDb - cuts[i + 1].highBandDb) * 10) / 10
		})),
		sources: cuts.map((cut) => cut.source),
		parameters
	};
}

function endsClause(piece: Piece): boolean {
	const sentence = transcriptOf(piece.prompt);
	const words = sentence.split(/\s+/).filter(Boolean);
	const last = words[(piece.to ?? words.length) - 1] ?? '';
	return /[.,!?;]$/.test(last);
}
