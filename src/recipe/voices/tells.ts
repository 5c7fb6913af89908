// Tells for the synthetic voices, located and worded from measurements of the very clips that are
// served: pitch range and the flattest stretch (pitch.ts), roughness of the voicing, word timing
// against the real recording (forced alignment), and the splice points the recipe itself made.
import { HOP, flattestWindow, pitchStats, roughness, type PitchTrack } from './pitch';
import type { Word } from './prompts';
import type { Join } from './splice';

/** A tell as the pack schema wants it. */
export interface Tell {
	category: string;
	region: { type: 'time'; start: number; end: number };
	explanation: string;
}

const r2 = (value: number) => Math.round(value * 100) / 100;
const s1 = (value: number) => value.toFixed(1);

/** Pitch range in semitones ("piano keys") between two frequencies. */
export function semitones(low: number, high: number): number {
	return low > 0 ? Math.round(12 * Math.log2(high / low) * 10) / 10 : 0;
}

/**
 * Where to listen, for an explanation: the quoted words that overlap a time range, or the range
 * in seconds when the clip has no word timings (languages the aligner does not know).
 */
function wordsIn(words: Word[], start: number, end: number): string {
	const inside = words.filter((w) => w.end > start + 0.05 && w.start < end - 0.05);
	if (!inside.length) return `from ${s1(start)} s to ${s1(end)} s`;
	return `to “${inside.map((w) => w.word).join(' ')}”`;
}

function span(start: number, end: number, duration: number) {
	return { type: 'time' as const, start: r2(Math.max(0, start)), end: r2(Math.min(duration, end)) };
}

/**
 * Flat intonation: the whole clip's pitch range against the real one's, located on the stretch of
 * this clip where the pitch moves least.
 */
export function flatIntonation(
	fake: PitchTrack,
	real: PitchTrack,
	words: Word[],
	duration: number
): Tell | undefined {
	const window = flattestWindow(fake.f0);
	if (!window) return undefined;
	const mine = pitchStats(fake.f0);
	const theirs = pitchStats(real.f0);
	const keys = semitones(mine.low, mine.high);
	const realKeys = semitones(theirs.low, theirs.high);
	if (keys >= realKeys * 0.8) return undefined;
	const where = wordsIn(words, window.start, window.end);
	const share = keys / realKeys;
	const howFlat =
		share < 0.4 ? 'hardly rises or falls at all' : 'rises and falls much less than a person’s';
	return {
		category: 'flat-intonation',
		region: span(window.start, window.end, duration),
		explanation:
			`Listen ${where}: the voice stays on almost one note, like someone reading a list. ` +
			`Over the whole sentence it ${howFlat}; the real speaker’s voice goes up and down with the meaning, ` +
			`lifting on the important words and dropping at the end.`
	};
}

/** When a voice is clearly rougher than the real one: this rough at least, and this many times as rough. */
export const BUZZ = { least: 0.12, ratio: 1.5 };

/**
 * Buzzy timbre: voiced sounds that repeat less cleanly than a person's (rule-based voices), located
 * on the roughest 0.4 s stretch. Only claimed when the clip is clearly rougher than the real one.
 */
export function buzzyTimbre(
	fake: PitchTrack,
	real: PitchTrack,
	words: Word[],
	duration: number
): Tell | undefined {
	const mine = roughness(fake);
	const theirs = roughness(real);
	if (mine < BUZZ.least || mine < theirs * BUZZ.ratio) return undefined;
	const frames = Math.round(0.4 / HOP);
	let best = { from: -1, score: 0 };
	for (let from = 0; from + frames <= fake.f0.length; from += 5) {
		let sum = 0;
		let voiced = 0;
		for (let i = from; i < from + frames; i++) {
			if (fake.f0[i] > 0) {
				sum += fake.dip[i];
				voiced++;
			}
		}
		if (voiced < frames * 0.5) continue;
		if (sum / voiced > best.score) best = { from, score: sum / voiced };
	}
	if (best.from < 0 || best.score < theirs * BUZZ.ratio) return undefined;
	const start = best.from * HOP;
	const end = start + frames * HOP;
	return {
		category: 'buzzy-timbre',
		region: span(start, end, duration),
		explanation:
			`Listen ${wordsIn(words, start, end)}: the vowels sound rasping and buzzy, more like a kazoo than a throat. ` +
			`A person’s voice is smooth on a held vowel; this one crackles, because the machine builds each ` +
			`vibration of the voice by rule instead of with vocal cords.`
	};
}

/**
 * Unnatural rhythm: the content word whose length differs most from the real speaker's saying of
 * the same word (both clips last exactly as long). Only claimed for a difference of 1.8 times or more.
 */
export function unnaturalRhythm(fakeWords: Word[], realWords: Word[]): Tell | undefined {
	let best: { word: Word; ratio: number; real: number } | undefined;
	fakeWords.forEach((word, i) => {
		const other = realWords[i];
		if (!other || other.word !== word.word || word.word.length < 4) return;
		const mine = word.end - word.start;
		const theirs = other.end - other.start;
		if (Math.min(mine, theirs) < 0.1) return;
		const ratio = Math.max(mine / theirs, theirs / mine);
		if (ratio >= 1.8 && (!best || ratio > best.ratio)) best = { word, ratio, real: theirs };
	});
	if (!best) return undefined;
	const { word, ratio, real } = best;
	const length = word.end - word.start;
	const longer = length > real;
	return {
		category: 'unnatural-rhythm',
		region: { type: 'time', start: r2(word.start), end: r2(word.end) },
		explanation:
			`“${word.word}” is ${longer ? 'dragged out' : 'rushed'}: it lasts ${r2(length)} s here but ${r2(real)} s when the real speaker says it, ` +
			`${s1(ratio)} times ${longer ? 'longer' : 'shorter'}, although both clips last exactly as long.`
	};
}

/** Median pitch over the first or last 0.2 s of a word (seconds), 0 if unvoiced there. */
function pitchAtEdge(track: PitchTrack, word: Word, edge: 'start' | 'end', offset = 0): number {
	const from = edge === 'start' ? word.start : Math.max(word.start, word.end - 0.2);
	const to = edge === 'start' ? Math.min(word.end, word.start + 0.2) : word.end;
	const stats = pitchStats(
		track.f0,
		Math.round((from + offset) / HOP),
		Math.round((to + offset) / HOP)
	);
	return stats.frames > 3 ? stats.median : 0;
}

/** What is measured across a join, on the spliced clip and on the same two words of the real one. */
export interface JoinMeasure {
	/** Where the piece before the join ends and the one after starts, in the clip (seconds). */
	end: number;
	start: number;
	/** Pitch (Hz, 0 if unvoiced) at the end of the word before and the start of the word after. */
	fakeFrom: number;
	fakeTo: number;
	realFrom: number;
	realTo: number;
	/** The pause between the two words here and in the real recording (seconds). */
	gap: number;
	realGap: number;
}

export function measureJoin(
	join: Join,
	fake: PitchTrack,
	real: PitchTrack,
	realWords: Word[],
	lead: number
): JoinMeasure {
	const end = join.end + lead;
	const start = join.start + lead;
	const realBefore = realWords[join.afterIndex - 1];
	const realAfter = realWords[join.afterIndex];
	return {
		end,
		start,
		fakeFrom: pitchAtEdge(fake, { word: join.before, start: end - 0.2, end }, 'end'),
		fakeTo: pitchAtEdge(fake, { word: join.after, start, end: start + 0.2 }, 'start'),
		realFrom: pitchAtEdge(real, realBefore, 'end'),
		realTo: pitchAtEdge(real, realAfter, 'start'),
		gap: start - end,
		realGap: realAfter.start - realBefore.end
	};
}

/**
 * A splice point, explained from what the recipe knows (which prompts met there, whether a piece
 * ended or began its own prompt) and what is measured on both clips (pitch across the join here
 * and across the same two words in the real recording, and the pause between them).
 */
export function spliceJump(
	join: Join,
	fake: PitchTrack,
	real: PitchTrack,
	realWords: Word[],
	clauseEnds: boolean[],
	lead: number,
	duration: number
): Tell {
	// At a full stop or comma of the sentence itself, a fall and a fresh start are natural.
	const midClause = !clauseEnds[join.afterIndex - 1];
	const { end, start, fakeFrom, fakeTo, realFrom, realTo, gap, realGap } = measureJoin(
		join,
		fake,
		real,
		realWords,
		lead
	);

	const parts = [
		`At ${s1((end + start) / 2)} s two recordings meet: “${join.before}” comes from ${join.source} and “${join.after}” from ${join.nextSource}.`
	];
	if (join.endedPrompt && midClause) {
		// Only claim the sentence-final fall where the pitch shows it against the real recording.
		const fell = fakeFrom > 0 && realFrom > 0 && fakeFrom < realFrom - 15;
		parts.push(
			fell
				? `“${join.before}” was the last word of its prompt, so the voice lets it fall the way a sentence ends.`
				: `“${join.before}” was the last word of its prompt.`
		);
	}
	if (join.beganPrompt && midClause) {
		parts.push(
			`“${join.after}” was the first word of its prompt, said as the start of a new sentence.`
		);
	}
	// A join whose melody runs on says nothing about the melody: a tell claims only what is heard.
	if (fakeFrom && fakeTo && realFrom && realTo) {
		const jump = fakeTo - fakeFrom - (realTo - realFrom);
		if (Math.abs(jump) >= 30) {
			parts.push(
				`Between the two words the voice suddenly jumps ${jump > 0 ? 'up' : 'down'}, where a speaker saying them together glides on: that jump is the glue showing.`
			);
		}
	}
	if (gap - realGap >= 0.1) {
		parts.push('There is a pause between the two words where a speaker would run them together.');
	} else if (realGap - gap >= 0.1) {
		parts.push('The two words are pushed together with no breath where a speaker would pause.');
	}
	return {
		category: 'splice-jump',
		region: span(end - 0.15, start + 0.15, duration),
		explanation: parts.join(' ')
	};
}

/**
 * How much less sound above 4 kHz the recording after a join must have than the one before it to
 * be heard as dull. Whole prompts of the same speaker differ by a few dB; the telephone-band
 * "Followed by the pound key." has 26 dB less than "You are entering conference number"; the
 * single word "one" 17 dB less than "press" by its sounds alone.
 */
const DULL_AFTER_JOIN_DB = 20;

/**
 * A piece glued on that was recorded without the high sounds (a telephone-band recording): from
 * the join to the next one (or the end) the voice sounds dull, where the words before it are
 * crisp. Measured on the pieces (splice.ts); none when the pieces' high bands are alike.
 */
export function dullAfterJoin(
	join: Join,
	next: Join | undefined,
	lead: number,
	duration: number
): Tell | undefined {
	if (join.highBandLossDb < DULL_AFTER_JOIN_DB) return undefined;
	const start = join.start + lead;
	const end = next ? next.end + lead : duration;
	const until = next ? `to ${s1(end)} s` : 'to the end';
	return {
		category: 'splice-jump',
		region: span(start, end, duration),
		explanation: `From ${s1(start)} s ${until} the voice sounds dull and muffled, like a phone call, while the words before are crisp: the recording glued on here has almost none of the hissy high sounds of “s” and “f” (above 4 kHz) that the start has.`
	};
}
