import { describe, expect, it, vi } from 'vitest';
import {
	MAX_HISTORY,
	PlayHistory,
	isHistoryEntry,
	type HistoryEntry
} from '$lib/client/history.svelte';
import { memoryStore } from '$lib/client/storage';
import { weakestCategories } from '$lib/game/play/scoring';

function entry(runId: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
	return {
		runId,
		finishedAt: '2025-01-02T10:00:00.000Z',
		mode: 'pairs',
		rounds: 10,
		correct: 6,
		dPrime: null,
		pairSensitivity: 0.5,
		meanConfidence: 0.7,
		byCategory: [{ category: 'eyes', correct: 1, total: 3 }],
		offline: false,
		...overrides
	};
}

describe('PlayHistory', () => {
	it('reads storage only when its entries are first asked for', () => {
		const store = memoryStore();
		store.set('telltale:history', JSON.stringify([entry('stored')]));
		const reads = vi.spyOn(store, 'get');
		const history = new PlayHistory(store);
		expect(reads).not.toHaveBeenCalled();
		expect(history.entries.map((e) => e.runId)).toEqual(['stored']);
		history.add(entry('later', { finishedAt: '2025-01-03T10:00:00.000Z' }));
		expect(history.entries.map((e) => e.runId)).toEqual(['stored', 'later']);
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('remembers finished runs across instances on the same store, once each', () => {
		const store = memoryStore();
		const history = new PlayHistory(store);
		history.add(entry('a'));
		history.add(entry('a', { correct: 9 }));
		expect(history.entries).toHaveLength(1);
		expect(history.entries[0].correct).toBe(6);
		expect(new PlayHistory(store).entries).toEqual(history.entries);
	});

	it('keeps entries in time order and only the newest MAX_HISTORY', () => {
		const history = new PlayHistory(memoryStore());
		for (let i = MAX_HISTORY + 4; i > 0; i--) {
			history.add(
				entry(`run${i}`, { finishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() })
			);
		}
		expect(history.entries).toHaveLength(MAX_HISTORY);
		expect(history.entries[0].runId).toBe('run5');
		expect(history.entries.at(-1)!.runId).toBe(`run${MAX_HISTORY + 4}`);
	});

	it('ignores stored garbage and malformed entries instead of failing', () => {
		const store = memoryStore();
		store.set('telltale:history', '{not json');
		expect(new PlayHistory(store).entries).toEqual([]);
		store.set(
			'telltale:history',
			JSON.stringify([entry('ok'), { runId: 'bad' }, entry('x', { correct: 11 }), 42])
		);
		expect(new PlayHistory(store).entries.map((e) => e.runId)).toEqual(['ok']);
	});

	it('refuses to add a malformed entry', () => {
		const history = new PlayHistory(memoryStore());
		expect(() =>
			history.add({
				...entry('a'),
				byCategory: [{ category: 'nope', correct: 0, total: 1 }]
			} as never)
		).toThrow();
	});

	it('sums category tallies over runs for practice', () => {
		const history = new PlayHistory(memoryStore());
		history.add(entry('a', { byCategory: [{ category: 'eyes', correct: 0, total: 2 }] }));
		history.add(
			entry('b', {
				finishedAt: '2025-01-03T10:00:00.000Z',
				byCategory: [
					{ category: 'eyes', correct: 1, total: 2 },
					{ category: 'blend-seam', correct: 3, total: 3 },
					{ category: 'flat-intonation', correct: 1, total: 2 }
				]
			})
		);
		expect(weakestCategories(history.categoryTallies(), 3)).toEqual(['eyes', 'flat-intonation']);
		history.clear();
		expect(history.entries).toEqual([]);
	});

	it('checks entries field by field', () => {
		expect(isHistoryEntry(entry('a'))).toBe(true);
		expect(isHistoryEntry({ ...entry('a'), finishedAt: 'yesterday' })).toBe(false);
		expect(isHistoryEntry({ ...entry('a'), offline: 'no' })).toBe(false);
		expect(isHistoryEntry(null)).toBe(false);
	});
});
