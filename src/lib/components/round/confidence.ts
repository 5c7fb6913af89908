/**
 * The confidence choices after an answer. One per share-code bucket (see CONFIDENCE_BUCKET_BOUNDS
 * in $lib/game/share.ts: 50 | 70 | 85 | 100 fall in buckets 0 | 1 | 2 | 3), so a shared score
 * keeps exactly what the player said.
 */
import { m } from '$lib/paraglide/messages.js';

export interface ConfidenceLevel {
	value: number;
	label: () => string;
}

export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = [
	{ value: 0.5, label: m.round_confidence_guessing },
	{ value: 0.7, label: m.round_confidence_leaning },
	{ value: 0.85, label: m.round_confidence_fairly_sure },
	{ value: 1, label: m.round_confidence_certain }
];

/** The level for a stored confidence (the nearest one), for showing past verdicts. */
export function confidenceLevel(value: number): ConfidenceLevel {
	return CONFIDENCE_LEVELS.reduce((best, level) =>
		Math.abs(level.value - value) < Math.abs(best.value - value) ? level : best
	);
}
