/**
 * The host screen's live session: the whole state the server sends on every change, the live
 * answer count merged in between, and the host's commands. Commands name the round they mean,
 * so a double tap is refused by the server as stale rather than skipping a round.
 */
import type { HostCommand } from '$lib/game/class/commands';
import type { HostLive, HostState } from '$lib/game/class/views';
import { m } from '$lib/paraglide/messages.js';
import { ClassFeed, type FeedStatus } from './class-feed';
import { localizeHref } from '$lib/paraglide/runtime.js';
import { sendWhileMoving } from './moving';

export class HostConnection {
	state: HostState = $state()!;
	status: FeedStatus = $state('connecting');
	/** The session was deleted or expired. */
	gone = $state(false);
	busy = $state(false);
	/** The last command is waiting to be sent again: the session is moving (moving.ts). */
	waiting = $state(false);
	error: string | null = $state(null);
	offset = $state(0);
	readonly #id: string;
	readonly #feed: ClassFeed;
	// Where each seat sits in state.seats: bookkeeping for merging, never shown, so not reactive.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#seatIndex = new Map<string, number>();

	constructor(sessionId: string, initial: HostState) {
		this.#id = sessionId;
		this.#take(initial);
		this.#feed = new ClassFeed({
			// At the page's locale's address: the projector shows the pack's words in the host's language.
			url: localizeHref(`/class/${sessionId}/host/events`),
			events: {
				state: (data) => this.#take(data as HostState),
				live: (data) => this.#live(data as HostLive),
				gone: () => {
					this.gone = true;
					this.#feed.close();
				}
			},
			onstatus: (status) => (this.status = status)
		});
	}

	#take(state: HostState): void {
		this.offset = state.now - Date.now();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		this.#seatIndex = new Map(state.seats.map((seat, index) => [seat.id, index]));
		this.state = state;
	}

	#live(live: HostLive): void {
		// A count from before the latest state change would mix two rounds.
		if (live.round !== this.state.round) return;
		this.state.answered = live.answered;
		this.state.seated = live.seated;
		this.state.online = live.online;
		for (const seat of live.seats) {
			const index = this.#seatIndex.get(seat.id);
			if (index === undefined) {
				this.#seatIndex.set(seat.id, this.state.seats.length);
				this.state.seats.push(seat);
			} else {
				this.state.seats[index] = seat;
			}
		}
	}

	serverNow(): number {
		return Date.now() + this.offset;
	}

	/**
	 * Sends a command, again by itself while the session is moving; a stale one (already done,
	 * from a double tap or by a try whose answer was lost) is quietly dropped.
	 */
	async command(command: HostCommand): Promise<void> {
		this.busy = true;
		this.error = null;
		try {
			const response = await sendWhileMoving(
				() =>
					fetch(localizeHref(`/class/${this.#id}/host/command`), {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(command)
					}),
				(waiting) => (this.waiting = waiting)
			);
			if (!response.ok) {
				const body = (await response.json().catch(() => ({}))) as {
					error?: string;
					message?: string;
				};
				if (body.error !== 'stale') this.error = body.message ?? response.statusText;
			}
		} catch {
			this.error = m.class_network_error();
		} finally {
			this.busy = false;
		}
	}

	close(): void {
		this.#feed.close();
	}
}
