/**
 * A class session's events through Redis (event-channel.ts): the owner publishes each change
 * once for the streams other processes hold (broadcast.ts), and a process holding such streams
 * writes each message after the owner's whole state, in order, and ends a stream that missed
 * one (event-relay.ts), against a throwaway Redis.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSessionSettings } from '$lib/game/class/settings';
import type { HostLive, SeatState } from '$lib/game/class/views';
import { openDatabase, type Db } from '$lib/server/store/db';
import { openRedis, subscriberOf, type Redis } from '$lib/server/store/redis';
import { ClassHub } from '$lib/server/class/hub';
import { SqliteClassRecords } from '$lib/server/class/store';
import type { LiveSession } from '$lib/server/class/session';
import {
	eventChannel,
	markHeader,
	parseMark,
	redisPublisher,
	type EventMessage,
	type EventPublisher,
	type EventsMark
} from '$lib/server/class/event-channel';
import { EventRelay } from '$lib/server/class/event-relay';
import { MAX_QUEUED_BYTES } from '$lib/server/class/sse';
import { classPack } from '../../game/class-pack';
import { redisSkipped, startRedis, type ThrowawayRedis } from '../../../support/redis';

const pack = classPack();

/** Every SSE event written to a sink so far, by name and data. */
function eventsIn(sink: PassThrough): Array<{ event: string; data: unknown }> {
	const text = (sink.read() as Buffer | null)?.toString('utf8') ?? '';
	const written = (seen.get(sink) ?? '') + text;
	seen.set(sink, written);
	return written
		.split('\n\n')
		.map((block) => ({
			event: /^event: (.*)$/m.exec(block)?.[1],
			data: /^data: (.*)$/m.exec(block)?.[1]
		}))
		.filter((parsed): parsed is { event: string; data: string } => !!parsed.event && !!parsed.data)
		.map(({ event, data }) => ({ event, data: JSON.parse(data) }));
}
const seen = new WeakMap<PassThrough, string>();

/** What a process holding the stream would write for this message (event-relay.ts's rule). */
function framed(message: EventMessage, mark: EventsMark): string | undefined {
	if (mark.seatId === null) return message.host?.[mark.locale] ?? message.live;
	const own = message.seats?.[mark.seatId];
	const start = message.shared?.[mark.locale];
	return own === undefined || start === undefined ? undefined : start + own;
}

function parsedEvent(text: string): { event: string; data: unknown } {
	return {
		event: /^event: (.*)$/m.exec(text)![1],
		data: JSON.parse(/^data: (.*)$/m.exec(text)![1])
	};
}

describe('the owner publishes the events of streams other processes hold', () => {
	let dir: string;
	let db: Db;
	let hub: ClassHub;
	let session: LiveSession;
	const published: EventMessage[] = [];
	const publisher = { ready: true, fail: false };
	let clock = Date.UTC(2026, 11, 7, 9);

	beforeEach(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'telltale-events-'));
		db = openDatabase(dir);
		published.length = 0;
		publisher.ready = true;
		publisher.fail = false;
		const events: EventPublisher = {
			get ready() {
				return publisher.ready;
			},
			publish(message, failed) {
				if (publisher.fail) queueMicrotask(failed);
				else published.push(structuredClone(message));
			}
		};
		hub = new ClassHub({
			records: new SqliteClassRecords(db),
			getPack: (id) => (id === pack.id ? pack : undefined),
			ttlDays: 7,
			mediaKey: new Uint8Array(32).fill(7),
			publisher: () => events,
			now: () => clock
		});
		const parsed = parseSessionSettings({ packId: pack.id, rounds: 3, timer: 0 });
		if (!parsed.ok) throw new Error(parsed.error);
		const created = await hub.create(parsed.settings);
		if (!created.ok) throw new Error(created.problem);
		session = (await hub.get(created.id))!;
	});

	afterEach(() => {
		hub.stop();
		db.close();
	});

	function seat(nickname: string): string {
		const joined = session.join(null, { nickname });
		if (!joined.ok) throw new Error('join failed');
		return joined.seat.id;
	}

	it('publish one message per change, numbered from the mark, that frames as the piped event does', async () => {
		const ada = seat('Ada');
		const bo = seat('Bo');
		const adaHere = new PassThrough();
		session.connectSeat(ada, adaHere, 'en');
		const mark = session.eventsMark('zh-CN', bo)!;
		expect(parseMark(markHeader(mark))).toEqual(mark);
		const boThere = new PassThrough();
		session.connectSeat(bo, boThere, 'zh-CN', true);
		const hostMark = session.eventsMark('en', null)!;
		const hostThere = new PassThrough();
		session.connectHost(hostThere, 'en', true);
		// Each stream starts with its whole state, written to it as always.
		expect(eventsIn(boThere).map((event) => event.event)).toEqual(['state']);
		expect(eventsIn(hostThere).map((event) => event.event)).toEqual(['state']);

		expect(session.command({ command: 'start' })).toEqual({ ok: true });
		// The phone here gets its new state written; the streams elsewhere get nothing written.
		expect(eventsIn(adaHere).map((event) => event.event)).toEqual(['state', 'state']);
		expect(eventsIn(boThere)).toHaveLength(1);
		expect(eventsIn(hostThere)).toHaveLength(1);
		// What was published: Bo's state in Bo's language, the host's in the host's.
		const phones = published.find((message) => message.seats)!;
		expect(Object.keys(phones.seats!)).toEqual([bo]);
		expect(Object.keys(phones.shared!)).toEqual(['zh-CN']);
		const boState = parsedEvent(framed(phones, mark)!);
		expect(boState.event).toBe('state');
		expect((boState.data as SeatState).shared.phase).toBe('open');
		expect((boState.data as SeatState).me.nickname).toBe('Bo');
		expect(
			framed(
				published.find((message) => message.host)!,
				hostMark
			)
		).toMatch(/^event: state\ndata: .*"phase":"open"/);
		// One broadcast's messages, numbered one after another from the marks.
		expect(new Set(published.map((message) => message.from))).toEqual(new Set([mark.from]));
		expect(published.map((message) => message.seq)).toEqual(
			published.map((_, n) => mark.seq + n + 1)
		);
		expect(hostMark.seq).toBeGreaterThanOrEqual(mark.seq);

		// An answer reaches the host elsewhere as a live count, published too.
		await session.verdict(ada, {
			round: 0,
			shown: (eventsIn(adaHere).at(-1)!.data as SeatState).shared.shown!,
			answer: 'left',
			confidence: 2
		});
		await expect.poll(() => published.some((message) => message.live)).toBe(true);
		const live = parsedEvent(published.find((message) => message.live)!.live!);
		expect(live.event).toBe('live');
		expect((live.data as HostLive).answered).toBe(1);
	});

	it('number a change made while another is being published after it, never the same', async () => {
		const ada = seat('Ada');
		const bo = seat('Bo');
		// Ada's phone has stopped reading: the next state written to it ends its stream, and
		// the host's count of phones online goes out at once, in the middle of that broadcast.
		const adaHere = new PassThrough();
		session.connectSeat(ada, adaHere, 'en');
		adaHere.write(Buffer.alloc(MAX_QUEUED_BYTES + 1));
		session.connectSeat(bo, new PassThrough(), 'en', true);
		session.connectHost(new PassThrough(), 'en', true);
		// The host's count of the phones coming online has gone out; a quiet spell follows.
		await expect.poll(() => published.some((message) => message.live)).toBe(true);
		published.length = 0;
		clock += 1000;
		session.command({ command: 'start' });
		expect(adaHere.writableEnded).toBe(true);
		const live = published.find((message) => message.live)!;
		expect(parsedEvent(live.live!).event).toBe('live');
		const seqs = published.map((message) => message.seq);
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(published.indexOf(live)).toBeLessThan(published.findIndex((message) => message.seats));
	});

	it('end the streams elsewhere while nothing can be published, or when a publish fails', async () => {
		const ada = seat('Ada');
		const bo = seat('Bo');
		const cy = seat('Cy');
		const adaHere = new PassThrough();
		session.connectSeat(ada, adaHere, 'en');
		const boThere = new PassThrough();
		session.connectSeat(bo, boThere, 'en', true);
		publisher.ready = false;
		// No mark: a stream opened now is piped.
		expect(session.eventsMark('en', bo)).toBeUndefined();
		session.command({ command: 'start' });
		expect(boThere.writableEnded).toBe(true);
		expect(published).toHaveLength(0);
		expect(adaHere.writableEnded).toBe(false);
		expect(eventsIn(adaHere).map((event) => event.event)).toEqual(['state', 'state']);

		publisher.ready = true;
		const cyThere = new PassThrough();
		session.connectSeat(cy, cyThere, 'en', true);
		publisher.fail = true;
		session.command({ command: 'close', round: 0 });
		await expect.poll(() => cyThere.writableEnded).toBe(true);
		expect(adaHere.writableEnded).toBe(false);
	});
});

describe.skipIf(redisSkipped() !== null)(
	'a process writes the events from Redis to the streams it holds',
	() => {
		let redisServer: ThrowawayRedis;
		let redis: Redis;
		let relay: EventRelay;
		let subscriber: Redis;

		beforeAll(async () => {
			redisServer = await startRedis();
			redis = await openRedis(redisServer.url);
			subscriber = subscriberOf(redis);
			relay = new EventRelay(subscriber);
			if (!relay.ready) await once(subscriber, 'ready');
		}, 30_000);
		afterAll(async () => {
			subscriber?.disconnect();
			redis?.disconnect();
			await redisServer?.stop();
		});

		/** A browser's stream served here: the owner's answer coming in, what the browser reads. */
		function stream() {
			const upstream = new PassThrough();
			const browser = new PassThrough();
			return {
				upstream,
				browser,
				attach: (
					listener: NonNullable<Awaited<ReturnType<EventRelay['listen']>>>,
					mark: EventsMark
				) =>
					listener.attach(
						browser as unknown as ServerResponse,
						upstream as unknown as IncomingMessage,
						mark
					)
			};
		}

		const subscribers = async (id: string) =>
			((await redis.pubsub('NUMSUB', eventChannel(id))) as [string, number])[1];

		function message(from: string, seq: number, phase: string): EventMessage {
			return {
				from,
				seq,
				shared: { en: `event: state\ndata: {"shared":{"phase":"${phase}"},"me":` },
				seats: { s1: '{"nickname":"Ada"}}\n\n' }
			};
		}

		it('write the owner state first, then the messages after its mark in order, from that owner only', async () => {
			const publish = redisPublisher(redis, 'session-a');
			const listener = (await relay.listen('session-a'))!;
			expect(await subscribers('session-a')).toBe(1);
			const mark: EventsMark = { from: 'owner', seq: 4, locale: 'en', seatId: 's1' };
			// Published while the owner's answer was on its way: one before the mark, one after.
			publish.publish(message('owner', 4, 'lobby'), () => undefined);
			publish.publish(message('owner', 5, 'open'), () => undefined);
			await new Promise((resolve) => setTimeout(resolve, 50));
			const phone = stream();
			phone.attach(listener, mark);
			// Nothing before the owner's whole state, which comes in two pieces.
			phone.upstream.write('retry: 2000\n\nevent: state\ndata: {"shared":{"phase":"lob');
			expect(eventsIn(phone.browser)).toEqual([]);
			phone.upstream.write('by"},"me":{}}\n\n');
			// Another owner's message (a stale one, after a failover) is not this stream's.
			publish.publish(message('other', 6, 'revealed'), () => undefined);
			publish.publish(message('owner', 6, 'closed'), () => undefined);
			await expect
				.poll(() => eventsIn(phone.browser).map((event) => (event.data as SeatState).shared.phase))
				.toEqual(['lobby', 'open', 'closed']);
			// Messages for other seats or kinds of stream write nothing here.
			publish.publish(
				{ from: 'owner', seq: 7, live: 'event: live\ndata: {}\n\n' },
				() => undefined
			);
			publish.publish(message('owner', 8, 'revealed'), () => undefined);
			await expect.poll(() => eventsIn(phone.browser)).toHaveLength(4);
			expect(eventsIn(phone.browser).map((event) => event.event)).not.toContain('live');

			// The browser goes: nobody listens to the session here any more.
			phone.browser.destroy();
			await expect.poll(() => subscribers('session-a')).toBe(0);

			// A browser gone before the owner's answer came: nothing is kept for it.
			const gone = stream();
			gone.browser.destroy();
			gone.attach((await relay.listen('session-a'))!, { ...mark, seq: 8 });
			expect(gone.upstream.destroyed).toBe(true);
			await expect.poll(() => subscribers('session-a')).toBe(0);
		});

		it('end a stream that missed a message, and every stream when Redis restarts', async () => {
			const publish = redisPublisher(redis, 'session-b');
			const mark = (seq: number): EventsMark => ({
				from: 'owner',
				seq,
				locale: 'en',
				seatId: 's1'
			});
			const first = stream();
			first.attach((await relay.listen('session-b'))!, mark(1));
			const second = stream();
			second.attach((await relay.listen('session-b'))!, mark(1));
			for (const phone of [first, second]) phone.upstream.write('event: state\ndata: {}\n\n');
			expect(await subscribers('session-b')).toBe(1);

			// A gap in the numbers: the stream cannot tell what it missed, so it ends.
			publish.publish(message('owner', 3, 'open'), () => undefined);
			await expect.poll(() => first.browser.writableEnded).toBe(true);
			expect(second.browser.writableEnded).toBe(true);
			await expect.poll(() => subscribers('session-b')).toBe(0);

			const third = stream();
			third.attach((await relay.listen('session-b'))!, mark(3));
			third.upstream.write('event: state\ndata: {}\n\n');
			await redisServer.kill();
			await expect.poll(() => third.browser.writableEnded).toBe(true);
			expect(relay.ready).toBe(false);
			await redisServer.restart();
			await expect.poll(() => relay.ready, { timeout: 10_000 }).toBe(true);
			// Served from Redis again once it is back.
			const fourth = stream();
			fourth.attach((await relay.listen('session-b'))!, mark(3));
			fourth.upstream.write('event: state\ndata: {"shared":{"phase":"open"},"me":{}}\n\n');
			await expect.poll(() => redis.status).toBe('ready');
			publish.publish(message('owner', 4, 'closed'), () => undefined);
			await expect
				.poll(() => eventsIn(fourth.browser).map((event) => (event.data as SeatState).shared.phase))
				.toEqual(['open', 'closed']);
			fourth.upstream.destroy();
			await expect.poll(() => fourth.browser.writableEnded).toBe(true);
		}, 30_000);
	}
);
