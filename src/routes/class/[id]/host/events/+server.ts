import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { classHub } from '$lib/server/class/instance';
import { hostSession } from '$lib/server/class/http';
import { problem } from '$lib/server/http/problem';
import { limits } from '$lib/server/class/limits';
import { finalEvent } from '$lib/server/class/sse';

/** The host screen's live events: the whole state on every change, the answer count in between. */
export const GET: RequestHandler = (event) => {
	if (!classHub().get(event.params.id)) return finalEvent('gone', '{}');
	const host = hostSession(event);
	if (!host.ok) return problem(host.status, host.code, host.message);
	if (!limits.streams.take(`host:${host.session.id}`)) {
		return problem(429, 'rate-limited', m.class_rate_limited(), { 'Retry-After': '5' });
	}
	return host.session.connectHost(event.request, getLocale());
};
