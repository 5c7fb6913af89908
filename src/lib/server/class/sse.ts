/**
 * One Server-Sent-Events stream to one browser tab, written straight to the Node response (the
 * class's hot path, hot-path.ts, serves event streams in front of SvelteKit). broadcast.ts writes
 * pre-encoded bytes to many streams at once, so a message is serialised once per audience, not
 * once per recipient.
 */
const encoder = new TextEncoder();

/** One SSE event (`data` must be a single line: JSON is). */
export function sseText(event: string, data: string): string {
	return `event: ${event}\ndata: ${data}\n\n`;
}

/** Bytes of one SSE event. */
export function sseEvent(event: string, data: string): Uint8Array {
	return encoder.encode(sseText(event, data));
}

/** Encodes text once, for the pieces of messages shared by many streams. */
export function encode(text: string): Uint8Array {
	return encoder.encode(text);
}

// A phone that stops reading (asleep, on a dead network) must not grow the server's memory:
// past this many unread bytes it is dropped and will reconnect to a fresh snapshot.
export const MAX_QUEUED_BYTES = 512 * 1024;

/** Whether a browser has fallen so far behind that its stream is dropped instead of written. */
export function fallenBehind(sink: { readonly writableLength: number }): boolean {
	return sink.writableLength > MAX_QUEUED_BYTES;
}

// How long EventSource waits before reconnecting after the stream ends.
const RETRY_MS = 2000;
const RETRY = encoder.encode(`retry: ${RETRY_MS}\n\n`);

/** The response headers of every event stream. */
export const EVENT_STREAM_HEADERS = {
	'Content-Type': 'text/event-stream; charset=utf-8',
	'Cache-Control': 'no-store',
	// Reverse proxies (nginx) buffer responses unless told not to.
	'X-Accel-Buffering': 'no'
} as const;

/**
 * Where a stream's bytes go: a Node `ServerResponse` whose headers are sent (or, in tests, any
 * writable stream). `close` is emitted once the browser has gone or the response has ended.
 */
export interface EventSink {
	write(chunk: Uint8Array): boolean;
	end(): void;
	readonly writableLength: number;
	readonly destroyed: boolean;
	once(event: 'close', listener: () => void): unknown;
}

export class EventStream {
	readonly #sink: EventSink;
	#closed = false;
	#onclose: () => void;

	/**
	 * Starts a stream on `sink`; `onclose` runs once, when the browser goes away or the server
	 * closes the stream.
	 */
	constructor(sink: EventSink, onclose: () => void) {
		this.#sink = sink;
		this.#onclose = onclose;
		sink.once('close', () => this.#finish());
		if (sink.destroyed) this.#finish();
		else sink.write(RETRY);
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Writes bytes; a stream that has fallen too far behind is closed instead. */
	send(...chunks: Uint8Array[]): void {
		if (this.#closed) return;
		if (fallenBehind(this.#sink)) {
			this.close();
			return;
		}
		// One write for a message in pieces: one chunk on the wire, one system call.
		this.#sink.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
	}

	/** Ends the stream from the server side. */
	close(): void {
		if (this.#closed) return;
		this.#sink.end();
		this.#finish();
	}

	#finish(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#onclose();
	}
}

/** A comment line: keeps idle connections open through proxies and notices dead sockets. */
export const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');

/** What a stream that says one thing and ends (the session is gone, the seat was removed) carries. */
export function finalEvent(event: string, data: string): string {
	return `retry: ${RETRY_MS}\n\nevent: ${event}\ndata: ${data}\n\n`;
}
