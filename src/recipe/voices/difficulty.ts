// How large a voice fake's flaw is to the ear: one number per pair, computed from the clips that
// are served, so that tiers can follow what a listener hears rather than which engine was used.
//
// Each cue a tell can name is measured against the real side of the pair and divided by the size
// at which a listener hears it plainly (the reference sizes below); the pair's flaw size is the
// largest of them, because a listener needs one clear cue, not several faint ones:
// - a synthetic voice's melody: the share of the real speaker's pitch movement (10th-90th
//   percentile, in semitones) that the fake lacks; half of it missing is a plainly flat voice;
// - its rhythm: the content word whose length differs most from the real speaker's saying of it;
//   1.8 times (the unnatural-rhythm tell's threshold) is plainly dragged or rushed;
// - its buzz: how much rougher its voicing is than the real speaker's (pitch.ts roughness), once
//   it is rough at all; 1.5 times (the buzzy-timbre tell's threshold) is a plain rasp;
// - a splice's join: the pitch jump across it beyond the real speaker's own move between the same
//   two words (2 semitones is a plain jump), a pause that should not be there or is missing (0.1
//   s), or a change of recording quality (20 dB less sound above 4 kHz, the dull-after-join tell).
// 1 means the largest cue sits at its reference size; more is easier to hear, less is harder.
import { pitchStats, roughness, type PitchTrack } from './pitch';
import type { Word } from './prompts';
import type { Join } from './splice';
import { BUZZ, measureJoin, semitones } from './tells';

/** The cue sizes a listener hears plainly (see above). */
const PLAIN = { melodyLost: 0.5, wordRatio: 1.8, jumpSemitones: 2, pauseSeconds: 0.1, dullDb: 20 };

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The flaw size of a synthetic voice (no joins) or of a splice (joins). */
export function flawSize(
	fake: PitchTrack,
	real: PitchTrack,
	fakeWords: Word[],
	realWords: Word[],
	joins: Join[] | undefined,
	lead: number
): number {
	if (joins) {
		return round2(
			Math.max(
				...joins.map((join) => {
					const m = measureJoin(join, fake, real, realWords, lead);
					const voiced = m.fakeFrom && m.fakeTo && m.realFrom && m.realTo;
					const jump = voiced
						? Math.abs(
								12 * Math.log2(m.fakeTo / m.fakeFrom) - 12 * Math.log2(m.realTo / m.realFrom)
							)
						: 0;
					return Math.max(
						jump / PLAIN.jumpSemitones,
						Math.abs(m.gap - m.realGap) / PLAIN.pauseSeconds,
						Math.max(0, join.highBandLossDb) / PLAIN.dullDb
					);
				})
			)
		);
	}
	const mine = pitchStats(fake.f0);
	const theirs = pitchStats(real.f0);
	const realKeys = semitones(theirs.low, theirs.high);
	const lost = realKeys > 0 ? Math.max(0, 1 - semitones(mine.low, mine.high) / realKeys) : 0;
	let ratio = 1;
	fakeWords.forEach((word, i) => {
		const other = realWords[i];
		if (!other || other.word !== word.word || word.word.length < 4) return;
		const a = word.end - word.start;
		const b = other.end - other.start;
		if (Math.min(a, b) >= 0.1) ratio = Math.max(ratio, a / b, b / a);
	});
	const rough = roughness(fake);
	const buzz =
		rough >= BUZZ.least ? Math.max(0, Math.log(rough / Math.max(roughness(real), 0.01))) : 0;
	return round2(
		Math.max(
			lost / PLAIN.melodyLost,
			Math.log(ratio) / Math.log(PLAIN.wordRatio),
			buzz / Math.log(BUZZ.ratio)
		)
	);
}
