/**
 * A live class session's lease when several processes share PostgreSQL (class/ownership.ts), on a
 * throwaway server: one process owns a session at a time, another takes it only once the lease
 * has lapsed or was given up, with the next epoch, and the old owner's writes are then refused
 * by the fence (store-postgres.ts), so a paused owner waking up stores nothing and acknowledges
 * nothing, on a second failover too. A verdict acknowledged before the takeover stands: the seat
 * answers once. A new session is taken by the first process its requests reach, not by the one
 * that created it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { correctAnswer } from '$lib/game/play/round';
import { parseSessionSettings } from '$lib/game/class/settings';
import { openPostgres, type Pg } from '$lib/server/store/postgres';
import { ClassHub } from '$lib/server/class/hub';
import { HAND_BACK_AFTER, NotOwner, SessionOwnership } from '$lib/server/class/ownership';
import { PostgresClassRecords } from '$lib/server/class/store-postgres';
import type { LiveSession } from '$lib/server/class/session';
import { classPack } from '../../game/class-pack';
import { postgresSkipped } from '../../../support/engines';
import { startPostgres, type ThrowawayPostgres } from '../../../support/postgres';

const MEDIA_KEY = new Uint8Array(32).fill(7);
const pack = classPack();
/** Short leases, so a lapse takes a moment of the test, not five seconds. */
const LEASE_MS = 400;

/** One app process's view: its lease holder and its hub, on the shared database. */
interface Process {
	ownership: SessionOwnership;
	hub: ClassHub;
	lost: string[];
}

describe.skipIf(postgresSkipped() !== null)('class session ownership on postgres', () => {
	let server: ThrowawayPostgres;
	let pg: Pg;

	beforeAll(async () => {
		server = await startPostgres();
		pg = await openPostgres(server.url);
	}, 60_000);
	afterAll(async () => {
		await pg?.end();
		server?.stop();
	});
	beforeEach(async () => {
		await pg.query('TRUNCATE class_sessions CASCADE');
	});

	/** A process at `url`; its leases are renewed only when a test says so (no timers). */
	function processAt(url: string): Process {
		const records = new PostgresClassRecords(pg);
		const ownership = new SessionOwnership(pg, { url, leaseMs: LEASE_MS });
		records.fenceWith((id) => ownership.epochOf(id));
		const hub = new ClassHub({
			records,
			ownership,
			getPack: (id) => (id === pack.id ? pack : undefined),
			ttlDays: 7,
			mediaKey: MEDIA_KEY
		});
		const lost: string[] = [];
		const dropped = ownership.onLost;
		ownership.onLost = (id) => {
			lost.push(id);
			dropped(id);
		};
		return { ownership, hub, lost };
	}

	/** Creates a session through `hub`, in the records only; its id. */
	async function create(hub: ClassHub): Promise<string> {
		const settings = parseSessionSettings({ packId: pack.id, rounds: 3, timer: 0 });
		if (!settings.ok) throw new Error(settings.error);
		const created = await hub.create(settings.settings);
		if (!created.ok) throw new Error(created.problem);
		return created.id;
	}

	/** Creates a session through `hub`, which then serves it (it takes the lease on first use). */
	async function createOn(hub: ClassHub): Promise<LiveSession> {
		return (await hub.get(await create(hub)))!;
	}

	async function seatIn(session: LiveSession, nickname: string): Promise<string> {
		const joined = session.join(null, { nickname });
		if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
		await session.committed();
		return joined.seat.id;
	}

	const count = async (table: string) =>
		(await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
	const lapse = () => new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100));

	it('has one owner at a time; a lapsed lease moves with the next epoch and fences the old owner', async () => {
		const a = processAt('http://10.0.0.1:3000');
		const b = processAt('http://10.0.0.2:3000');
		const session = await createOn(a.hub);
		expect(a.ownership.epochOf(session.id)).toBe(1);
		const ada = await seatIn(session, 'Ada');
		const bo = await seatIn(session, 'Bo');
		session.command({ command: 'start' });
		const right = correctAnswer(session.record.rounds[0], pack);
		const acknowledged = await session.verdict(ada, { round: 0, answer: right, confidence: 0.8 });
		expect(acknowledged).toMatchObject({ ok: true, duplicate: false });

		// While A renews, B passes the session's requests to A and cannot take it.
		await a.ownership.renew();
		expect(await b.ownership.place(session.id)).toEqual({
			here: false,
			url: 'http://10.0.0.1:3000'
		});
		expect(await b.ownership.claim(session.id)).toBe('elsewhere');
		await expect(b.hub.get(session.id)).rejects.toThrow(NotOwner);

		// A stops renewing (paused, partitioned): once the lease lapses B takes it, epoch 2.
		await lapse();
		expect(await b.ownership.place(session.id)).toEqual({ here: true });
		expect(b.ownership.epochOf(session.id)).toBe(2);
		const moved = await b.hub.get(session.id);
		expect(moved?.records().verdicts).toHaveLength(1);

		// A wakes up still holding the session in memory: a verdict it takes is refused by the
		// fence, not stored, and not acknowledged (the phone sends it again, to B).
		expect(await session.verdict(bo, { round: 0, answer: right, confidence: 0.5 })).toEqual({
			ok: false,
			problem: 'moving'
		});
		expect(await count('class_verdicts')).toBe(1);

		// So are its other writes (closing the round): nothing is stored, and the host is never
		// told it was done.
		const phase = async () => (await pg.query('SELECT phase FROM class_sessions')).rows[0].phase;
		const before = await phase();
		expect(session.command({ command: 'close', round: 0 })).toEqual({ ok: true });
		await expect(session.committed()).rejects.toThrow();
		expect(await phase()).toBe(before);
		// Its next renewal finds the lease gone: the session leaves A's memory.
		await a.ownership.renew();
		expect(a.lost).toEqual([session.id]);
		expect(a.hub.held(session.id)).toBeUndefined();

		// The seat's verdict, sent again to the new owner, is the one acknowledged before.
		const again = await moved!.verdict(ada, {
			round: 0,
			answer: right === 'left' ? 'right' : 'left',
			confidence: 0.1
		});
		expect(again).toMatchObject({ ok: true, duplicate: true, verdict: { confidence: 0.8 } });
		// The new owner's writes pass its fence.
		expect(moved!.command({ command: 'close', round: 0 })).toEqual({ ok: true });
		await moved!.committed();
		expect(await phase()).not.toBe(before);
		expect(await count('class_verdicts')).toBe(1);

		// A second failover, back to A: epoch 3, and now B's writes are the ones refused.
		await lapse();
		const back = await a.hub.get(session.id);
		expect(a.ownership.epochOf(session.id)).toBe(3);
		expect(back?.record.phase).toBe('closed');
		expect(moved!.command({ command: 'reveal', round: 0 })).toEqual({ ok: true });
		await expect(moved!.committed()).rejects.toThrow();
		expect(await phase()).toBe('closed');
	});

	it('leaves a new session to the first process its requests reach, not the one that created it', async () => {
		const a = processAt('http://10.0.0.1:3000');
		const b = processAt('http://10.0.0.2:3000');
		// The host's form reached A; the load balancer sends the session's own addresses to B.
		const id = await create(a.hub);
		expect(a.ownership.holds(id)).toBe(false);
		expect(a.hub.held(id)).toBeUndefined();
		expect(await b.ownership.place(id)).toEqual({ here: true });
		expect(b.ownership.epochOf(id)).toBe(1);
		expect((await b.hub.get(id))?.record.phase).toBe('lobby');
		// A request that reaches A all the same is passed on to B.
		expect(await a.ownership.place(id)).toEqual({ here: false, url: 'http://10.0.0.2:3000' });
		await expect(a.hub.get(id)).rejects.toThrow(NotOwner);
	});

	it('hands a session back to the process that passes on all its requests, every verdict stored once', async () => {
		const a = processAt('http://10.0.0.1:3000');
		const b = processAt('http://10.0.0.2:3000');
		// A took the session over while B was down; B is back and passes on what reaches it.
		const session = await createOn(a.hub);
		const [ada, bo] = [await seatIn(session, 'Ada'), await seatIn(session, 'Bo')];
		session.command({ command: 'start' });
		await session.committed();
		const stream = { ended: false };
		session.connectHost(
			{
				write: () => true,
				end: () => (stream.ended = true),
				writableLength: 0,
				destroyed: false,
				once: () => undefined
			},
			'en'
		);
		const right = correctAnswer(session.record.rounds[0], pack);
		const first = await session.verdict(ada, { round: 0, answer: right, confidence: 0.8 });
		expect(first).toMatchObject({ ok: true, duplicate: false });

		// Mixed traffic (a request straight from the load balancer, or from a third process)
		// keeps the session here however long it goes on.
		for (let n = 0; n < HAND_BACK_AFTER * 2; n++) {
			a.ownership.served(session.id, n % 10 === 9 ? undefined : b.ownership.url);
			a.ownership.served(session.id, n % 20 === 0 ? 'http://10.0.0.3:3000' : b.ownership.url);
		}
		expect(a.ownership.holds(session.id)).toBe(true);

		// Bo's verdict is on its way to the database as the last of a run of requests from B
		// arrives: A takes no more of the session's requests, nor its lease again...
		const second = session.verdict(bo, { round: 0, answer: right, confidence: 0.5 });
		for (let n = 0; n < HAND_BACK_AFTER; n++) a.ownership.served(session.id, b.ownership.url);
		expect(a.ownership.holds(session.id)).toBe(false);
		expect(await a.ownership.place(session.id)).toEqual({ here: false, url: null });
		expect(await a.ownership.claim(session.id)).toBe('elsewhere');
		// ...its streams end, so the browsers reconnect through the load balancer...
		expect(stream.ended).toBe(true);
		// ...Bo's verdict is stored and acknowledged, and a later one is answered "moving".
		expect(await second).toMatchObject({ ok: true, duplicate: false });
		expect(await session.verdict(ada, { round: 0, answer: right, confidence: 1 })).toEqual({
			ok: false,
			problem: 'moving'
		});
		// Then the lease is given up, and B takes the session from the records, one epoch higher.
		await vi.waitFor(() => expect(a.hub.loaded).toBe(0));
		expect(await b.ownership.place(session.id)).toEqual({ here: true });
		expect(b.ownership.epochOf(session.id)).toBe(2);
		const back = await b.hub.get(session.id);
		expect(
			back
				?.records()
				.verdicts.map((verdict) => verdict.seatId)
				.sort()
		).toEqual([ada, bo].sort());
		// A passes the session's requests on to B now, and B keeps it.
		expect(await a.ownership.place(session.id)).toEqual({ here: false, url: b.ownership.url });
		expect(await count('class_verdicts')).toBe(2);
	});

	it('gives exactly one of two processes a free lease they claim together', async () => {
		const a = processAt('http://10.0.0.1:3000');
		const b = processAt('http://10.0.0.2:3000');
		const session = await createOn(a.hub);
		await a.ownership.release(session.id);
		const claims = await Promise.all([a, b].map((one) => one.ownership.claim(session.id)));
		expect(claims.sort()).toEqual(['elsewhere', 'held']);
		expect(await a.ownership.claim('no-such-session-here')).toBe('none');
	});

	it('moves a session at once when its owner gives the lease up (a restart)', async () => {
		const a = processAt('http://10.0.0.1:3000');
		const b = processAt('http://10.0.0.2:3000');
		const session = await createOn(a.hub);
		await seatIn(session, 'Ada');
		await a.hub.stop();
		expect(await b.ownership.place(session.id)).toEqual({ here: true });
		expect((await b.hub.get(session.id))?.records().seats).toHaveLength(1);
		// A stopped process takes nothing back.
		expect(await a.ownership.claim(session.id)).toBe('elsewhere');
	});
});
