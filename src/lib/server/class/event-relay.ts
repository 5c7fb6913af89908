/**
 * The event streams this process holds for sessions another process owns, their events read
 * from Redis (event-channel.ts): one subscription per session however many of its streams are
 * here, and each message written to every stream it concerns. The owner's answer to the stream's
 * request (passed on by relay.ts) comes down its connection as before: its whole state first,
 * then the rare one-off messages; this writes those whole, never cutting into one with a message
 * from Redis, and after the state, the messages published since its mark.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from '../store/redis';
import { eventChannel, parseMessage, type EventMessage, type EventsMark } from './event-channel';
import { encode, fallenBehind } from './sse';

/**
 * Messages kept per session for a stream whose mark is older than the newest message: the
 * owner's answer was on its way while they came. A stream that would need more ends instead.
 */
const RECENT = 32;

/** One session's subscription here: its streams, and its latest messages. */
interface Listening {
	channel: string;
	listeners: Set<Listener>;
	recent: Delivery[];
	subscribed: Promise<unknown>;
}

/** A message as received, with the bytes each kind of stream gets, each encoded once. */
class Delivery {
	readonly message: EventMessage;
	readonly #bytes = new Map<string, Uint8Array>();

	constructor(message: EventMessage) {
		this.message = message;
	}

	/** What a stream with this mark gets of the message, if anything. */
	bytesFor(mark: EventsMark): Uint8Array | undefined {
		const { shared, seats, host, live } = this.message;
		if (mark.seatId !== null) {
			const own = seats?.[mark.seatId];
			const start = shared?.[mark.locale];
			return own === undefined || start === undefined
				? undefined
				: Buffer.concat([this.#encoded(`shared ${mark.locale}`, start), encode(own)]);
		}
		const state = host?.[mark.locale];
		if (state !== undefined) return this.#encoded(`host ${mark.locale}`, state);
		return live === undefined ? undefined : this.#encoded('live', live);
	}

	#encoded(key: string, text: string): Uint8Array {
		let bytes = this.#bytes.get(key);
		if (!bytes) this.#bytes.set(key, (bytes = encode(text)));
		return bytes;
	}
}

export class EventRelay {
	readonly #subscriber: Redis;
	readonly #sessions = new Map<string, Listening>();

	/** `subscriber`: a connection of its own (Redis takes no other commands on one that subscribes). */
	constructor(subscriber: Redis) {
		this.#subscriber = subscriber;
		subscriber.on('message', (channel: string, text: string) => this.#received(channel, text));
		// The connection dropped (Redis restarted, the network failed): what was published
		// meanwhile is lost, so every stream ends and its browser reconnects to a whole state.
		subscriber.on('close', () => this.#lost());
	}

	/** Whether streams can be served from Redis now. */
	get ready(): boolean {
		return this.#subscriber.status === 'ready';
	}

	/**
	 * A stream of the session to be, once subscribed to its channel: messages published from
	 * now on reach it. Undefined when the subscription failed (the stream is piped instead).
	 */
	async listen(sessionId: string): Promise<Listener | undefined> {
		const channel = eventChannel(sessionId);
		const listening = this.#sessions.get(channel) ?? this.#subscribe(channel);
		const listener = new Listener(listening.recent, () => this.#release(listening, listener));
		listening.listeners.add(listener);
		try {
			await listening.subscribed;
		} catch {
			listener.release();
		}
		// The connection may have dropped meanwhile, ending the streams to be too.
		return listener.released ? undefined : listener;
	}

	#subscribe(channel: string): Listening {
		const listening: Listening = {
			channel,
			listeners: new Set(),
			recent: [],
			subscribed: this.#subscriber.subscribe(channel)
		};
		this.#sessions.set(channel, listening);
		return listening;
	}

	#release(listening: Listening, listener: Listener): void {
		listening.listeners.delete(listener);
		if (listening.listeners.size > 0 || this.#sessions.get(listening.channel) !== listening) {
			return;
		}
		this.#sessions.delete(listening.channel);
		// Gone with the connection if it dropped; the next listen subscribes again.
		this.#subscriber.unsubscribe(listening.channel).catch(() => undefined);
	}

	#received(channel: string, text: string): void {
		const listening = this.#sessions.get(channel);
		const message = listening && parseMessage(text);
		if (!message) return;
		const delivery = new Delivery(message);
		listening.recent.push(delivery);
		if (listening.recent.length > RECENT) listening.recent.shift();
		for (const listener of [...listening.listeners]) listener.receive(delivery);
	}

	#lost(): void {
		const listeners = [...this.#sessions.values()].flatMap((listening) => [...listening.listeners]);
		this.#sessions.clear();
		for (const listener of listeners) listener.close();
	}
}

/** One browser's stream, served here: the owner's answer, then its messages from Redis. */
export class Listener {
	/** The session's latest messages. */
	readonly #recent: readonly Delivery[];
	readonly #release: () => void;
	#released = false;
	#mark: EventsMark | undefined;
	#response: ServerResponse | undefined;
	#upstream: IncomingMessage | undefined;
	/** The owner's whole state has been written: messages from Redis go out as they come. */
	#opened = false;
	#held: Uint8Array[] = [];

	constructor(recent: readonly Delivery[], release: () => void) {
		this.#recent = recent;
		this.#release = release;
	}

	/** Whether a stream is served by this (else the caller releases it). */
	get attached(): boolean {
		return this.#response !== undefined;
	}

	/** Whether it no longer listens (its stream ended, or the connection to Redis dropped). */
	get released(): boolean {
		return this.#released;
	}

	/**
	 * Serves the browser's stream (`response`, its head written) from the owner's answer
	 * (`upstream`, marked `mark`) and the messages published after the mark.
	 */
	attach(response: ServerResponse, upstream: IncomingMessage, mark: EventsMark): void {
		this.#response = response;
		this.#upstream = upstream;
		this.#mark = mark;
		let rest: Buffer = Buffer.alloc(0);
		upstream.on('data', (chunk: Buffer) => {
			const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
			// Events end with a blank line and their data is one line of JSON: whole events only.
			const end = bytes.lastIndexOf('\n\n');
			if (end < 0) {
				rest = bytes;
				return;
			}
			rest = bytes.subarray(end + 2);
			const whole = bytes.subarray(0, end + 2);
			this.#write(whole);
			if (!this.#opened && whole.includes('event: ')) this.#open();
		});
		// The owner ended the stream (the seat removed, the session gone or moving) or died; or
		// the browser went, perhaps already.
		upstream.once('close', () => this.close());
		response.once('close', () => this.close());
		if (response.destroyed) return this.close();
		for (const delivery of [...this.#recent]) this.receive(delivery);
	}

	/** A message from Redis: written if it is the stream's next one from its owner. */
	receive(delivery: Delivery): void {
		const mark = this.#mark;
		if (!mark || delivery.message.from !== mark.from || delivery.message.seq <= mark.seq) return;
		// One is missing: the stream cannot know what it missed.
		if (delivery.message.seq !== mark.seq + 1) return this.close();
		mark.seq = delivery.message.seq;
		const bytes = delivery.bytesFor(mark);
		if (!bytes) return;
		if (this.#opened) this.#write(bytes);
		else this.#held.push(bytes);
	}

	#open(): void {
		this.#opened = true;
		for (const bytes of this.#held.splice(0)) this.#write(bytes);
	}

	/** Writes bytes; a browser that has fallen too far behind is dropped (as sse.ts does). */
	#write(bytes: Uint8Array): void {
		const response = this.#response!;
		if (fallenBehind(response)) this.close();
		else response.write(bytes);
	}

	/** Ends the stream (the browser reconnects) and the owner's answer, and lets go. */
	close(): void {
		this.#response?.end();
		this.#upstream?.destroy();
		this.release();
	}

	/** No longer listens to the session's messages. */
	release(): void {
		if (this.#released) return;
		this.#released = true;
		this.#release();
	}
}
