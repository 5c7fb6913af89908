import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime.js';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import { limits } from '$lib/server/class/limits';
import { readForm } from '$lib/server/http/request-body';
import { teacherPackTtlDays } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	ttlDays: teacherPackTtlDays(),
	deleted: url.searchParams.has('deleted')
});

const newPackForm = z.object({ title: z.string().trim().min(1).max(120) });

export const actions: Actions = {
	/** Makes a pack and opens its editor, at the secret address that is its only key. */
	default: async ({ request, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { error: m.form_unreadable() });
		const fields = newPackForm.safeParse({ title: form.get('title') ?? '' });
		if (!fields.success) return fail(400, { error: m.teacher_error_title() });
		if (!limits.teacherPacks.take(getClientAddress())) {
			return fail(429, { error: m.teacher_error_rate_limited() });
		}
		const created = await teacherPacks().create(fields.data.title, getLocale());
		if (!created.ok) return fail(503, { error: m.server_full() });
		redirect(303, localizeHref(`/packs/edit/${created.editorSecret}?created`));
	}
};
