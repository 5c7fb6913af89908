/**
 * What a score link says of a finished run: its options (so its rounds can be played again), one
 * result a round with the confidence in four buckets, the day, and the link it replayed if any.
 * codec.ts turns it into the signed code.
 */
import type { Run, RunOptions } from '../play/run';

/**
 * Confidence buckets: [0.5, 0.6) guessing, [0.6, 0.75) leaning, [0.75, 0.9) fairly sure,
 * [0.9, 1] sure. A confidence slider in steps of 10% puts 50 | 60 70 | 80 | 90 100 in them.
 */
export const CONFIDENCE_BUCKET_BOUNDS = [0.6, 0.75, 0.9] as const;
/** The confidence a bucket stands for when a share code is read back (its midpoint). */
export const CONFIDENCE_BUCKET_MIDPOINTS = [0.55, 0.675, 0.825, 0.95] as const;
export type ConfidenceBucket = 0 | 1 | 2 | 3;

/** The bucket of a confidence in 0.5..1 (values outside are clamped). */
export function confidenceBucket(confidence: number): ConfidenceBucket {
	let bucket = 0;
	for (const bound of CONFIDENCE_BUCKET_BOUNDS) if (confidence >= bound) bucket += 1;
	return bucket as ConfidenceBucket;
}

export interface ShareResult {
	correct: boolean;
	bucket: ConfidenceBucket;
}

/**
 * The link whose rounds a replayed run played ("Play the same rounds"), as the replay's code
 * carries it: with the replay's pack and options, enough to rebuild that link's code.
 */
export interface OriginalLink {
	/** The format version of the original code. */
	version: number;
	/** UTC day the original run was finished, YYYY-MM-DD. */
	day: string;
	results: ShareResult[];
	/** The original code's signature, base64url. */
	signature: string;
}

/** What a share code carries: the run's options (so it can be replayed) and its results. */
export interface SharePayload extends RunOptions {
	packId: string;
	packVersion: string;
	/** One per round played, in order. */
	results: ShareResult[];
	/** UTC day the run was finished, YYYY-MM-DD. */
	day: string;
	/**
	 * Present when the run replayed the rounds of another link: that link (the first one, if it
	 * was a replay itself), or null when it can no longer be named.
	 */
	replay?: { original: OriginalLink | null };
}

/** The UTC day of a date, YYYY-MM-DD. */
export function utcDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/**
 * The payload for a finished run: one outcome per round played, finished on `date`. A run that
 * replayed another link's rounds passes `replay`, so its link can never pass as a fresh score.
 */
export function sharePayload(
	run: Run,
	outcomes: ReadonlyArray<{ correct: boolean; confidence: number }>,
	date: Date,
	replay?: { original: OriginalLink | null }
): SharePayload {
	const payload: SharePayload = {
		packId: run.packId,
		packVersion: run.packVersion,
		seed: run.options.seed,
		mode: run.options.mode,
		count: run.options.count,
		difficulty: run.options.difficulty,
		kinds: [...run.options.kinds],
		...(run.options.focus?.length ? { focus: [...run.options.focus] } : {}),
		results: outcomes.map(({ correct, confidence }) => ({
			correct,
			bucket: confidenceBucket(confidence)
		})),
		day: utcDay(date)
	};
	if (replay) payload.replay = replay;
	return payload;
}

/** The run options a payload was played with, to rebuild the same rounds ("play the same"). */
export function shareRunOptions(payload: SharePayload): RunOptions {
	const options: RunOptions = {
		seed: payload.seed,
		mode: payload.mode,
		count: payload.count,
		difficulty: payload.difficulty,
		kinds: [...payload.kinds]
	};
	if (payload.focus?.length) options.focus = [...payload.focus];
	return options;
}
