/**
 * One Server-Sent-Events stream to one browser tab. broadcast.ts writes pre-encoded bytes to many
 * streams at once, so a message is serialised once per audience, not once per recipient.
 */
const encoder = new TextEncoder();

/** Bytes of one SSE event (`data` must be a single line: JSON is). */
export function sseEvent(event: string, data: string): Uint8Array {
	return encoder.encode(`event: ${event}\ndata: ${data}\n\n`);
}

/** Encodes text once, for the pieces of messages shared by many streams. */
export function encode(text: string): Uint8Array {
	return encoder.encode(text);
}

// A phone that stops reading (asleep, on a dead network) must not grow the server's memory:
// past this many unread bytes it is dropped and will reconnect to a fresh snapshot.
const MAX_QUEUED_BYTES = 512 * 1024;
// How long EventSource waits before reconnecting after the stream ends.
const RETRY_MS = 2000;

export class EventStream {
	readonly response: Response;
	#controller: ReadableStreamDefaultController<Uint8Array> | undefined;
	#closed = false;
	#onclose: () => void;

	/**
	 * Opens a stream for `request`; `onclose` runs once, when the browser goes away (the request
	 * is aborted or the stream cancelled) or the server closes the stream.
	 */
	constructor(request: Request, onclose: () => void) {
		this.#onclose = onclose;
		const stream = new ReadableStream<Uint8Array>(
			{
				start: (controller) => {
					this.#controller = controller;
					controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
				},
				cancel: () => this.#finish()
			},
			new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 })
		);
		request.signal.addEventListener('abort', () => this.close(), { once: true });
		this.response = new Response(stream, {
			headers: {
				'Content-Type': 'text/event-stream; charset=utf-8',
				'Cache-Control': 'no-store',
				Connection: 'keep-alive',
				// Reverse proxies (nginx) buffer responses unless told not to.
				'X-Accel-Buffering': 'no'
			}
		});
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Queues bytes; a stream that has fallen too far behind is closed instead. */
	send(...chunks: Uint8Array[]): void {
		const controller = this.#controller;
		if (this.#closed || !controller) return;
		if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) {
			this.close();
			return;
		}
		try {
			for (const chunk of chunks) controller.enqueue(chunk);
		} catch {
			this.#finish();
		}
	}

	/** Ends the stream from the server side. */
	close(): void {
		if (this.#closed) return;
		try {
			this.#controller?.close();
		} catch {
			// Already errored or cancelled by the browser going away.
		}
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

/** A stream that says one thing and ends (the session is gone, the seat was removed). */
export function finalEvent(event: string, data: string): Response {
	return new Response(`retry: ${RETRY_MS}\n\nevent: ${event}\ndata: ${data}\n\n`, {
		headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}
