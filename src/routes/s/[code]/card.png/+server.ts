import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { scoreCardPng } from '$lib/server/share/score-card';
import { shareLinks } from '$lib/server/share/links';
import type { RequestHandler } from './$types';

/** The 1200x630 preview image of a verified score; a code that does not verify gets no image. */
export const GET: RequestHandler = async ({ params }) => {
	const links = shareLinks();
	const decoded = await links.verify(params.code);
	if (!decoded.ok) error(decoded.reason === 'malformed' ? 400 : 404, m.score_invalid_title());
	const png = await scoreCardPng(
		await links.scoreFacts(params.code, decoded.payload, getLocale()),
		getLocale()
	);
	return new Response(new Uint8Array(png), {
		headers: {
			'Content-Type': 'image/png',
			'Content-Length': String(png.length),
			// The code is signed and the card shows only what it carries: it never changes.
			'Cache-Control': 'public, max-age=31536000, immutable',
			// Previews are fetched by other sites' crawlers, not only by this origin's pages.
			'Cross-Origin-Resource-Policy': 'cross-origin'
		}
	});
};
