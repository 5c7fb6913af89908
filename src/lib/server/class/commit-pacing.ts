/**
 * When the PostgreSQL class store commits a session's queued verdicts. The first verdict after a
 * quiet spell is committed at once (once the event loop has read every request that arrived
 * with it), so a lone verdict is acknowledged without waiting. In a burst, a session's commits
 * start at most every COMMIT_SPACING_MS, and the verdicts that arrive in between share the next
 * one: each commit is a round trip and a statement for PostgreSQL, whatever it holds. At 1000
 * players this cut the app's CPU per verdict by about a seventh and PostgreSQL's by a third, for
 * 2 ms more on the host's count (BENCHMARKS.md, "Changes to a verdict's cost"). SQLite's commit
 * is tens of microseconds on the event loop itself, and pacing it saved nothing measurable.
 */
export const COMMIT_SPACING_MS = 4;

/**
 * Runs `commit` when the next commit may start, the last having started at `lastStart`
 * (`performance.now()`; -Infinity if none has).
 */
export function whenCommitDue(lastStart: number, commit: () => void): void {
	const wait = lastStart + COMMIT_SPACING_MS - performance.now();
	if (wait > 0) setTimeout(commit, wait);
	else setImmediate(commit);
}
