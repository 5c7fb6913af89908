/** One answered round as the results page lists it (no media, only what the verdict was). */
import type { Answer } from '$lib/game/round';
import type { MediaKind, TellCategory } from '$lib/game/taxonomy';

export interface RoundRow {
	index: number;
	type: 'pair' | 'single';
	kind: MediaKind;
	answer: Answer;
	confidence: number;
	correct: boolean;
	/** Categories of the tells on the fake the player saw (empty if they saw a real item). */
	categories: TellCategory[];
	responseMs: number;
}

/** Accuracy per confidence level the player used, for the calibration chart. */
export function accuracyByConfidence(
	rows: readonly RoundRow[]
): Array<{ confidence: number; rounds: number; correct: number }> {
	const groups = new Map<number, { rounds: number; correct: number }>();
	for (const row of rows) {
		const group = groups.get(row.confidence) ?? { rounds: 0, correct: 0 };
		group.rounds += 1;
		if (row.correct) group.correct += 1;
		groups.set(row.confidence, group);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a - b)
		.map(([confidence, group]) => ({ confidence, ...group }));
}
