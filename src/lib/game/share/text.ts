/**
 * The share text: the spoiler-free lines a player pastes (score, mode, confidence, one symbol a
 * round, the link), and a challenge's comparison with the score it answered. The signed code
 * itself is codec.ts.
 */
import type { RunMode } from '../play/run';
import { CONFIDENCE_BUCKET_MIDPOINTS, type SharePayload } from './payload';

/** One round of a challenge: whether each player got it right. */
export interface ComparedRound {
	index: number;
	you: boolean;
	them: boolean;
}

/** A finished challenge run beside the score it answered. */
export interface ChallengeComparison {
	/** The share code the run answered (their score page). */
	code: string;
	yours: { right: number };
	theirs: { right: number };
	rounds: ComparedRound[];
}

/** The words of the share text, so callers can pass translations. */
export interface ShareWords {
	app: string;
	modes: Record<RunMode, string>;
	/** "82% sure" from 82. */
	sure: (percent: number) => string;
	/** Said of a run that replayed another link's rounds. */
	replay: string;
}

export const ENGLISH_SHARE_WORDS: ShareWords = {
	app: 'Telltale',
	modes: { pairs: 'pairs', single: 'real or fake', mixed: 'mixed' },
	sure: (percent) => `${percent}% sure`,
	replay: 'replay'
};

/** One symbol per round: a check mark or a cross, told apart by shape and not only colour. */
export const SHARE_SYMBOLS = { right: '✅', wrong: '❌' } as const;

/**
 * The spoiler-free text to share, e.g.
 * `Telltale 7/10 · pairs · 82% sure` (with `· replay` after the mode for a replay), then the rounds as ✅/❌ in groups of five, then the URL.
 */
export function shareText(
	payload: SharePayload,
	url: string,
	words: ShareWords = ENGLISH_SHARE_WORDS
): string {
	const right = payload.results.filter((result) => result.correct).length;
	const total = payload.results.length;
	const header = [`${words.app} ${right}/${total}`, words.modes[payload.mode]];
	if (payload.replay) header.push(words.replay);
	if (total > 0) {
		const mean =
			payload.results.reduce((sum, result) => sum + CONFIDENCE_BUCKET_MIDPOINTS[result.bucket], 0) /
			total;
		header.push(words.sure(Math.round(mean * 100)));
	}
	const symbols = payload.results.map((result) =>
		result.correct ? SHARE_SYMBOLS.right : SHARE_SYMBOLS.wrong
	);
	const groups: string[] = [];
	for (let i = 0; i < symbols.length; i += 5) groups.push(symbols.slice(i, i + 5).join(''));
	return [header.join(' · '), ...(groups.length ? [groups.join(' ')] : []), url].join('\n');
}
