/**
 * How long stored play is kept: class sessions and solo runs are deleted a set number of days
 * after their last activity, at start-up and hourly after. Each store finds and deletes its own
 * expired records; the setting, the cut-off and the schedule are the same for both and live here.
 */

import { SettingProblem } from '../setting-problem';

export const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * A "days after the last activity" setting such as SESSION_TTL_DAYS: a number of days above 0
 * (fractions allowed, for tests and trials), or `fallback` when unset. Anything else throws, so
 * a typo stops the server at start-up rather than keeping data for a surprising time.
 */
export function ttlDaysSetting(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value.trim() === '') return fallback;
	const days = Number(value);
	if (!Number.isFinite(days) || days <= 0) {
		throw new SettingProblem(
			`${name} must be a number of days above 0 (got ${JSON.stringify(value)})`
		);
	}
	return days;
}

/** Records last active before this instant (ms since the epoch) have outlived `ttlDays`. */
export function expiryCutoff(now: number, ttlDays: number): number {
	return now - ttlDays * DAY_MS;
}

/**
 * Runs `purge` (which may be async) now, then hourly; returns a function that stops the timer. A
 * first purge that throws at once throws (start-up should fail loudly); any later failure, and
 * a first async purge's, is logged and the next hour retries, because a busy database must not
 * take a running server down.
 */
export function purgeHourly(purge: () => unknown): () => void {
	const logFailure = (error: unknown) =>
		console.error('purging expired records failed; retrying in an hour', error);
	Promise.resolve(purge()).catch(logFailure);
	const timer = setInterval(() => {
		try {
			Promise.resolve(purge()).catch(logFailure);
		} catch (error) {
			logFailure(error);
		}
	}, PURGE_EVERY_MS);
	// The timer must never keep a stopping server alive.
	timer.unref();
	return () => clearInterval(timer);
}
