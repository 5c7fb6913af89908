import { VOICE_FORMAT } from '$lib/game/pack/served-voices';
import { VIDEO_FORMAT } from '$lib/game/pack/served-videos';
import { mediaFileResponse } from '$lib/server/packs/media-response';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import type { RequestHandler } from './$types';

/**
 * A processed picture, voice or video of a teacher pack, for its editor only (the link's secret is the
 * key): players get a pack's media at their run's or session's own addresses, as the default
 * pack's. The type follows from the name, which only the server's own files have.
 */
export const GET: RequestHandler = async ({ params, request }) => {
	const record = await teacherPacks().byEditor(params.secret);
	const file = record && (await teacherPacks().mediaFile(record.id, `media/${params.file}`));
	if (!file) {
		return new Response('There is no such picture, voice or video in this pack.', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
		});
	}
	const type = file.endsWith(`.${VOICE_FORMAT.extension}`)
		? VOICE_FORMAT.type
		: file.endsWith(`.${VIDEO_FORMAT.extension}`)
			? VIDEO_FORMAT.type
			: 'image/webp';
	return mediaFileResponse(request, file, type, 'private, no-store');
};
