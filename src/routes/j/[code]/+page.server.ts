import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { lookUpCode } from '../../join/join-code.server';

/** The short link on the board and in the QR code: straight to the session's join page. */
export const load: PageServerLoad = ({ params, getClientAddress }) => {
	const found = lookUpCode(params.code, getClientAddress());
	if (found.ok) redirect(303, found.path);
	return { code: found.code, message: found.message };
};
