/**
 * Class sessions' records on both engines (SQLite, PostgreSQL): what the records keep, the order
 * a live session's writes reach them in, and a hub on each engine that serves a class, stops, and
 * loads the same class again from the records alone, as another server would.
 */
import { expect, it, vi } from 'vitest';
import { correctAnswer } from '$lib/game/play/round';
import { parseSessionSettings } from '$lib/game/class/settings';
import { newJoinAttempt } from '$lib/game/class/join-attempt';
import { ClassHub } from '$lib/server/class/hub';
import type { LiveSession } from '$lib/server/class/session';
import type { ClassRecords, SessionRecord } from '$lib/server/class/store';
import { classPack } from '../../game/class-pack';
import { describeOnEngines, type Engine } from '../../../support/engines';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);
const pack = classPack();

/** A clock a millisecond on at each look, so seats join in a stored order. */
let clock = Date.now();

function hubOn(engine: Engine): ClassHub {
	return new ClassHub({
		records: engine.stores.classes,
		getPack: (id) => (id === pack.id ? pack : undefined),
		ttlDays: 7,
		mediaKey: MEDIA_KEY,
		now: () => ++clock
	});
}

async function createOn(hub: ClassHub, overrides: Record<string, unknown> = {}) {
	const settings = parseSessionSettings({ packId: pack.id, rounds: 3, timer: 0, ...overrides });
	if (!settings.ok) throw new Error(settings.error);
	const created = await hub.create(settings.settings);
	if (!created.ok) throw new Error(created.problem);
	return { session: (await hub.get(created.id))!, hostToken: created.hostToken };
}

async function seatIn(session: LiveSession, nickname: string): Promise<string> {
	const joined = session.join(null, { nickname });
	if (!joined.ok || !joined.token) throw new Error(`join failed: ${JSON.stringify(joined)}`);
	await session.committed();
	return joined.seat.id;
}

/** A session on `hub` with Ada seated and its first round open, all stored. */
async function firstRoundWithAda(hub: ClassHub) {
	const { session } = await createOn(hub);
	const ada = await seatIn(session, 'Ada');
	session.command({ command: 'start' });
	await session.committed();
	return { session, ada };
}

function rightAnswer(session: LiveSession) {
	return correctAnswer(session.record.rounds[session.record.round], pack);
}

/**
 * Runs `act` while the records refuse every `method` write (a database fault, or a stale
 * owner's write fenced off), with the log kept quiet; says how many lines it logged.
 */
async function whileRefusing(
	records: ClassRecords,
	method: 'updatePhase' | 'commitVerdict',
	act: () => unknown
): Promise<number> {
	const kept = records[method];
	records[method] = () => Promise.reject(new Error('refused'));
	const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
	try {
		await act();
		return logged.mock.calls.length;
	} finally {
		records[method] = kept as never;
		logged.mockRestore();
	}
}

/**
 * Sends a verdict refused "moving" again to the session the hub now holds (loaded afresh), and
 * checks that it counts there once: acknowledged, counted for the host, stored once.
 */
async function expectCountedWhenSentAgain(
	hub: ClassHub,
	records: ClassRecords,
	sessionId: string,
	seat: string,
	answer: { round: number; answer: ReturnType<typeof rightAnswer>; confidence: number }
): Promise<void> {
	const again = (await hub.get(sessionId))!;
	expect(await again.verdict(seat, answer)).toMatchObject({ ok: true, duplicate: false });
	expect(again.hostState('en').answered).toBe(1);
	expect(await records.verdicts(sessionId)).toHaveLength(1);
}

const sessionRecord = (id: string, code: string): SessionRecord => ({
	id,
	code,
	hostTokenHash: 'h'.repeat(64),
	packId: pack.id,
	packVersion: pack.version,
	settings: { packId: pack.id } as SessionRecord['settings'],
	rounds: [],
	seed: 4_000_000_000,
	phase: 'lobby',
	round: -1,
	openedAt: null,
	deadline: null,
	pausedLeft: null,
	lateJoin: true,
	createdAt: 1_000,
	activeAt: 2_000
});

describeOnEngines('class records', (engine) => {
	it('keep a session, its seats and verdicts, and refuse a join code twice', async () => {
		const records = engine().stores.classes;
		await records.insertSession(sessionRecord('s'.repeat(20), '123456'));
		await expect(records.insertSession(sessionRecord('t'.repeat(20), '123456'))).rejects.toThrow();
		expect(await records.session('s'.repeat(20))).toEqual(sessionRecord('s'.repeat(20), '123456'));
		expect(await records.sessionIdByCode('123456')).toBe('s'.repeat(20));
		expect(await records.sessionCount()).toBe(1);
		expect(await records.packVersions()).toEqual([{ packId: pack.id, packVersion: pack.version }]);

		const id = 's'.repeat(20);
		const seat = {
			id: 'seat-1',
			tokenHash: 'a'.repeat(64),
			nickname: 'Ada',
			nicknameKey: 'ada',
			status: 'active' as const,
			joinedAt: 3_000
		};
		await records.insertSeat(id, seat, 3_000);
		const verdict = {
			seatId: 'seat-1',
			round: 0,
			answer: 'left' as const,
			confidence: 0.85,
			responseMs: 1234,
			correct: true,
			createdAt: 4_000
		};
		// A seat's first verdict for a round stands.
		await Promise.all([
			records.commitVerdict(id, verdict),
			records.commitVerdict(id, { ...verdict, answer: 'right', correct: false })
		]);
		await records.updatePhase(id, {
			phase: 'open',
			round: 0,
			openedAt: 3_500,
			deadline: 9_000,
			activeAt: 4_500
		});
		expect(await records.seats(id)).toEqual([seat]);
		expect(await records.verdicts(id)).toEqual([verdict]);
		expect(await records.session(id)).toMatchObject({ phase: 'open', deadline: 9_000 });
		expect(await records.expiredIds(4_501)).toEqual([id]);
		expect(await records.expiredIds(4_500)).toEqual([]);

		expect(await records.deleteSession(id)).toBe(true);
		expect(await records.session(id)).toBeUndefined();
		expect(await engine().count('class_seats')).toBe(0);
		expect(await engine().count('class_verdicts')).toBe(0);
	});

	it('take a session’s writes in the order it made them', async () => {
		const hub = hubOn(engine());
		const { session } = await createOn(hub);
		const seat = await seatIn(session, 'Ada');
		session.command({ command: 'start' });
		// A verdict, then the swap that drops its round, within the same turn of the event loop:
		// the verdict is stored, then deleted with the round.
		const answered = session.verdict(seat, {
			round: 0,
			answer: rightAnswer(session),
			confidence: 0.7
		});
		expect(session.command({ command: 'swap', round: 0 })).toEqual({ ok: true });
		await answered;
		await session.committed();
		expect(await engine().count('class_verdicts')).toBe(0);
		const stored = await engine().stores.classes.session(session.id);
		expect(stored?.rounds[0].pairId).toBe(session.record.rounds[0].pairId);
		await hub.stop();
	});

	it('bring a class back as it was on a hub that has never seen it', async () => {
		const first = hubOn(engine());
		const { session, hostToken } = await createOn(first);
		const seats = await Promise.all(['Ada', 'Bo', 'Cy'].map((name) => seatIn(session, name)));
		session.command({ command: 'start' });
		await session.committed();
		// Verdicts arriving together share a commit; each is acknowledged only once it is stored.
		const answers = await Promise.all(
			seats.map((seat) =>
				session.verdict(seat, { round: 0, answer: rightAnswer(session), confidence: 0.9 })
			)
		);
		expect(answers.every((answer) => answer.ok && !answer.duplicate)).toBe(true);
		session.command({ command: 'kick', seat: seats[2] });
		session.command({ command: 'close', round: 0 });
		await session.committed();

		// Another server (or this one after a restart) knows only the records.
		const second = hubOn(engine());
		const again = await second.get(session.id);
		expect(again).toBeDefined();
		expect(again).not.toBe(session);
		expect(second.isHost(again!, hostToken)).toBe(true);
		expect(again!.record).toEqual(session.record);
		expect(again!.records()).toEqual(session.records());
		expect(again!.report()).toEqual(session.report());
		expect(await second.idByCode(session.code)).toBe(session.id);
		// A repeat of a stored verdict is a duplicate there too.
		const repeat = await again!.verdict(seats[0], {
			round: 0,
			answer: rightAnswer(again!),
			confidence: 0.1
		});
		expect(repeat).toMatchObject({ ok: true, duplicate: true, verdict: { confidence: 0.9 } });
		await first.stop();
		await second.stop();
	});

	it('load a session once however many requests ask for it together', async () => {
		const first = hubOn(engine());
		const { session } = await createOn(first);
		await first.stop();
		const second = hubOn(engine());
		expect(second.held(session.id)).toBeUndefined();
		const loaded = await Promise.all([1, 2, 3].map(() => second.get(session.id)));
		expect(new Set(loaded).size).toBe(1);
		expect(second.loaded).toBe(1);
		expect(second.held(session.id)).toBe(loaded[0]);
		expect(await second.get('no-such-session-here')).toBeUndefined();
		await second.stop();
	});

	it('forget a session that lost a write, and load it again as the records have it', async () => {
		const hub = hubOn(engine());
		const { session } = await createOn(hub);
		await seatIn(session, 'Ada');
		// The records refuse the next write (a database fault): memory is ahead of them.
		const logged = await whileRefusing(engine().stores.classes, 'updatePhase', async () => {
			session.command({ command: 'start' });
			await expect(session.committed()).rejects.toThrow();
		});
		expect(logged).toBe(1);
		expect(session.lost).toBe(true);
		expect(hub.held(session.id)).toBeUndefined();
		const again = await hub.get(session.id);
		expect(again).not.toBe(session);
		expect(again!.record.phase).toBe('lobby');
		expect(again!.records().seats.map((seat) => seat.nickname)).toEqual(['Ada']);
		await hub.stop();
	});

	it('refuse a verdict that reaches a session after it was loaded afresh, so it counts in the one loaded', async () => {
		const hub = hubOn(engine());
		const { session, ada } = await firstRoundWithAda(hub);
		// A write fails, and a request loads the session afresh, while Ada's verdict is on its
		// way to the session it found before (awaiting its rate limit, say).
		const records = engine().stores.classes;
		await whileRefusing(records, 'updatePhase', async () => {
			session.command({ command: 'close', round: 0 });
			await expect(session.committed()).rejects.toThrow();
		});
		await hub.get(session.id);
		const answer = { round: 0, answer: rightAnswer(session), confidence: 1 };
		expect(await session.verdict(ada, answer)).toEqual({ ok: false, problem: 'moving' });
		// Sent again, it reaches the session in memory, which counts it for the host.
		await expectCountedWhenSentAgain(hub, records, session.id, ada, answer);
		await hub.stop();
	});

	it('answer a verdict that could not be stored "moving", and store it when sent again', async () => {
		const hub = hubOn(engine());
		const { session, ada } = await firstRoundWithAda(hub);
		// The write is refused, as a stale owner's is once another process took the lease.
		const records = engine().stores.classes;
		const answer = { round: 0, answer: rightAnswer(session), confidence: 1 };
		const logged = await whileRefusing(records, 'commitVerdict', async () => {
			expect(await session.verdict(ada, answer)).toEqual({ ok: false, problem: 'moving' });
		});
		expect(logged).toBe(1);
		// The session is loaded afresh from the records, where the verdict is not.
		expect(hub.held(session.id)).toBeUndefined();
		await expectCountedWhenSentAgain(hub, records, session.id, ada, answer);
		await hub.stop();
	});

	it('refuse a join and a host command that reach a session after it was loaded afresh', async () => {
		const hub = hubOn(engine());
		const { session } = await createOn(hub);
		await seatIn(session, 'Ada');
		// A write fails and a request loads the session afresh, while a phone's join and the
		// host's command are on their way to the session they found before.
		await whileRefusing(engine().stores.classes, 'updatePhase', async () => {
			session.command({ command: 'start' });
			expect(await session.stored()).toBe(false);
		});
		const again = (await hub.get(session.id))!;
		expect(session.join(null, { nickname: 'Bo' })).toEqual({ ok: false, problem: 'moving' });
		expect(session.command({ command: 'start' })).toEqual({ ok: false, problem: 'moving' });
		// Sent again, both reach the session in memory, which stores them.
		expect(again.join(null, { nickname: 'Bo' })).toMatchObject({ ok: true });
		expect(again.command({ command: 'start' })).toEqual({ ok: true });
		expect(await again.stored()).toBe(true);
		expect(
			again
				.records()
				.seats.map((seat) => seat.nickname)
				.sort()
		).toEqual(['Ada', 'Bo']);
		await hub.stop();
	});

	it('give a join sent again with its attempt key the seat it made, here or on the next owner', async () => {
		const first = hubOn(engine());
		const { session } = await createOn(first);
		const attempt = newJoinAttempt();
		const joined = session.join(null, { nickname: 'Ada', attempt });
		if (!joined.ok || !joined.token) throw new Error(JSON.stringify(joined));
		await session.committed();
		const { seat, token } = joined;
		// Its answer was lost, so the phone has no cookie and sends the same join again: the same
		// seat, its cookie again, and nothing taken from the address's allowance of new seats.
		const mayAddSeat = vi.fn(() => true);
		expect(session.join(null, { nickname: 'Ada', attempt }, mayAddSeat)).toEqual({
			ok: true,
			seat,
			token
		});
		expect(mayAddSeat).not.toHaveBeenCalled();
		// Another phone choosing the same name, with its own attempt: taken, as ever.
		expect(session.join(null, { nickname: 'ada', attempt: newJoinAttempt() })).toEqual({
			ok: false,
			problem: 'taken'
		});
		// A picked name is kept too: sent again, the same seat, not a second one.
		const picking = newJoinAttempt();
		const picked = session.join(null, { generate: true, attempt: picking });
		if (!picked.ok) throw new Error(picked.problem);
		await session.committed();
		expect(session.join(null, { generate: true, attempt: picking })).toMatchObject({
			ok: true,
			seat: { id: picked.seat.id },
			token: picked.token
		});

		// The owner fails before the resend: the next one loads the session from the records.
		const second = hubOn(engine());
		const again = (await second.get(session.id))!;
		expect(again).not.toBe(session);
		expect(again.join(null, { nickname: 'Ada', attempt }, mayAddSeat)).toMatchObject({
			ok: true,
			seat: { id: seat.id, nickname: 'Ada' },
			token
		});
		expect(again.seatByToken(token)?.id).toBe(seat.id);
		expect(mayAddSeat).not.toHaveBeenCalled();
		expect(again.join(null, { nickname: 'Ada', attempt: newJoinAttempt() })).toEqual({
			ok: false,
			problem: 'taken'
		});
		expect(await engine().count('class_seats')).toBe(2);
		// The records hold neither the key nor the cookie: a copy of them takes no seat.
		const row = JSON.stringify(await engine().row('class_seats', 'id', seat.id));
		expect(row).not.toContain(attempt);
		expect(row).not.toContain(token);
		await first.stop();
		await second.stop();
	});
});
