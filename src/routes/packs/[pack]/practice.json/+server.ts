import { error, json } from '@sveltejs/kit';
import { getPracticePack } from '$lib/server/packs/store';
import type { RequestHandler } from './$types';

/**
 * A pack's practice pool, answers included, for offline practice: the only answers the browser
 * may hold before a verdict, because no online round uses these items (see pools.ts). The whole
 * manifest never leaves the server (svelte.config.js keeps it out of the build's static files).
 */
export const GET: RequestHandler = ({ params }) => {
	const practice = getPracticePack(params.pack);
	if (!practice || practice.pairs.length === 0) {
		error(404, `The pack "${params.pack}" has no practice pairs to play offline.`);
	}
	// Revalidated on every fetch: the service worker refreshes its copy when the pack changes.
	return json(practice, { headers: { 'Cache-Control': 'no-cache' } });
};
