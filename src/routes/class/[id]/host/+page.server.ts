import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { hostSession } from '$lib/server/classroom/http';
import { qrSvg } from '$lib/server/classroom/qr';

/** The host screen: the live state, and how students join (code, short URL, QR code). */
export const load: PageServerLoad = async (event) => {
	const host = hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session, token } = host;
	const origin = event.url.origin;
	const joinUrl = `${origin}/j/${session.code}`;
	// A link that carries the host key, to move the host screen to another device.
	const hostLink = `${origin}/class/${session.id}/claim#${token}`;
	return {
		state: session.hostState(),
		joinHost: event.url.host,
		qr: await qrSvg(joinUrl),
		hostLink,
		hostQr: await qrSvg(hostLink)
	};
};
