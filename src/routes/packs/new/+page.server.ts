import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime.js';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import { importPackZip, type ImportRefusal } from '$lib/server/packs/teacher/import';
import { limits } from '$lib/server/class/limits';
import { readForm } from '$lib/server/http/request-body';
import { teacherPackTtlDays } from '$lib/server/config';
import { imageRefusal, videoRefusal, voiceRefusal, zipRefusal } from '$lib/i18n/teacher-refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	ttlDays: teacherPackTtlDays(),
	deleted: url.searchParams.has('deleted')
});

const newPackForm = z.object({ title: z.string().trim().min(1).max(120) });

/** Why a zip was not imported, as a sentence and the lines that say where. */
function importProblem(refusal: ImportRefusal): {
	status: number;
	reason: string;
	details: string[];
} {
	const entry =
		'entry' in refusal && refusal.entry ? [m.teacher_zip_entry({ entry: refusal.entry })] : [];
	switch (refusal.reason) {
		case 'manifest':
			return {
				status: 400,
				reason: m.teacher_zip_manifest(),
				details: refusal.problems.map(
					(problem) =>
						`${problem.file}${problem.path ? ` ${problem.path}` : ''}: ${problem.message}`
				)
			};
		case 'missing-media':
			return { status: 400, reason: m.teacher_zip_missing_media(), details: entry };
		case 'media':
			return {
				status: 415,
				reason: m.teacher_zip_media({ reason: imageRefusal[refusal.refusal]() }),
				details: entry
			};
		case 'voice':
			return {
				status: 415,
				reason: m.teacher_zip_media({ reason: voiceRefusal[refusal.refusal]() }),
				details: entry
			};
		case 'video':
			return {
				status: 415,
				reason: m.teacher_zip_media({ reason: videoRefusal[refusal.refusal]() }),
				details: entry
			};
		case 'pack-full':
			return { status: 413, reason: m.teacher_error_pack_full(), details: [] };
		case 'server-full':
			return { status: 507, reason: m.teacher_error_server_full(), details: [] };
		case 'too-many-packs':
			return { status: 503, reason: m.server_full(), details: [] };
		default:
			return {
				status: refusal.reason === 'too-large' ? 413 : 400,
				reason: zipRefusal[refusal.reason](),
				details: entry
			};
	}
}

export const actions: Actions = {
	/** Makes a pack and opens its editor, at the secret address that is its only key. */
	create: async ({ request, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const fields = newPackForm.safeParse({ title: form.get('title') ?? '' });
		if (!fields.success) return fail(400, { error: m.teacher_error_title() });
		if (!(await limits.teacherPacks.take(getClientAddress())).ok) {
			return fail(429, { error: m.teacher_error_rate_limited() });
		}
		const created = await teacherPacks().create(fields.data.title, getLocale());
		if (!created.ok) return fail(503, { error: m.server_full() });
		redirect(303, localizeHref(`/packs/edit/${created.editorSecret}?created`));
	},

	/** Makes a pack from a pack zip (an export), every medium in it processed as an upload is. */
	import: async ({ request, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { importError: m.form_unreadable(), details: [] });
		const file = form.get('zip');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { importError: m.teacher_error_no_zip(), details: [] });
		}
		const address = getClientAddress();
		if (!(await limits.teacherPacks.take(address)).ok || !(await limits.uploads.take(address)).ok) {
			return fail(429, { importError: m.teacher_error_rate_limited(), details: [] });
		}
		const imported = await importPackZip(teacherPacks(), new Uint8Array(await file.arrayBuffer()));
		if (!imported.ok) {
			const { status, reason, details } = importProblem(imported);
			return fail(status, {
				importError: m.teacher_import_refused({ name: file.name, reason }),
				details
			});
		}
		redirect(303, localizeHref(`/packs/edit/${imported.editorSecret}?created`));
	}
};
