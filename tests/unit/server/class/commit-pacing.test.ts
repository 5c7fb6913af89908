/**
 * When a class store commits its queued verdicts: at once after a quiet spell, else no sooner
 * than COMMIT_SPACING_MS after the last commit started, so a burst's verdicts share commits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMIT_SPACING_MS, whenCommitDue } from '$lib/server/class/commit-pacing';

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
});
