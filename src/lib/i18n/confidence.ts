/**
 * The confidence choices after an answer. One per share-code bucket (see CONFIDENCE_BUCKET_BOUNDS
 * in $lib/game/share/codec.ts: 50 | 70 | 85 | 100 fall in buckets 0 | 1 | 2 | 3), so a shared score
 * keeps exactly what the player said.
 */
import { m } from '$lib/paraglide/messages.js';

export interface ConfidenceLevel {
	value: number;
	/** The button's word: "Fairly sure". */
	label: () => string;
	/** The whole sentence after the reveal: "You said you were fairly sure." (its own message,
	 * so each language words and inflects it; a label is never lower-cased into a sentence). */
	said: () => string;
}

export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = [
	{ value: 0.5, label: m.round_confidence_guessing, said: m.reveal_you_were_guessing },
	{ value: 0.7, label: m.round_confidence_leaning, said: m.reveal_you_were_leaning },
	{ value: 0.85, label: m.round_confidence_fairly_sure, said: m.reveal_you_were_fairly_sure },
	{ value: 1, label: m.round_confidence_certain, said: m.reveal_you_were_certain }
];

/** The level for a stored confidence (the nearest one), for showing past verdicts. */
export function confidenceLevel(value: number): ConfidenceLevel {
	return CONFIDENCE_LEVELS.reduce((best, level) =>
		Math.abs(level.value - value) < Math.abs(best.value - value) ? level : best
	);
}
