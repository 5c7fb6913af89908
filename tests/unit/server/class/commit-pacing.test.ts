/**
 * When the PostgreSQL class store commits a session's queued verdicts: at once after a quiet
 * spell, else no sooner than COMMIT_SPACING_MS after its last commit started, so a burst's
 * verdicts share commits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMIT_SPACING_MS, whenCommitDue } from '$lib/server/class/commit-pacing';
import { PostgresClassRecords } from '$lib/server/class/store-postgres';
import type { VerdictRecord } from '$lib/server/class/store';
import type { Pg } from '$lib/server/store/postgres';

function verdictOf(seatId: string): VerdictRecord {
	return {
		seatId,
		round: 0,
		answer: 'left',
		confidence: 0.5,
		responseMs: 1000,
		correct: true,
		createdAt: 0
	};
}

describe('whenCommitDue', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('commits the first verdicts at once, after the requests read with them', () => {
		const commit = vi.fn();
		whenCommitDue(-Infinity, commit);
		// Not within the turn that queued it: the requests that arrived together join it.
		expect(commit).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(commit).toHaveBeenCalledOnce();
	});

	it('commits at once when the last commit started a spacing or more ago', () => {
		const commit = vi.fn();
		whenCommitDue(performance.now() - COMMIT_SPACING_MS, commit);
		vi.advanceTimersByTime(0);
		expect(commit).toHaveBeenCalledOnce();
	});

	it('holds a commit in a burst until a spacing after the last one started', () => {
		const commit = vi.fn();
		const lastStart = performance.now() - 1;
		whenCommitDue(lastStart, commit);
		vi.advanceTimersByTime(COMMIT_SPACING_MS - 2);
		expect(commit).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(commit).toHaveBeenCalledOnce();
	});

	it("paces the PostgreSQL class store's commits of a session", async () => {
		// What reaches PostgreSQL: the seats of each statement's verdicts (the engines' own
		// tests, store.test.ts, check what is stored).
		const statements: unknown[] = [];
		const pg = {
			query: vi.fn(async (query: { values: unknown[] }) => {
				statements.push(query.values[1]);
				return { rows: [], rowCount: 0 };
			})
		};
		const records = new PostgresClassRecords(pg as unknown as Pg);
		const lone = records.commitVerdict('s', verdictOf('a'));
		await vi.advanceTimersByTimeAsync(0);
		await lone;
		expect(statements).toEqual([['a']]);
		// Right after it, a burst waits for the spacing, then goes in one statement.
		const burst = [records.commitVerdict('s', verdictOf('b'))];
		await vi.advanceTimersByTimeAsync(1);
		burst.push(records.commitVerdict('s', verdictOf('c')));
		await vi.advanceTimersByTimeAsync(0);
		expect(statements).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(COMMIT_SPACING_MS);
		await Promise.all(burst);
		expect(statements).toEqual([['a'], ['b', 'c']]);
		// After a quiet spell, at once again; another session is not held by this one's.
		await vi.advanceTimersByTimeAsync(COMMIT_SPACING_MS);
		const later = [records.commitVerdict('s', verdictOf('d'))];
		await vi.advanceTimersByTimeAsync(0);
		later.push(records.commitVerdict('t', verdictOf('e')));
		await vi.advanceTimersByTimeAsync(0);
		await Promise.all(later);
		expect(statements).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
	});
});
