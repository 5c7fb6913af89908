/**
 * The one clock a class screen keeps for the open round's deadline: the time left that the
 * countdown shows, whether the time is up (the phone stops offering its buttons), and the time-up
 * cue. The device counts to the server's deadline by its estimate of the server clock; the server
 * closes the round at that deadline, and this only shows it.
 */
import { untrack } from 'svelte';
import type { ClassPhase } from '$lib/game/class/phases';

/** The part of a host's or a phone's view that says where the round's time stands. */
export interface RoundDeadline {
	round: number;
	phase: ClassPhase;
	/** Server clock, epoch ms; null without a timer (and once the round is no longer open). */
	deadline: number | null;
}

/** The server's close may arrive a little before the device's own count reaches the deadline. */
const SLACK_MS = 500;

/**
 * When the time-up cue sounds, without timers: the device's count or the server's close at the
 * deadline, whichever arrives first, counts, once per round. A round the host closes early, or
 * one whose time ran out before the page saw it open, does not count.
 */
export class TimeUpWatch {
	#watching: { round: number; deadline: number } | null = null;
	#cued = -1;
	readonly #ontimeup: () => void;

	constructor(ontimeup: () => void) {
		this.#ontimeup = ontimeup;
	}

	/** Takes the current view at server time `now`. */
	see(clock: RoundDeadline, now: number): void {
		const { round, phase, deadline } = clock;
		if (phase === 'open' && deadline !== null) {
			// Only a round seen open before its time ran out is watched.
			if (this.#watching?.round !== round) {
				this.#watching = deadline > now ? { round, deadline } : null;
			} else {
				this.#watching.deadline = deadline;
			}
			if (this.#watching && deadline <= now) this.due();
			return;
		}
		// The round stopped taking answers: by its timer if the server's clock is at the deadline.
		const watched = this.#watching;
		this.#watching = null;
		if (watched?.round === round && now >= watched.deadline - SLACK_MS) this.#cue(round);
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

/** How often the time left is brought up to date while it runs: a smooth ring, a timely second. */
const TICK_MS = 250;

export class RoundClock {
	/** The server's clock at the last count, epoch ms. */
	now = $state(0);
	/** The open round's deadline (server clock, epoch ms); null while no time runs. */
	deadline: number | null = $state(null);
	readonly #serverNow: () => number;
	readonly #watch: TimeUpWatch;
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** `serverNow` estimates the server's clock; `ontimeup` is the cue, called once per round. */
	constructor(serverNow: () => number, ontimeup: () => void) {
		this.#serverNow = serverNow;
		this.#watch = new TimeUpWatch(ontimeup);
	}

	/** Milliseconds left, 0 once the deadline has passed; null while no time runs. */
	get msLeft(): number | null {
		return this.deadline === null ? null : Math.max(0, this.deadline - this.now);
	}

	/** Whether the open round's time has run out by this device's count. */
	get timeUp(): boolean {
		return this.deadline !== null && this.now >= this.deadline;
	}

	/**
	 * Takes each view of the round the server sends. Meant to be called from an effect that reads
	 * the view: what this reads of its own state (and the cue's) must not become that effect's.
	 */
	see(view: RoundDeadline): void {
		untrack(() => {
			this.now = this.#serverNow();
			this.deadline = view.phase === 'open' ? view.deadline : null;
			this.#watch.see(view, this.now);
			this.#count();
		});
	}

	/** Counts to the deadline: ticks while it is ahead, and one exactly at it. */
	#count(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const deadline = this.deadline;
		if (deadline === null || this.now >= deadline) return;
		this.#timer = setTimeout(
			() => {
				this.now = this.#serverNow();
				if (this.now >= deadline) this.#watch.due();
				this.#count();
			},
			Math.min(TICK_MS, deadline - this.now)
		);
	}

	/** Stops counting (the screen is gone). */
	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
