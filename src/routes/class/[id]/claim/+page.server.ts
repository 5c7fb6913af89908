import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { classHub } from '$lib/server/class/instance';
import { hostPath, sessionOr404, setHostCookie } from '$lib/server/class/http';
import { limits } from '$lib/server/class/limits';
import { readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';

/** Moving the host screen to another device: the host key from the host link becomes a cookie. */
export const load: PageServerLoad = ({ params }) => ({ code: sessionOr404(params.id).code });

export const actions: Actions = {
	default: async (event) => {
		const session = sessionOr404(event.params.id);
		const address = event.getClientAddress();
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.form_unreadable() });
		const token = String(form.get('key') ?? '').trim();
		// The right key always works (it has 256 random bits: the count below only slows
		// guessing), so students sending wrong keys from the school address cannot lock it out.
		if (classHub().isHost(session, token)) {
			setHostCookie(event, session.id, token);
			redirect(303, localizeHref(hostPath(session.id)));
		}
		if (!limits.authMisses.take(address)) return fail(429, { message: m.class_rate_limited() });
		return fail(403, { message: m.host_claim_wrong() });
	}
};
