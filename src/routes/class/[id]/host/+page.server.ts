import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { hostSession } from '$lib/server/class/http';
import { qrSvg } from '$lib/server/class/qr';
import { phoneOrigins } from '$lib/server/http/phones';

/**
 * The host screen: the live state, and how students join (code, short URL, QR code). The host
 * link is not here: the page is on the projector, so MoveHost fetches it when the host asks.
 */
export const load: PageServerLoad = async (event) => {
	const host = await hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session } = host;
	// Where phones in the room can open the join link: a teacher who opened localhost gets this
	// machine's network addresses instead (several when it has several networks: they choose).
	const joins = await Promise.all(
		phoneOrigins(event.url).map(async (origin) => ({
			host: new URL(origin).host,
			qr: await qrSvg(`${origin}/j/${session.code}`)
		}))
	);
	return {
		state: session.hostState(getLocale()),
		joins
	};
};
