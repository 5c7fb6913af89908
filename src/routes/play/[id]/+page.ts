import { inOwnTaskWhileStarting } from '$lib/client/start-up';
import type { PageLoad } from './$types';

/**
 * The server's data as it is. While the page starts in the browser, SvelteKit calls this after
 * evaluating the round's modules and hydrates once it resolves: waiting for a task of its own
 * here keeps those two apart (`$lib/client/start-up`).
 */
export const load: PageLoad = async ({ data }) => {
	await inOwnTaskWhileStarting();
	return data;
};
