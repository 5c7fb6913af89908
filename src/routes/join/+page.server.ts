import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { lookUpCode } from './join-code.server';

export const actions: Actions = {
	default: async ({ request, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const found = lookUpCode(String(form.get('code') ?? ''), getClientAddress());
		if (!found.ok) {
			if (found.retryAfter !== undefined) setHeaders({ 'Retry-After': String(found.retryAfter) });
			return fail(found.status, { message: found.message, code: found.code });
		}
		redirect(303, found.path);
	}
};
