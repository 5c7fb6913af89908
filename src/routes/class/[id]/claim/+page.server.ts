import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { classHub } from '$lib/server/class/instance';
import { hostPath, sessionOr404, setHostCookie } from '$lib/server/class/http';
import { limits } from '$lib/server/class/limits';
import { formFields, readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';

/** The claim form's one field: the host key, as pasted (spaces around it dropped). */
const claimForm = z.object({ key: z.string().trim().default('') });

/** Moving the host screen to another device: the host key from the host link becomes a cookie. */
export const load: PageServerLoad = async ({ params }) => ({
	code: (await sessionOr404(params.id)).code
});

export const actions: Actions = {
	default: async (event) => {
		const session = await sessionOr404(event.params.id);
		const address = event.getClientAddress();
		const form = await readForm(event.request);
		const fields = form && claimForm.safeParse(formFields(form));
		if (!fields?.success) return fail(400, { message: m.form_unreadable() });
		const token = fields.data.key;
		// The right key always works (it has 256 random bits: the count below only slows
		// guessing), so students sending wrong keys from the school address cannot lock it out.
		if (classHub().isHost(session, token)) {
			setHostCookie(event, session.id, token);
			redirect(303, localizeHref(hostPath(session.id)));
		}
		if (!(await limits.authMisses.take(address)).ok)
			return fail(429, { message: m.class_rate_limited() });
		return fail(403, { message: m.host_claim_wrong() });
	}
};
