/**
 * The player's history on this device (no account): one entry per finished run, newest last.
 * Practice runs draw on it to find the categories the player misses most.
 */
import { TELL_CATEGORIES, type TellCategory } from '$lib/game/pack/taxonomy';
import type { KeyValueStore } from './storage';

const HISTORY_KEY = 'telltale:history';
/** Older entries are dropped beyond this, so storage stays small. */
export const MAX_HISTORY = 100;

/** One finished run as the device remembers it. */
export interface HistoryEntry {
	runId: string;
	/** ISO time the run was finished. */
	finishedAt: string;
	/** pairs, single, voices or mixed, as the player chose it. */
	mode: string;
	rounds: number;
	correct: number;
	/** d' of the single rounds, if any. */
	dPrime: number | null;
	/** d' of the pair rounds, if any. */
	pairSensitivity: number | null;
	meanConfidence: number | null;
	byCategory: Array<{ category: TellCategory; correct: number; total: number }>;
	/** Scored on this device while offline: practice, not verified by the server. */
	offline: boolean;
}

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isNumberOrNull = (value: unknown) => value === null || typeof value === 'number';

/** Whether a stored value is a well-formed entry (storage may hold anything, from any version). */
export function isHistoryEntry(value: unknown): value is HistoryEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return (
		typeof entry.runId === 'string' &&
		typeof entry.finishedAt === 'string' &&
		!Number.isNaN(Date.parse(entry.finishedAt)) &&
		typeof entry.mode === 'string' &&
		isCount(entry.rounds) &&
		isCount(entry.correct) &&
		entry.correct <= entry.rounds &&
		isNumberOrNull(entry.dPrime) &&
		isNumberOrNull(entry.pairSensitivity) &&
		isNumberOrNull(entry.meanConfidence) &&
		typeof entry.offline === 'boolean' &&
		Array.isArray(entry.byCategory) &&
		entry.byCategory.every(
			(tally: unknown) =>
				typeof tally === 'object' &&
				tally !== null &&
				(TELL_CATEGORIES as readonly unknown[]).includes(
					(tally as { category: unknown }).category
				) &&
				isCount((tally as { correct: unknown }).correct) &&
				isCount((tally as { total: unknown }).total)
		)
	);
}

export class PlayHistory {
	#store: KeyValueStore;
	// Read from storage the first time a page asks (a round page never does), so storage stays
	// out of start-up. Not state itself: state may not be written while a template reads it.
	#entries: HistoryEntry[] | undefined;
	#changes = $state(0);

	constructor(store: KeyValueStore) {
		this.#store = store;
	}

	/** Finished runs, oldest first. */
	get entries(): HistoryEntry[] {
		void this.#changes;
		return (this.#entries ??= PlayHistory.#read(this.#store));
	}

	set entries(entries: HistoryEntry[]) {
		this.#entries = entries;
		this.#changes++;
	}

	static #read(store: KeyValueStore): HistoryEntry[] {
		try {
			const parsed: unknown = JSON.parse(store.get(HISTORY_KEY) ?? '[]');
			return Array.isArray(parsed) ? parsed.filter(isHistoryEntry) : [];
		} catch {
			return [];
		}
	}

	/** Whether history survives a reload on this device. */
	get persistent(): boolean {
		return this.#store.persistent;
	}

	/** Adds a finished run once (a revisited results page does not add it again). */
	add(entry: HistoryEntry): void {
		if (!isHistoryEntry(entry)) throw new TypeError('not a history entry');
		if (this.entries.some((existing) => existing.runId === entry.runId)) return;
		this.entries = [...this.entries, entry]
			.sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt))
			.slice(-MAX_HISTORY);
		this.#store.set(HISTORY_KEY, JSON.stringify(this.entries));
	}

	/** Per-category right answers over every remembered run, for weakestCategories. */
	categoryTallies(): Array<{ category: TellCategory; correct: number; total: number }> {
		return this.entries.flatMap((entry) => entry.byCategory);
	}

	/** Forgets everything. */
	clear(): void {
		this.entries = [];
		this.#store.remove(HISTORY_KEY);
	}
}
