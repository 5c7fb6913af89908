/**
 * A phone's live seat in a class session: the state the server pushes, the connection status,
 * and sending verdicts. A tapped verdict is kept on the phone as pending until the server
 * acknowledges it; while the network is down it waits, and goes out the moment the connection
 * is back (the browser's online event, the event stream reopening), as long as its round has not
 * been revealed. The server decides whether it still counts (see LATE_GRACE_MS on the server).
 */
import type { Answer } from '$lib/game/play/round';
import type { SeatState } from '$lib/game/class/views';
import type { SeatVerdict } from '$lib/game/class/seat-verdict';
import { ClassFeed, type FeedStatus } from './class-feed';
import { localizeHref } from '$lib/paraglide/runtime.js';

export type SeatEnd = 'kicked' | 'banned' | 'no-seat' | 'gone' | 'elsewhere';
/** idle: nothing to send; sending: a request is under way; waiting: no connection, will resend. */
export type SendStatus = 'idle' | 'sending' | 'waiting';

export interface PendingVerdict {
	round: number;
	answer: Answer;
	confidence: number;
	/**
	 * What the round showed when tapped (the server's name for it, SeatShared.shown). The
	 * verdict carries it, so the server refuses it once the host has swapped or skipped the
	 * round; the phone drops it as soon as its state shows something else.
	 */
	shown: string | null;
}

// Between tries while the network is down; the online event and a reopened stream cut it short.
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 5000;

export class SeatConnection {
	state: SeatState = $state()!;
	status: FeedStatus = $state('connecting');
	/** Why the seat stopped (removed by the host, session deleted); null while it is live. */
	ended: SeatEnd | null = $state(null);
	sending: SendStatus = $state('idle');
	/** The verdict tapped on this phone that the server has not acknowledged yet. */
	pending: PendingVerdict | null = $state(null);
	/** The server's refusal, as a sentence; null when all is well. */
	error: string | null = $state(null);
	/** Server clock minus this device's clock, so deadlines count down correctly. */
	offset = $state(0);
	readonly #id: string;
	readonly #feed: ClassFeed;
	/** Ends the current wait between tries early. */
	#wake: (() => void) | undefined;
	readonly #ononline = () => this.#wake?.();

	constructor(sessionId: string, initial: SeatState) {
		this.#id = sessionId;
		this.#take(initial);
		this.#feed = new ClassFeed({
			// At the page's locale's address: the server sends the pack's words in that language.
			url: localizeHref(`/class/${sessionId}/events`),
			events: {
				state: (data) => this.#take(data as SeatState),
				removed: (data) => this.#end((data as { reason: SeatEnd }).reason),
				gone: () => this.#end('gone'),
				elsewhere: () => this.#end('elsewhere')
			},
			onstatus: (status) => {
				this.status = status;
				if (status === 'open') this.#wake?.();
			}
		});
		window.addEventListener('online', this.#ononline);
	}

	#take(state: SeatState): void {
		this.offset = state.me.now - Date.now();
		if (state.shared.round !== this.state?.shared.round) this.error = null;
		this.state = state;
		// The server has it (the answer got through, only its acknowledgement was lost).
		if (this.pending && state.me.verdict?.round === this.pending.round) this.pending = null;
		// A swapped round: stop retrying now (the retry loop sees the change when it wakes).
		if (this.pending && this.pending.shown !== state.shared.shown) this.#wake?.();
	}

	#end(reason: SeatEnd): void {
		this.ended = reason;
		this.#feed.close();
		this.#wake?.();
	}

	/** The server's clock now, by this device's clock and the last known offset. */
	serverNow(): number {
		return Date.now() + this.offset;
	}

	/** Whether the pending verdict may still count: its round is current and not yet revealed. */
	#stillUseful(round: number): boolean {
		const { shared } = this.state;
		return (
			!this.ended &&
			this.pending?.round === round &&
			this.pending.shown === shared.shown &&
			shared.round === round &&
			(shared.phase === 'open' || shared.phase === 'closed')
		);
	}

	#pause(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				if (this.#wake === done) this.#wake = undefined;
				resolve();
			};
			const timer = setTimeout(done, ms);
			this.#wake = done;
		});
	}

	/** Sends a verdict for the current round; resolves when it is saved, refused or past use. */
	async verdict(answer: Answer, confidence: number): Promise<void> {
		const round = this.state.shared.round;
		if (this.pending || this.state.me.verdict?.round === round) return;
		const shown = this.state.shared.shown;
		this.pending = { round, answer, confidence, shown };
		this.error = null;
		// What the verdict endpoint parses (seat-verdict.ts), typed by the same schema.
		const sent: SeatVerdict = { round, shown: shown ?? undefined, answer, confidence };
		let wait = FIRST_WAIT_MS;
		while (this.#stillUseful(round)) {
			this.sending = 'sending';
			let response: Response;
			try {
				response = await fetch(localizeHref(`/class/${this.#id}/verdict`), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(sent)
				});
			} catch {
				this.sending = 'waiting';
				await this.#pause(wait);
				wait = Math.min(MAX_WAIT_MS, wait * 2);
				continue;
			}
			const body = (await response.json().catch(() => ({}))) as {
				verdict?: { round: number; answer: Answer; confidence: number };
				message?: string;
			};
			if (response.ok && body.verdict) {
				// Unless the round was swapped while the answer was on its way: it was for the old one.
				if (this.state.shared.round === body.verdict.round && this.state.shared.shown === shown) {
					this.state.me.verdict = body.verdict;
				}
				break;
			}
			if (response.status === 429 || response.status >= 500) {
				this.sending = 'waiting';
				const after = Number(response.headers.get('retry-after')) * 1000 || wait;
				await this.#pause(after);
				wait = Math.min(MAX_WAIT_MS, wait * 2);
				continue;
			}
			this.error = body.message ?? response.statusText;
			break;
		}
		this.pending = null;
		this.sending = 'idle';
	}

	close(): void {
		window.removeEventListener('online', this.#ononline);
		this.#wake?.();
		this.#feed.close();
	}
}
