import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { codeForm, lookUpCode } from './join-code.server';
import { formFields, readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';

export const actions: Actions = {
	default: async ({ request, getClientAddress, setHeaders }) => {
		const form = await readForm(request);
		const fields = form && codeForm.safeParse(formFields(form));
		if (!fields?.success) return fail(400, { message: m.form_unreadable(), code: '' });
		const found = await lookUpCode(fields.data.code, getClientAddress());
		if (!found.ok) {
			if (found.retryAfter !== undefined) setHeaders({ 'Retry-After': String(found.retryAfter) });
			return fail(found.status, { message: found.message, code: found.code });
		}
		redirect(303, localizeHref(found.path));
	}
};
