import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { hostSession } from '$lib/server/classroom/http';
import { qrSvg } from '$lib/server/classroom/qr';

/**
 * The host screen: the live state, and how students join (code, short URL, QR code). The host
 * link is not here: the page is on the projector, so MoveHost fetches it when the host asks.
 */
export const load: PageServerLoad = async (event) => {
	const host = hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session } = host;
	const joinUrl = `${event.url.origin}/j/${session.code}`;
	return {
		state: session.hostState(),
		joinHost: event.url.host,
		qr: await qrSvg(joinUrl)
	};
};
