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
import { parseSeatJoinForm, typedNickname } from '$lib/game/class/seat-join';
import { endsJoinAttempt, newJoinAttempt } from '$lib/game/class/join-attempt';
import { localizeHref } from '$lib/paraglide/runtime.js';

/**
 * A student's page in a session: the nickname form until the device has a seat, then the live
 * round. The state it carries is the phone's own view: no answer before the reveal. The form
 * carries a new attempt key each time it is rendered (join-attempt.ts), so the browser sending
 * the same form again, its answer lost, gets the seat that form made.
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
		state: seat?.status === 'active' ? session.seatState(seat.id, getLocale())! : null,
		attempt: newJoinAttempt()
	};
};

export const actions: Actions = {
	/**
	 * Takes a seat with the nickname typed, or a generated one ("generate" button): the form as
	 * posted without JavaScript (the phone's script sends it as JSON to the hot path, hot-path.ts),
	 * with the attempt key of the page it was rendered in. A refusal that may have come after the
	 * seat was stored (endsJoinAttempt) renders the form again with the same key, as the script
	 * keeps its own; any other gets a fresh one.
	 */
	join: async (event) => {
		const session = await sessionOr404(event.params.id);
		const form = await readForm(event.request);
		const fields = form ? formFields(form) : {};
		const read = form ? parseSeatJoinForm(fields) : ({ ok: false, problem: 'unreadable' } as const);
		const joined = await seatJoin(event, read);
		if (!joined.ok) {
			if (joined.headers) event.setHeaders(joined.headers);
			// What was typed goes back in the field, also when only the attempt's key was wrong.
			const nickname = typedNickname(fields);
			const attempt = read.ok && !endsJoinAttempt(joined.status) ? read.join.attempt : undefined;
			return fail(joined.status, { nickname, message: joined.message, attempt });
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
