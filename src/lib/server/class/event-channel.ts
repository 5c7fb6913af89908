/**
 * A class session's events through Redis, when several processes serve the sessions
 * (PostgreSQL and REDIS_URL): the owner publishes each change once on the session's channel, and
 * every process holding phones' or host screens' streams of the session writes it to them
 * (event-relay.ts). Without it, the owner writes every event to every stream, and another
 * process pipes the bytes of each of its streams from the owner, one connection each.
 *
 * A stream so served is still opened by the owner: the other process passes the browser's
 * request on with WANTS_EVENTS_BY_REDIS, and the owner checks the cookie, answers the whole
 * state as always and marks the answer (EVENTS_MARK) with who publishes and how far it has got.
 * That connection stays open: its end tells the owner the phone went offline, and the rare
 * one-off messages (keep-alive, a seat removed, the session gone) still go down it. Only state
 * and live-count events, the ones every change sends, go through Redis.
 *
 * Each session loaded in a process publishes under its own name (`from`) and numbers its
 * messages (`seq`): a stream takes the messages after its mark from its owner only, and one
 * missing (Redis restarted, a publish failed) ends the stream, so the browser reconnects to a
 * whole state: a stream never shows a state older than one it showed, nor misses one unnoticed.
 */
import type { Redis } from '../store/redis';

/** Sent by a process passing an event stream's request on: it will write the events from Redis. */
export const WANTS_EVENTS_BY_REDIS = 'x-telltale-events-by-redis';
/** On the owner's answer to it: the stream's events come through Redis, after this mark. */
export const EVENTS_MARK = 'x-telltale-events';

/** The channel of one session's events. */
export function eventChannel(sessionId: string): string {
	return `telltale:class-events:${sessionId}`;
}

/**
 * One published change, framed as the browsers get it, for the streams other processes hold.
 * A phone's state event is `shared[locale] + seats[seatId]`; a host screen's is `host[locale]`
 * or `live`.
 */
export interface EventMessage {
	from: string;
	seq: number;
	shared?: Record<string, string>;
	seats?: Record<string, string>;
	host?: Record<string, string>;
	live?: string;
}

/** Who a stream is for, and where in its owner's messages it starts. */
export interface EventsMark {
	from: string;
	seq: number;
	locale: string;
	/** The seat whose phone it is; null for a host screen. */
	seatId: string | null;
}

export function markHeader(mark: EventsMark): string {
	const audience = mark.seatId === null ? 'host' : `seat ${mark.seatId}`;
	return `${mark.from} ${mark.seq} ${mark.locale} ${audience}`;
}

/** The mark on an owner's answer; undefined when absent or not one (the stream is piped). */
export function parseMark(header: string | string[] | undefined): EventsMark | undefined {
	if (typeof header !== 'string') return undefined;
	const [from, seq, locale, audience, seatId, ...rest] = header.split(' ');
	if (rest.length > 0 || !from || !/^\d+$/.test(seq ?? '') || !locale) return undefined;
	if (audience === 'host' && seatId === undefined) {
		return { from, seq: Number(seq), locale, seatId: null };
	}
	if (audience === 'seat' && seatId) return { from, seq: Number(seq), locale, seatId };
	return undefined;
}

/** Reads a message as published; undefined for anything else on the channel. */
export function parseMessage(text: string): EventMessage | undefined {
	try {
		const message = JSON.parse(text) as EventMessage;
		return typeof message?.from === 'string' && Number.isInteger(message.seq) ? message : undefined;
	} catch {
		return undefined;
	}
}

/** Where a session's broadcast publishes: one per session and process (broadcast.ts). */
export interface EventPublisher {
	/** Whether a message published now reaches Redis (else the streams it would serve end). */
	readonly ready: boolean;
	/** Publishes; `failed` runs if Redis did not take it. */
	publish(message: EventMessage, failed: () => void): void;
}

/** The publisher of a session's events on `redis`. */
export function redisPublisher(redis: Redis, sessionId: string): EventPublisher {
	const channel = eventChannel(sessionId);
	return {
		get ready() {
			return redis.status === 'ready';
		},
		publish(message, failed) {
			redis.publish(channel, JSON.stringify(message)).catch(failed);
		}
	};
}
