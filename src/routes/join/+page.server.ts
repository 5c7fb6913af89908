import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { lookUpCode } from './join-code.server';
import { readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';

export const actions: Actions = {
	default: async ({ request, getClientAddress, setHeaders }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.form_unreadable(), code: '' });
		const found = lookUpCode(String(form.get('code') ?? ''), getClientAddress());
		if (!found.ok) {
			if (found.retryAfter !== undefined) setHeaders({ 'Retry-After': String(found.retryAfter) });
			return fail(found.status, { message: found.message, code: found.code });
		}
		redirect(303, localizeHref(found.path));
	}
};
