/**
 * The EventSource under a class session connection. EventSource reconnects by itself after a dropped
 * network, but gives up for good on some failures (an HTTP error, a server restart that answered
 * oddly); then this reconnects with exponential backoff and jitter, and at once when the page
 * comes back into view (a phone waking up) or the network comes back (rather than at the
 * browser's next retry). Closing it stops everything.
 */
export type FeedStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface FeedOptions {
	url: string;
	/** Named events and their handlers; data is the event's JSON, parsed. */
	events: Record<string, (data: unknown) => void>;
	onstatus: (status: FeedStatus) => void;
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;

export class ClassFeed {
	readonly #options: FeedOptions;
	#source: EventSource | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#delay = FIRST_DELAY_MS;
	#closed = false;
	readonly #onvisible = () => {
		if (document.visibilityState === 'visible' && !this.#source && !this.#closed) {
			this.#connect();
		}
	};
	readonly #ononline = () => {
		if (this.#closed || this.#source?.readyState === EventSource.OPEN) return;
		this.#source?.close();
		this.#connect();
	};

	constructor(options: FeedOptions) {
		this.#options = options;
		document.addEventListener('visibilitychange', this.#onvisible);
		window.addEventListener('online', this.#ononline);
		this.#connect();
	}

	#connect(): void {
		clearTimeout(this.#retry);
		this.#retry = undefined;
		const source = new EventSource(this.#options.url);
		this.#source = source;
		source.onopen = () => {
			this.#delay = FIRST_DELAY_MS;
			this.#options.onstatus('open');
		};
		source.onerror = () => {
			if (this.#closed) return;
			if (source.readyState === EventSource.CLOSED) {
				// The browser gave up: try again ourselves, a little later each time.
				source.close();
				this.#source = undefined;
				const wait = this.#delay * (0.75 + Math.random() / 2);
				this.#delay = Math.min(MAX_DELAY_MS, this.#delay * 2);
				this.#retry = setTimeout(() => this.#connect(), wait);
			}
			this.#options.onstatus('reconnecting');
		};
		for (const [name, handle] of Object.entries(this.#options.events)) {
			source.addEventListener(name, (event) => {
				let data: unknown;
				try {
					data = JSON.parse((event as MessageEvent<string>).data);
				} catch {
					return;
				}
				handle(data);
			});
		}
	}

	/** Stops for good: no more events, no reconnecting. */
	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#retry);
		this.#source?.close();
		this.#source = undefined;
		document.removeEventListener('visibilitychange', this.#onvisible);
		window.removeEventListener('online', this.#ononline);
		this.#options.onstatus('closed');
	}
}
