/**
 * A player's last runs, remembered by their own browser so that the next run shows what they
 * have not just seen (RunStore.createRun). The cookie holds only run ids, which the browser's
 * history has anyway; the server keeps nothing more about the player for it.
 */
import type { Cookies } from '@sveltejs/kit';
import { FRESH_RUNS } from '$lib/game/play/run';
import { runTtlDays } from '../config';
import { pathsInEveryLanguage } from '../http/language-paths';
import { isRunId } from './runs';

export const RECENT_RUNS_COOKIE = 'tt_recent';

/**
 * The runs before this one: FRESH_RUNS runs in a row show different pairs when the pack allows
 * (the draw leaves room for that many: run.ts kindQuotas).
 */
const KEPT = FRESH_RUNS - 1;

/** The ids of this browser's last runs, newest first (anything else in the cookie is ignored). */
export function recentRuns(cookies: Pick<Cookies, 'get'>): string[] {
	const ids = (cookies.get(RECENT_RUNS_COOKIE) ?? '').split('.').filter(isRunId);
	return [...new Set(ids)].slice(0, KEPT);
}

/** Remembers a run this browser has just started, on the play pages in every language. */
export function rememberRun(event: { cookies: Cookies; url: URL }, runId: string): void {
	const ids = [runId, ...recentRuns(event.cookies).filter((id) => id !== runId)].slice(0, KEPT);
	for (const path of pathsInEveryLanguage('/play')) {
		event.cookies.set(RECENT_RUNS_COOKIE, ids.join('.'), {
			path,
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: Math.round(runTtlDays() * 86_400)
		});
	}
}
