/**
 * When a class round's timer runs out in front of the player, for the time-up cue. The device
 * counts to the server's deadline by its estimate of the server clock, and the server closes the
 * round at that deadline: whichever arrives first counts, once per round. A round the host closes
 * early, or one whose time ran out before the page opened, does not count.
 */
import { untrack } from 'svelte';
import type { ClassPhase } from '$lib/game/class/phases';

/** The part of a host's or a phone's view that says where the round's time stands. */
export interface RoundClock {
	round: number;
	phase: ClassPhase;
	/** Server clock, epoch ms; null without a timer (and once the round is no longer open). */
	deadline: number | null;
}

/** The server's close may arrive a little before the device's own count reaches the deadline. */
const SLACK_MS = 500;

/** The rules, without timers: feed it each view and the local timer's end; it calls `ontimeup`. */
export class TimeUpWatch {
	#watching: { round: number; deadline: number } | null = null;
	#cued = -1;
	readonly #ontimeup: () => void;

	constructor(ontimeup: () => void) {
		this.#ontimeup = ontimeup;
	}

	/** Takes the current view at server time `now`; returns ms until `due` should be called, or null. */
	see(clock: RoundClock, now: number): number | null {
		const { round, phase, deadline } = clock;
		if (phase === 'open' && deadline !== null) {
			// Only a round seen open before its time ran out is watched.
			if (this.#watching?.round !== round) {
				this.#watching = deadline > now ? { round, deadline } : null;
			} else {
				this.#watching.deadline = deadline;
			}
			if (!this.#watching) return null;
			if (deadline <= now) {
				this.due();
				return null;
			}
			return deadline - now;
		}
		// The round stopped taking answers: by its timer if the server's clock is at the deadline.
		const watched = this.#watching;
		this.#watching = null;
		if (watched?.round === round && now >= watched.deadline - SLACK_MS) this.#cue(round);
		return null;
	}

	/** The device's own count reached the deadline. */
	due(): void {
		if (this.#watching) this.#cue(this.#watching.round);
	}

	#cue(round: number): void {
		if (this.#cued === round) return;
		this.#cued = round;
		this.#ontimeup();
	}
}

/**
 * Calls `ontimeup` once when the round's time runs out (see TimeUpWatch). Call it while a
 * component is being created; `clock` is read reactively.
 */
export function watchTimeUp(
	clock: () => RoundClock,
	serverNow: () => number,
	ontimeup: () => void
): void {
	const watch = new TimeUpWatch(() => untrack(ontimeup));
	$effect(() => {
		const { round, phase, deadline } = clock();
		const wait = watch.see({ round, phase, deadline }, untrack(serverNow));
		if (wait === null) return;
		const timer = setTimeout(() => watch.due(), wait);
		return () => clearTimeout(timer);
	});
}
