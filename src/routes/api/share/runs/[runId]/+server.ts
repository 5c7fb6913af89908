import { json } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { shareWords } from '$lib/components/share/score-words';
import { shareText } from '$lib/game/share';
import { shareLinks } from '$lib/server/share-links';
import type { RequestHandler } from './$types';

/** What the share panel needs for a finished run: its signed code, score URL and share text. */
export const GET: RequestHandler = async ({ params, url }) => {
	const shared = await shareLinks().shareRun(params.runId);
	if (!shared.ok) {
		return json(
			shared.reason === 'unknown-run'
				? { error: 'run: there is no such run on this server', reason: shared.reason }
				: { error: 'run: not every round has a verdict yet', reason: shared.reason },
			{
				status: shared.reason === 'unknown-run' ? 404 : 409,
				headers: { 'Cache-Control': 'no-store' }
			}
		);
	}
	const link = new URL(resolve('/s/[code]', { code: shared.code }), url.origin).href;
	return json(
		{ code: shared.code, url: link, text: shareText(shared.payload, link, shareWords()) },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
