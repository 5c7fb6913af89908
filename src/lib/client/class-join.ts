/**
 * A phone taking its seat with its script: the nickname form's fields sent as JSON to the
 * session's join address (served in front of SvelteKit, like verdicts), then the session's page,
 * now with the seat. Without JavaScript the same form posts to the page's `?/join` action.
 */
import { goto } from '$app/navigation';
import { m } from '$lib/paraglide/messages.js';
import { localizeHref } from '$lib/paraglide/runtime.js';
import type { SeatJoin } from '$lib/game/class/seat-join';
import { endsJoinAttempt, newJoinAttempt } from '$lib/game/class/join-attempt';
import { sendWhileMoving } from './moving';

/**
 * The attempt key of a join whose outcome this phone does not know, by session: no answer came
 * (the connection broke) or only "moving" or a server fault did, so its seat may have been
 * stored. The next tap sends it again, and gets that seat rather than a second one or "taken"
 * for its own name; a definite answer (a seat, or a refusal that made none) ends the attempt.
 */
const unsettled = new Map<string, string>();

/**
 * Sends the nickname form's fields (`generate` present when that button sent it), again by
 * itself while the session is moving (`onwait`, moving.ts), every send with the attempt's key.
 * Resolves with the server's refusal as a sentence, or null once the phone is on its seat's page.
 */
export async function joinSession(
	sessionId: string,
	fields: FormData,
	onwait: (waiting: boolean) => void
): Promise<string | null> {
	// The script's own key wins over the form's hidden `attempt` (made for the page's render, for
	// a phone without JavaScript): only the script sees each answer, so only it knows when an
	// attempt has ended, and a page's key would stay the same across attempts until a reload.
	const attempt = unsettled.get(sessionId) ?? newJoinAttempt();
	unsettled.set(sessionId, attempt);
	const body: SeatJoin = {
		nickname: String(fields.get('nickname') ?? ''),
		generate: fields.has('generate'),
		attempt
	};
	let response: Response;
	try {
		// At the page's locale's address: refusals come back in that language.
		response = await sendWhileMoving(
			() =>
				fetch(localizeHref(`/class/${sessionId}/join`), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body)
				}),
			onwait
		);
	} catch {
		return m.join_network_error();
	}
	if (endsJoinAttempt(response.status)) unsettled.delete(sessionId);
	const answer: { location?: unknown; message?: unknown } | null = await response
		.json()
		.catch(() => null);
	if (response.ok && typeof answer?.location === 'string') {
		await goto(answer.location, { invalidateAll: true });
		return null;
	}
	return typeof answer?.message === 'string' ? answer.message : m.error_server();
}
