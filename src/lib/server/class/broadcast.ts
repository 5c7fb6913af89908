/**
 * The open event streams of one class session and the messages on them: the host's state and
 * live counts, each phone's state, removal and the session's end. Messages are framed once per
 * audience (per locale for the shared part) and written to many streams, so a class of any size
 * costs one serialisation per change, not one per phone. The session decides what to say; this
 * knows who is listening and how it is framed.
 *
 * A stream another process holds for a browser (it asked for the events through Redis,
 * event-channel.ts) is open here too, but its state and live-count events are published once
 * for all such streams instead of written to each; while they cannot be published, those
 * streams end and the browsers reconnect (to piped streams until Redis is back).
 */
import { randomBytes } from 'node:crypto';
import type { HostLive, HostState, SeatMe, SeatShared } from '$lib/game/class/views';
import type { EventMessage, EventPublisher, EventsMark } from './event-channel';
import { EventStream, encode, sseEvent, sseText, type EventSink } from './sse';

/**
 * Open event streams per seat. One phone needs one; a dropped connection the server has not
 * noticed yet, or a second tab, may hold another. Past this the oldest is told and closed, so a
 * reload loop or a script cannot pile streams up on one seat.
 */
export const MAX_STREAMS_PER_SEAT = 3;

const REMOVED = (reason: 'kicked' | 'banned') => sseEvent('removed', JSON.stringify({ reason }));
const GONE = sseEvent('gone', '{}');
const ELSEWHERE = sseEvent('elsewhere', '{}');

export interface BroadcastEvents {
	/** A host stream or a seat's stream closed; `offline` when it was that seat's last one. */
	closed: (seat: { id: string; offline: boolean } | null) => void;
	/** Where the events of streams served through Redis go, when the processes share Redis. */
	publisher?: EventPublisher;
}

export class Broadcast {
	readonly #host = new Set<EventStream>();
	readonly #seats = new Map<string, Set<EventStream>>();
	/** The locale each open stream reads the pack's words in. */
	readonly #localeOf = new WeakMap<EventStream, string>();
	/** The start of every phone's state event, per shared view (one per locale and change). */
	readonly #prefix = new WeakMap<SeatShared, string>();
	readonly #prefixBytes = new WeakMap<SeatShared, Uint8Array>();
	/** The streams whose state and live events go through Redis (event-channel.ts). */
	readonly #relayed = new WeakSet<EventStream>();
	/** This broadcast's name on the session's channel, and its messages' count so far. */
	readonly #from = randomBytes(9).toString('base64url');
	#seq = 0;
	readonly #events: BroadcastEvents;

	constructor(events: BroadcastEvents) {
		this.#events = events;
	}

	/**
	 * Where a stream opened now for another process starts in this broadcast's messages, or
	 * undefined when they cannot go through Redis now (the stream is then piped).
	 */
	mark(locale: string, seatId: string | null): EventsMark | undefined {
		if (!this.#events.publisher?.ready) return undefined;
		return { from: this.#from, seq: this.#seq, locale, seatId };
	}

	/** Whether any browser is connected. */
	get connected(): boolean {
		if (this.#host.size > 0) return true;
		for (const streams of this.#seats.values()) if (streams.size > 0) return true;
		return false;
	}

	/** Whether a seat has a stream open. */
	online(seatId: string): boolean {
		return (this.#seats.get(seatId)?.size ?? 0) > 0;
	}

	/**
	 * Opens the host's event stream on `sink`, in the host's locale; it starts with the whole
	 * state. `relayed`: its later events go through Redis, after `mark`.
	 */
	openHost(sink: EventSink, locale: string, state: HostState, relayed = false): void {
		const stream = new EventStream(sink, () => {
			this.#host.delete(stream);
			this.#events.closed(null);
		});
		this.#host.add(stream);
		this.#localeOf.set(stream, locale);
		if (relayed) this.#relayed.add(stream);
		stream.send(sseEvent('state', JSON.stringify(state)));
	}

	/**
	 * Opens a phone's event stream on `sink`, in the phone's locale; it starts with its whole state. A seat
	 * that was removed gets that news and the stream ends. Returns whether the seat just came online.
	 * `relayed`: its later state events go through Redis, after `mark`.
	 */
	openSeat(
		seatId: string,
		sink: EventSink,
		locale: string,
		state: { shared: SeatShared; me: SeatMe } | { removed: 'kicked' | 'banned' },
		relayed = false
	): { cameOnline: boolean } {
		let streams = this.#seats.get(seatId);
		if (!streams) this.#seats.set(seatId, (streams = new Set()));
		const own = streams;
		const stream = new EventStream(sink, () => {
			if (!own.delete(stream)) return;
			this.#events.closed({ id: seatId, offline: own.size === 0 });
		});
		if ('removed' in state) {
			stream.send(REMOVED(state.removed));
			stream.close();
			return { cameOnline: false };
		}
		const cameOnline = own.size === 0;
		const surplus = own.size + 1 - MAX_STREAMS_PER_SEAT;
		for (const old of [...own].slice(0, Math.max(0, surplus))) {
			old.send(ELSEWHERE);
			old.close();
		}
		own.add(stream);
		this.#localeOf.set(stream, locale);
		if (relayed) this.#relayed.add(stream);
		stream.send(this.#prefixBytesOf(state.shared), encode(meText(state.me)));
		return { cameOnline };
	}

	#prefixOf(shared: SeatShared): string {
		let prefix = this.#prefix.get(shared);
		if (!prefix) {
			prefix = `event: state\ndata: {"shared":${JSON.stringify(shared)},"me":`;
			this.#prefix.set(shared, prefix);
		}
		return prefix;
	}

	#prefixBytesOf(shared: SeatShared): Uint8Array {
		let bytes = this.#prefixBytes.get(shared);
		if (!bytes) this.#prefixBytes.set(shared, (bytes = encode(this.#prefixOf(shared))));
		return bytes;
	}

	/**
	 * Every connected phone's state: the shared view in each stream's locale, and the seat's
	 * own part, built once per seat (it is the same in every locale).
	 */
	seats(shared: (locale: string) => SeatShared, me: (seatId: string) => SeatMe): void {
		const outgoing = this.#outgoing();
		for (const [seatId, streams] of this.#seats) {
			let own: string | undefined;
			let ownBytes: Uint8Array | undefined;
			for (const stream of streams) {
				const text = (own ??= meText(me(seatId)));
				const locale = this.#localeOf.get(stream)!;
				const view = shared(locale);
				if (this.#relayed.has(stream)) {
					outgoing.relay(stream, (message) => {
						(message.seats ??= {})[seatId] = text;
						(message.shared ??= {})[locale] ??= this.#prefixOf(view);
					});
				} else stream.send(this.#prefixBytesOf(view), (ownBytes ??= encode(text)));
			}
		}
		outgoing.send();
	}

	/** The host's whole state, built once per locale the host screens read. */
	host(state: (locale: string) => HostState): void {
		const outgoing = this.#outgoing();
		const messages = new Map<string, string>();
		const bytes = new Map<string, Uint8Array>();
		for (const stream of this.#host) {
			const locale = this.#localeOf.get(stream)!;
			let message = messages.get(locale);
			if (message === undefined) {
				message = sseText('state', JSON.stringify(state(locale)));
				messages.set(locale, message);
			}
			if (this.#relayed.has(stream)) {
				outgoing.relay(stream, (published) => ((published.host ??= {})[locale] = message));
			} else {
				let framed = bytes.get(locale);
				if (!framed) bytes.set(locale, (framed = encode(message)));
				stream.send(framed);
			}
		}
		outgoing.send();
	}

	/** Whether a host screen is listening (the live counts are not built for nobody). */
	get hostListening(): boolean {
		return this.#host.size > 0;
	}

	/** The host's live counts. */
	live(live: HostLive): void {
		const outgoing = this.#outgoing();
		const text = sseText('live', JSON.stringify(live));
		let message: Uint8Array | undefined;
		for (const stream of this.#host) {
			if (this.#relayed.has(stream)) outgoing.relay(stream, (published) => (published.live = text));
			else stream.send((message ??= encode(text)));
		}
		outgoing.send();
	}

	/**
	 * One change's message for the streams served through Redis: `relay` adds a stream's part
	 * (or, while nothing can be published, marks the stream to end), `send` publishes what was
	 * added, under the next number. A publish that fails ends every such stream: whichever
	 * messages they missed, their browsers reconnect to a whole state.
	 */
	#outgoing(): {
		relay(stream: EventStream, add: (message: EventMessage) => void): void;
		send(): void;
	} {
		const publisher = this.#events.publisher;
		const ready = publisher?.ready === true;
		// Numbered when sent: a change made while this one is built (a stream closing as it is
		// written to makes the host's count go out) is published first, under its own number.
		const message: EventMessage = { from: this.#from, seq: 0 };
		const ending: EventStream[] = [];
		let added = false;
		return {
			relay(stream, add) {
				if (!ready) ending.push(stream);
				else {
					add(message);
					added = true;
				}
			},
			send: () => {
				for (const stream of ending) stream.close();
				if (!added) return;
				message.seq = ++this.#seq;
				publisher!.publish(message, () => this.#endRelayed());
			}
		};
	}

	/** Every open stream, the host's and the phones'. */
	#streams(): EventStream[] {
		return [...this.#host, ...[...this.#seats.values()].flatMap((set) => [...set])];
	}

	/** Ends every stream served through Redis. */
	#endRelayed(): void {
		const streams = this.#streams();
		for (const stream of streams) if (this.#relayed.has(stream)) stream.close();
	}

	/** Tells a removed seat's phones so, and closes their streams. */
	removed(seatId: string, reason: 'kicked' | 'banned'): void {
		const message = REMOVED(reason);
		for (const stream of [...(this.#seats.get(seatId) ?? [])]) {
			stream.send(message);
			stream.close();
		}
	}

	/** Sends bytes down every stream (a keep-alive comment). */
	keepAlive(bytes: Uint8Array): void {
		for (const stream of this.#streams()) stream.send(bytes);
	}

	/** Closes every stream; with `gone`, the browsers are told the session is over and stay away. */
	close(gone: boolean): void {
		const streams = this.#streams();
		for (const stream of streams) {
			if (gone) stream.send(GONE);
			stream.close();
		}
	}
}

/** A phone's own part of its state event: the rest of the event after the shared view. */
function meText(me: SeatMe): string {
	return JSON.stringify(me) + '}\n\n';
}
