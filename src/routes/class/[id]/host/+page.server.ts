import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { hostSession } from '$lib/server/classroom/http';
import { qrSvg } from '$lib/server/classroom/qr';
import { publicUrl } from '$lib/server/config';
import { reachableOrigins } from '$lib/server/http/addresses';

/** The host screen: the live state, and how students join (code, short URL, QR code). */
export const load: PageServerLoad = async (event) => {
	const host = hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session, token } = host;
	// Where phones in the room can open the join link: a teacher who opened localhost gets this
	// machine's network addresses instead (several when it has several networks: they choose).
	const reachable = reachableOrigins({ requestOrigin: event.url.origin, publicUrl: publicUrl() });
	const joins = await Promise.all(
		reachable.map(async (origin) => ({
			host: new URL(origin).host,
			qr: await qrSvg(`${origin}/j/${session.code}`)
		}))
	);
	// A link that carries the host key, to move the host screen to another device (which, like
	// the phones, cannot open this computer's localhost).
	const hostLink = `${reachable[0]}/class/${session.id}/claim#${token}`;
	return {
		state: session.hostState(),
		joins,
		hostLink,
		hostQr: await qrSvg(hostLink)
	};
};
