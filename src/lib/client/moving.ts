/**
 * A join or a host command answered 503 with Retry-After: the class session is changing
 * process (its owner failed, or it is handed back to the one the load balancer sends it to;
 * see ARCHITECTURE.md, several processes), which takes a second or two. The script sends the
 * request again by itself after the wait the server asks for, a few times, and shows a calm
 * status meanwhile; only an answer that is still "moving" after that reaches the person.
 * Sending again is safe: a join carries its attempt's key (class-join.ts), so one already stored
 * gives back its seat, and a command names the round (and for skip and swap what it shows), so
 * one already applied is refused as stale.
 */

/** Tries in all: the first and up to four more, about 10 s at most (waits are capped). */
export const MOVING_TRIES = 5;
/** The longest wait between two tries, whatever Retry-After says. */
const MAX_WAIT_MS = 2500;

/** Whether the server asked for the request again later (the session is moving). */
function moving(response: Response): boolean {
	return response.status === 503 && response.headers.has('retry-after');
}

/**
 * Sends with `send` until the answer is not "moving" or the tries are used up, and resolves
 * with the last answer. `onwait` hears true while waiting to send again and false after.
 */
export async function sendWhileMoving(
	send: () => Promise<Response>,
	onwait: (waiting: boolean) => void
): Promise<Response> {
	try {
		for (let tries = 1; ; tries++) {
			const response = await send();
			if (!moving(response) || tries >= MOVING_TRIES) return response;
			onwait(true);
			const seconds = Number(response.headers.get('retry-after'));
			const wait = Math.min(MAX_WAIT_MS, Number.isFinite(seconds) ? seconds * 1000 : 1000);
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
	} finally {
		onwait(false);
	}
}
