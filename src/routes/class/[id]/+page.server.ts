import { fail, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import {
	SEAT_COOKIE,
	seatPath,
	seatVerdict,
	sessionOr404,
	setSeatCookie,
	tokenFrom
} from '$lib/server/class/http';
import { limits, newSeatKey, places } from '$lib/server/class/limits';
import { joinProblemMessage, joinStatus } from '$lib/server/class/problems';
import { formFields, readForm } from '$lib/server/http/request-body';
import { parseSeatVerdictForm } from '$lib/game/class/seat-verdict';
import { localizeHref } from '$lib/paraglide/runtime.js';

/**
 * The join form's fields: the name typed, which the session judges (past 200 characters it is
 * too long whatever follows, so the rest is neither read nor sent back), and whether the
 * button asking for a name to be picked sent the form.
 */
const joinForm = z.object({
	nickname: z
		.string()
		.default('')
		.transform((typed) => typed.slice(0, 200)),
	generate: z
		.string()
		.optional()
		.transform((button) => button !== undefined)
});

/**
 * A student's page in a session: the nickname form until the device has a seat, then the live
 * round. The state it carries is the phone's own view: no answer before the reveal.
 */
export const load: PageServerLoad = ({ params, cookies }) => {
	const session = sessionOr404(params.id);
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
	/** Takes a seat with the nickname typed, or a generated one ("generate" button). */
	join: async (event) => {
		const session = sessionOr404(event.params.id);
		const form = await readForm(event.request);
		const fields = form && joinForm.safeParse(formFields(form));
		if (!fields?.success) return fail(400, { nickname: '', message: m.form_unreadable() });
		const { nickname, generate } = fields.data;
		const token = tokenFrom(event.cookies, SEAT_COOKIE) ?? null;
		// Only a join that adds a seat takes from the allowance (see NEW_SEATS in limits.ts).
		const allowance = newSeatKey(session.id, event.getClientAddress());
		const joined = session.join(token, { nickname, generate }, () =>
			limits.newSeats.take(allowance)
		);
		if (!joined.ok) {
			const busy = joined.problem === 'busy';
			const seconds = busy ? Math.max(1, limits.newSeats.retryAfter(allowance)) : undefined;
			if (busy) event.setHeaders({ 'Retry-After': String(seconds) });
			return fail(joinStatus(joined.problem), {
				nickname,
				message: joinProblemMessage(joined.problem, seconds)
			});
		}
		places.saw(session.id, event.getClientAddress());
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
