import { m } from '$lib/paraglide/messages.js';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import { packZip } from '$lib/server/packs/teacher/export';
import type { RequestHandler } from './$types';

/** The pack as a zip for another server's PACKS_DIR (export.ts); for its editor only. */
export const GET: RequestHandler = async ({ params }) => {
	const store = teacherPacks();
	const record = await store.byEditor(params.secret);
	const text = (status: number, message: string) =>
		new Response(message, {
			status,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
		});
	if (!record) return text(404, m.teacher_error_no_pack());
	const playable = await store.exportable(record.id);
	if (!playable.ok) return text(409, m.teacher_play_not_ready());
	const zip = await packZip(playable.pack, (src) => store.mediaFile(record.id, src));
	return new Response(new Uint8Array(zip), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Disposition': `attachment; filename="${record.id}.zip"`,
			'Content-Length': String(zip.length),
			'Cache-Control': 'no-store'
		}
	});
};
