import { error, fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { packText } from '$lib/game/pack/text';
import { m } from '$lib/paraglide/messages.js';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { classHub } from '$lib/server/class/instance';
import { sessionTtlDays } from '$lib/server/config';
import { HOST_COOKIE, hostPath, hostSession } from '$lib/server/class/http';
import { pathsInEveryLanguage } from '$lib/server/http/language-paths';
import { formFields, readForm } from '$lib/server/http/request-body';

/** The delete form: its second step, where the host said they mean it, says `confirm=yes`. */
const deleteForm = z.object({ confirm: z.literal('yes') });

/** The class report, for the host, at any time: only rounds that are over are in it. */
export const load: PageServerLoad = async (event) => {
	const host = await hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session } = host;
	return {
		id: session.id,
		code: session.code,
		phase: session.record.phase,
		packTitle: packText(session.pack, getLocale(), session.pack.title).text,
		scoring: session.record.settings.scoring,
		createdAt: session.record.createdAt,
		ttlDays: sessionTtlDays(),
		report: session.report()
	};
};

export const actions: Actions = {
	/** Deletes the session: seats, verdicts, everything. Phones and host screens are told. */
	delete: async (event) => {
		const host = await hostSession(event);
		if (!host.ok) return fail(host.status, { message: host.message });
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.form_unreadable() });
		if (!deleteForm.safeParse(formFields(form)).success)
			return fail(400, { message: m.host_delete_confirm_needed() });
		await classHub().delete(host.session.id);
		for (const path of pathsInEveryLanguage(hostPath(host.session.id)))
			event.cookies.delete(HOST_COOKIE, { path });
		redirect(303, localizeHref('/host?deleted'));
	}
};
