import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { hasDefaultPack } from '$lib/server/packs/store';
import { createRun, itemsShownIn } from '$lib/server/play/runs';
import { recentRuns, rememberRun } from '$lib/server/play/recent-runs';
import { takeRunStart } from '$lib/server/class/limits';
import { m } from '$lib/paraglide/messages.js';
import { PLAY_MODES, runChoice } from './modes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';

/** Whether there is anything to play: a server without a valid pack says so instead of failing. */
export const load: PageServerLoad = () => ({ playable: hasDefaultPack() });

/**
 * The play form's fields, as text: its mode is one of the page's choices; the run store checks
 * the values of the others (`parseRunOptions`). A file where text belongs is refused here.
 */
const startForm = z.object({
	mode: z.enum(PLAY_MODES).default('pairs'),
	count: z.string().optional(),
	difficulty: z.string().optional(),
	focus: z.array(z.string())
});

export const actions: Actions = {
	/**
	 * Starts a run from the play form (Quick play, a chosen mode, or practice) and opens it, with
	 * pictures, voices and videos this browser's last runs did not show, when the pack has them.
	 */
	start: async ({ request, getClientAddress, setHeaders, cookies, url }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const fields = startForm.safeParse({
			mode: form.get('mode') ?? undefined,
			count: form.get('count') ?? undefined,
			difficulty: form.get('difficulty') ?? undefined,
			focus: form.getAll('focus')
		});
		if (!fields.success) {
			const wrongMode = fields.error.issues.some((issue) => issue.path[0] === 'mode');
			return fail(400, { error: wrongMode ? m.play_error_mode() : m.form_unreadable() });
		}
		const { mode, count, difficulty, focus } = fields.data;
		const { mode: runMode, kinds } = runChoice(mode);
		const wait = await takeRunStart(getClientAddress());
		if (wait > 0) {
			setHeaders({ 'Retry-After': String(wait) });
			return fail(429, { error: m.play_rate_limited({ seconds: wait }) });
		}
		const created = await createRun({
			options: {
				mode: runMode,
				kinds,
				count,
				difficulty,
				focus: focus.length > 0 ? focus : undefined
			},
			seenItems: await itemsShownIn(recentRuns(cookies))
		});
		if (!created.ok) {
			return created.problem === 'full'
				? fail(503, { error: m.server_full() })
				: fail(400, { error: created.error });
		}
		rememberRun({ cookies, url }, created.run.id);
		redirect(303, localizeHref(`/play/${created.run.id}`));
	}
};
