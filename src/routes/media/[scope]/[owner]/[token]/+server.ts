import { classHub } from '$lib/server/class/instance';
import { mediaFileResponse } from '$lib/server/packs/media-response';
import { packMediaFile } from '$lib/server/packs/store';
import { resolveRunMedia } from '$lib/server/play/runs';
import type { RequestHandler } from './$types';

/**
 * A rendition shown in a run (`/media/r/<run id>/<token>`) or a class session (`/media/c/...`),
 * at an address that means something for that run or session only (media-links.ts). Kept by
 * the player's browser (private): the address never changes within its run and never serves
 * anything else.
 */
export const GET: RequestHandler = async ({ params, request }) => {
	const found =
		params.scope === 'r'
			? await resolveRunMedia(params.owner, params.token)
			: params.scope === 'c'
				? await classHub().resolveMedia(params.owner, params.token)
				: undefined;
	const file = found && (await packMediaFile(found.pack.id, found.rendition.src));
	if (!found || !file) {
		return new Response('There is no such media file for this run or class session.', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
		});
	}
	return mediaFileResponse(
		request,
		file,
		found.rendition.type,
		'private, max-age=604800, immutable'
	);
};
