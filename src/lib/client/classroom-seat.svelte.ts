/**
 * A phone's live seat in a class session: the state the server pushes, the connection status,
 * and sending verdicts. A verdict shows as saved only once the server has acknowledged it; a
 * failed send is retried while the round is still open (the server keeps only the first).
 */
import type { Answer } from '$lib/game/round';
import type { PlayerState } from '$lib/game/classroom-views';
import { m } from '$lib/paraglide/messages.js';
import { ClassroomFeed, type FeedStatus } from './classroom-feed';

export type SeatEnd = 'kicked' | 'banned' | 'no-seat' | 'gone';
export type SendStatus = 'idle' | 'sending' | 'retrying' | 'failed';

const RETRIES = 6;

export class SeatConnection {
	state: PlayerState = $state()!;
	status: FeedStatus = $state('connecting');
	/** Why the seat stopped (removed by the host, session deleted); null while it is live. */
	ended: SeatEnd | null = $state(null);
	sending: SendStatus = $state('idle');
	/** The server's refusal or the network trouble, as a sentence; null when all is well. */
	error: string | null = $state(null);
	/** Server clock minus this device's clock, so deadlines count down correctly. */
	offset = $state(0);
	readonly #id: string;
	readonly #feed: ClassroomFeed;

	constructor(sessionId: string, initial: PlayerState) {
		this.#id = sessionId;
		this.#take(initial);
		this.#feed = new ClassroomFeed({
			url: `/class/${sessionId}/events`,
			events: {
				state: (data) => this.#take(data as PlayerState),
				removed: (data) => this.#end((data as { reason: SeatEnd }).reason),
				gone: () => this.#end('gone')
			},
			onstatus: (status) => (this.status = status)
		});
	}

	#take(state: PlayerState): void {
		this.offset = state.me.now - Date.now();
		if (state.shared.round !== this.state?.shared.round) this.error = null;
		this.state = state;
	}

	#end(reason: SeatEnd): void {
		this.ended = reason;
		this.#feed.close();
	}

	/** The server's clock now, by this device's clock and the last known offset. */
	serverNow(): number {
		return Date.now() + this.offset;
	}

	/** Sends a verdict for the current round; resolves when it is saved or has finally failed. */
	async verdict(answer: Answer, confidence: number): Promise<void> {
		const round = this.state.shared.round;
		if (this.sending === 'sending' || this.state.me.verdict?.round === round) return;
		this.sending = 'sending';
		this.error = null;
		for (let attempt = 0; attempt <= RETRIES; attempt++) {
			if (this.ended || this.state.shared.round !== round || this.state.shared.phase !== 'open') {
				break;
			}
			let response: Response;
			try {
				response = await fetch(`/class/${this.#id}/verdict`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ round, answer, confidence })
				});
			} catch {
				this.sending = 'retrying';
				await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
				continue;
			}
			const body = (await response.json().catch(() => ({}))) as {
				verdict?: { round: number; answer: Answer; confidence: number };
				message?: string;
				error?: string;
			};
			if (response.ok && body.verdict) {
				if (this.state.shared.round === body.verdict.round) {
					this.state.me.verdict = body.verdict;
				}
				this.sending = 'idle';
				return;
			}
			if (response.status === 429 || response.status >= 500) {
				this.sending = 'retrying';
				const after = Number(response.headers.get('retry-after')) || 2 ** attempt;
				await new Promise((resolve) => setTimeout(resolve, after * 1000));
				continue;
			}
			this.error = body.message ?? response.statusText;
			break;
		}
		this.sending = 'failed';
		if (!this.error && this.state.shared.round === round && this.state.shared.phase === 'open') {
			this.error = m.class_network_error();
		}
	}

	close(): void {
		this.#feed.close();
	}
}
