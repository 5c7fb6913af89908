import { json } from '@sveltejs/kit';
import { shareLinks } from '$lib/server/share-links';
import type { RequestHandler } from './$types';

/** Both players round by round, for a run started from "play the same rounds". */
export const GET: RequestHandler = async ({ params }) => {
	const comparison = await shareLinks().compareChallenge(params.runId);
	const headers = { 'Cache-Control': 'no-store' };
	if (!comparison) {
		return json(
			{ error: 'run: no such run, or it answers no challenge that still verifies' },
			{ status: 404, headers }
		);
	}
	return json(comparison, { headers });
};
