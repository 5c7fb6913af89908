import { error, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { localizeHref } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { shareLinks } from '$lib/server/share/links';
import type { RequestHandler } from './$types';

/** The share panel's link before JavaScript runs: straight to the run's score page. */
export const GET: RequestHandler = async ({ params }) => {
	const shared = await shareLinks().shareRun(params.runId);
	if (!shared.ok) {
		error(
			shared.reason === 'unknown-run' ? 404 : 409,
			shared.reason === 'unknown-run' ? m.share_unknown_run() : m.share_not_finished()
		);
	}
	redirect(303, localizeHref(resolve('/s/[code]', { code: shared.code })));
};
