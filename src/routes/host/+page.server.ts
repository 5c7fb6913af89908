import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { parseSessionSettings } from '$lib/game/class/settings';
import { defaultPack, listPacks } from '$lib/server/packs/store';
import { classHub } from '$lib/server/class/instance';
import { hostPath, setHostCookie } from '$lib/server/class/http';
import { limits } from '$lib/server/class/limits';
import { formFields, readForm } from '$lib/server/http/request-body';
import { localizeHref } from '$lib/paraglide/runtime.js';
import { teacherPackIdIn } from '$lib/game/pack/teacher';
import { teacherPacks } from '$lib/server/packs/teacher/store';

export const load: PageServerLoad = ({ url }) => {
	const packs = listPacks(getLocale());
	return {
		packs,
		defaultPackId: packs.length > 0 ? defaultPack().id : null,
		deleted: url.searchParams.has('deleted')
	};
};

export const actions: Actions = {
	/** Creates a session and makes this browser its host. */
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.form_unreadable() });
		const fields = formFields(form, ['kinds', 'topics']);
		// A teacher pack is chosen by pasting its play link: teachers' packs are never listed.
		const link = form.get('packLink');
		if (typeof link === 'string' && link.trim()) {
			const id = teacherPackIdIn(link);
			if (!id) return fail(400, { message: m.host_pack_link_invalid() });
			const published = await teacherPacks().publish(id);
			if (!published.ok) {
				return published.problem === 'missing'
					? fail(404, { message: m.teacher_play_missing() })
					: fail(409, { message: m.teacher_play_not_ready() });
			}
			fields.packId = id;
			// A pack of "Real or fake?" rounds only has no pairs to ask "which one is fake?" of.
			if (published.pack.pairs.length === 0 && fields.mode !== 'mixed') fields.mode = 'single';
		}
		delete fields.packLink;
		const parsed = parseSessionSettings(fields);
		if (!parsed.ok)
			return fail(400, { message: m.host_settings_invalid({ detail: parsed.error }) });
		if (!(await limits.sessions.take(event.getClientAddress())).ok) {
			return fail(429, { message: m.class_rate_limited() });
		}
		const created = await classHub().create(parsed.settings);
		if (!created.ok) {
			if (created.problem === 'full') return fail(503, { message: m.server_full() });
			return fail(400, {
				message: created.problem === 'no-pack' ? m.host_no_pack() : m.host_no_rounds()
			});
		}
		setHostCookie(event, created.id, created.hostToken);
		redirect(303, localizeHref(hostPath(created.id)));
	}
};
