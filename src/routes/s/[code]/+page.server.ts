import { error, fail, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { localizeHref } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { takeRunStart } from '$lib/server/class/limits';
import { shareLinks } from '$lib/server/share/links';
import type { DecodeFailure } from '$lib/game/share/codec';
import type { Actions, PageServerLoad } from './$types';

/** A code that does not verify: 400 when it is not even a code, 404 when no score has this signature. */
function unverified(reason: DecodeFailure): never {
	error(reason === 'malformed' ? 400 : 404, {
		message: reason === 'unknown-version' ? m.score_invalid_version() : m.score_invalid_body()
	});
}

export const load: PageServerLoad = async ({ params, url }) => {
	const links = shareLinks();
	const decoded = await links.verify(params.code);
	if (!decoded.ok) unverified(decoded.reason);
	return {
		facts: await links.scoreFacts(params.code, decoded.payload, getLocale()),
		pageUrl: new URL(url.pathname, url.origin).href,
		cardUrl: new URL(`${url.pathname}/card.png`, url.origin).href
	};
};

export const actions: Actions = {
	/** "Play the same rounds": a new run with this code's pack, seed, mode and length. */
	challenge: async ({ params, getClientAddress, setHeaders }) => {
		const links = shareLinks();
		const decoded = await links.verify(params.code);
		if (!decoded.ok) unverified(decoded.reason);
		const { replay, packVersion } = await links.scoreFacts(
			params.code,
			decoded.payload,
			getLocale()
		);
		if (replay.status === 'changed') {
			return fail(409, {
				error: m.score_pack_changed({ then: packVersion, now: replay.currentVersion })
			});
		}
		if (replay.status === 'missing') return fail(409, { error: m.score_pack_missing() });
		const wait = await takeRunStart(getClientAddress());
		if (wait > 0) {
			setHeaders({ 'Retry-After': String(wait) });
			return fail(429, { error: m.play_rate_limited({ seconds: wait }) });
		}
		const started = await links.startChallenge(params.code, decoded.payload);
		if (!started.ok) {
			if (started.reason === 'full') return fail(503, { error: m.server_full() });
			return fail(409, {
				error: m.score_challenge_failed({ error: started.error ?? started.reason })
			});
		}
		redirect(303, localizeHref(resolve('/play/[id]', { id: started.runId })));
	}
};
