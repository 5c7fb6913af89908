import { json } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { shareWords } from '$lib/i18n/score-words';
import { shareText } from '$lib/game/share/text';
import { problem } from '$lib/server/http/problem';
import { shareLinks } from '$lib/server/share/links';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** What the share panel needs for a finished run: its signed code, score URL and share text. */
export const GET: RequestHandler = async ({ params, url }) => {
	const shared = await shareLinks().shareRun(params.runId);
	if (!shared.ok) {
		const headers = { 'Cache-Control': 'no-store' };
		return shared.reason === 'unknown-run'
			? problem(404, shared.reason, m.share_unknown_run(), headers)
			: problem(409, shared.reason, m.share_not_finished(), headers);
	}
	const link = new URL(resolve('/s/[code]', { code: shared.code }), url.origin).href;
	return json(
		{ code: shared.code, url: link, text: shareText(shared.payload, link, shareWords()) },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
