import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime.js';
import { readiness } from '$lib/game/pack/teacher';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import { createRun } from '$lib/server/play/runs';
import { takeRunStart } from '$lib/server/class/limits';
import { readForm } from '$lib/server/http/request-body';
import { runChoice } from '../../play/modes';
import type { RunMode } from '$lib/game/play/run';
import type { Actions, PageServerLoad } from './$types';

/**
 * The questions a pack's play link offers, and the one chosen at first: "which one is fake?" and
 * the mix only when it has pairs; "real or fake?" always (a pair's items, or its singles). A
 * pack with pairs and singles starts on the mix, so its "Real or fake?" rounds are played.
 */
function questionsOf(pairs: number, singles: number): { modes: RunMode[]; chosen: RunMode } {
	if (pairs === 0) return { modes: ['single'], chosen: 'single' };
	return { modes: ['pairs', 'single', 'mixed'], chosen: singles > 0 ? 'mixed' : 'pairs' };
}

/**
 * A teacher pack's play link: its title and how many pairs and "Real or fake?" items it has,
 * nothing about any answer. Starting plays the same solo runs as the default pack (results,
 * score links), on this pack, in the question the player chose.
 */
export const load: PageServerLoad = async ({ params }) => {
	const record = await teacherPacks().byId(params.pack);
	if (!record) error(404, m.teacher_play_missing());
	return {
		title: record.draft.title,
		language: record.draft.language,
		pairs: record.draft.pairs.length,
		singles: record.draft.singles.length,
		...questionsOf(record.draft.pairs.length, record.draft.singles.length),
		ready: readiness(record.draft).ready
	};
};

export const actions: Actions = {
	start: async ({ params, request, getClientAddress, setHeaders }) => {
		const wait = await takeRunStart(getClientAddress());
		if (wait > 0) {
			setHeaders({ 'Retry-After': String(wait) });
			return fail(429, { error: m.play_rate_limited({ seconds: wait }) });
		}
		const published = await teacherPacks().publish(params.pack);
		if (!published.ok) {
			return published.problem === 'missing'
				? fail(404, { error: m.teacher_play_missing() })
				: fail(409, { error: m.teacher_play_not_ready() });
		}
		const { modes, chosen } = questionsOf(
			published.pack.pairs.length,
			published.pack.singles?.length ?? 0
		);
		const form = await readForm(request);
		const asked = form?.get('mode');
		const mode = modes.find((offered) => offered === asked) ?? chosen;
		const created = await createRun({ options: runChoice(mode), packId: published.pack.id });
		if (!created.ok) {
			return created.problem === 'full'
				? fail(503, { error: m.server_full() })
				: fail(400, { error: created.error });
		}
		redirect(303, localizeHref(`/play/${created.run.id}`));
	}
};
