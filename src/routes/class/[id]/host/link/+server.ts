import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { hostSession } from '$lib/server/class/http';
import { problem } from '$lib/server/http/problem';
import { qrSvg } from '$lib/server/class/qr';
import { phoneOrigins } from '$lib/server/http/phones';

/**
 * The host link (it carries the host key) and its QR code, for the host who asked for them on
 * purpose: they are never part of the host page, which is on the projector.
 */
export const GET: RequestHandler = async (event) => {
	const host = await hostSession(event);
	if (!host.ok) return problem(host.status, host.code, host.message);
	// Another device, like the phones, cannot open this computer's localhost.
	const [origin] = phoneOrigins(event.url);
	const link = `${origin}/class/${host.session.id}/claim#${host.token}`;
	return json(
		{ link, qr: await qrSvg(link) },
		{ headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } }
	);
};
