/**
 * The open event streams of one class session and the messages on them: the host's state and
 * live counts, each phone's state, removal and the session's end. Messages are framed once per
 * audience (per locale for the shared part) and written to many streams, so a class of any size
 * costs one serialisation per change, not one per phone. The session decides what to say; this
 * knows who is listening and how it is framed.
 */
import type { HostLive, HostState, SeatMe, SeatShared } from '$lib/game/class/views';
import { EventStream, encode, sseEvent, type EventSink } from './sse';

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
}

export class Broadcast {
	readonly #host = new Set<EventStream>();
	readonly #seats = new Map<string, Set<EventStream>>();
	/** The locale each open stream reads the pack's words in. */
	readonly #localeOf = new WeakMap<EventStream, string>();
	/** The start of every phone's state event, per shared view (one per locale and change). */
	readonly #prefix = new WeakMap<SeatShared, Uint8Array>();
	readonly #events: BroadcastEvents;

	constructor(events: BroadcastEvents) {
		this.#events = events;
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

	/** Opens the host's event stream on `sink`, in the host's locale; it starts with the whole state. */
	openHost(sink: EventSink, locale: string, state: HostState): void {
		const stream = new EventStream(sink, () => {
			this.#host.delete(stream);
			this.#events.closed(null);
		});
		this.#host.add(stream);
		this.#localeOf.set(stream, locale);
		stream.send(sseEvent('state', JSON.stringify(state)));
	}

	/**
	 * Opens a phone's event stream on `sink`, in the phone's locale; it starts with its whole state. A seat
	 * that was removed gets that news and the stream ends. Returns whether the seat just came online.
	 */
	openSeat(
		seatId: string,
		sink: EventSink,
		locale: string,
		state: { shared: SeatShared; me: SeatMe } | { removed: 'kicked' | 'banned' }
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
		stream.send(this.#prefixOf(state.shared), this.#meBytes(state.me));
		return { cameOnline };
	}

	#prefixOf(shared: SeatShared): Uint8Array {
		let prefix = this.#prefix.get(shared);
		if (!prefix) {
			prefix = encode(`event: state\ndata: {"shared":${JSON.stringify(shared)},"me":`);
			this.#prefix.set(shared, prefix);
		}
		return prefix;
	}

	#meBytes(me: SeatMe): Uint8Array {
		return encode(JSON.stringify(me) + '}\n\n');
	}

	/**
	 * Every connected phone's state: the shared view in each stream's locale, and the seat's
	 * own part, built once per seat (it is the same in every locale).
	 */
	seats(shared: (locale: string) => SeatShared, me: (seatId: string) => SeatMe): void {
		for (const [seatId, streams] of this.#seats) {
			let own: Uint8Array | undefined;
			for (const stream of streams) {
				own ??= this.#meBytes(me(seatId));
				stream.send(this.#prefixOf(shared(this.#localeOf.get(stream)!)), own);
			}
		}
	}

	/** The host's whole state, built once per locale the host screens read. */
	host(state: (locale: string) => HostState): void {
		const messages = new Map<string, Uint8Array>();
		for (const stream of this.#host) {
			const locale = this.#localeOf.get(stream)!;
			let message = messages.get(locale);
			if (!message) {
				message = sseEvent('state', JSON.stringify(state(locale)));
				messages.set(locale, message);
			}
			stream.send(message);
		}
	}

	/** Whether a host screen is listening (the live counts are not built for nobody). */
	get hostListening(): boolean {
		return this.#host.size > 0;
	}

	/** The host's live counts. */
	live(live: HostLive): void {
		const message = sseEvent('live', JSON.stringify(live));
		for (const stream of this.#host) stream.send(message);
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
		for (const stream of this.#host) stream.send(bytes);
		for (const streams of this.#seats.values()) for (const stream of streams) stream.send(bytes);
	}

	/** Closes every stream; with `gone`, the browsers are told the session is over and stay away. */
	close(gone: boolean): void {
		const streams = [...this.#host, ...[...this.#seats.values()].flatMap((set) => [...set])];
		for (const stream of streams) {
			if (gone) stream.send(GONE);
			stream.close();
		}
	}
}
