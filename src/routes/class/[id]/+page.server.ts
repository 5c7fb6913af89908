import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import {
	SEAT_COOKIE,
	seatJoin,
	seatPath,
	seatVerdict,
	sessionOr404,
	setSeatCookie,
	tokenFrom
} from '$lib/server/class/http';
import { formFields, readForm } from '$lib/server/http/request-body';
import { parseSeatVerdictForm } from '$lib/game/class/seat-verdict';
import { parseSeatJoinForm } from '$lib/game/class/seat-join';
import { localizeHref } from '$lib/paraglide/runtime.js';

/**
 * A student's page in a session: the nickname form until the device has a seat, then the live
 * round. The state it carries is the phone's own view: no answer before the reveal.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const session = await sessionOr404(params.id);
	const token = tokenFrom(cookies, SEAT_COOKIE);
	const seat = token ? session.seatByToken(token) : undefined;
	return {
		id: session.id,
		code: session.code,
		joinable: session.joinable,
		ended: session.record.phase === 'ended',
		seatStatus: seat?.status ?? null,
		state: seat?.status === 'active' ? session.seatState(seat.id, getLocale())! : null
	};
};

export const actions: Actions = {
	/**
	 * Takes a seat with the nickname typed, or a generated one ("generate" button): the form as
	 * posted without JavaScript (the phone's script sends it as JSON to the hot path, hot-path.ts).
	 */
	join: async (event) => {
		const session = await sessionOr404(event.params.id);
		const form = await readForm(event.request);
		const read = form
			? parseSeatJoinForm(formFields(form))
			: ({ ok: false, problem: 'unreadable' } as const);
		const joined = await seatJoin(event, read);
		if (!joined.ok) {
			if (joined.headers) event.setHeaders(joined.headers);
			const nickname = read.ok ? read.join.nickname : '';
			return fail(joined.status, { nickname, message: joined.message });
		}
		if (joined.token) setSeatCookie(event, session.id, joined.token);
		redirect(303, localizeHref(seatPath(session.id)));
	},

	/** The verdict as a plain form post, for a phone whose JavaScript has not loaded. */
	verdict: async (event) => {
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.form_unreadable() });
		const result = await seatVerdict(event, parseSeatVerdictForm(formFields(form)));
		if (!result.ok) return fail(result.status, { message: result.message });
		redirect(303, localizeHref(seatPath(event.params.id)));
	}
};
