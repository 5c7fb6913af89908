import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { lookUpCode } from '../../join/join-code.server';
import { localizeHref } from '$lib/paraglide/runtime.js';

/**
 * The short link on the board and in the QR code: straight to the session's join page. A code
 * that does not lead there answers with its real status (400, 404, 429) and the code form, so
 * the student can correct the digits (see +error.svelte).
 */
export const load: PageServerLoad = async ({ params, getClientAddress, setHeaders }) => {
	const found = await lookUpCode(params.code, getClientAddress());
	if (found.ok) redirect(303, localizeHref(found.path));
	if (found.retryAfter !== undefined) setHeaders({ 'Retry-After': String(found.retryAfter) });
	error(found.status, { message: found.message, joinCode: found.code });
};
