import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validatePack } from '$lib/game/pack/schema';
import { sourceTexts } from '$lib/game/pack/text';
import { correctAnswer, type Answer } from '$lib/game/play/round';
import { tellCategoriesOf } from '$lib/game/play/run';
import { parseSessionSettings, type SessionSettings } from '$lib/game/class/settings';
import type { HostLive, HostState, SeatState } from '$lib/game/class/views';
import { openDatabase, type Db } from '$lib/server/store/db';
import { migrateData } from '$lib/server/store/data-migrations';
import { ClassHub } from '$lib/server/class/hub';
import { SqliteClassRecords } from '$lib/server/class/store';
import { parseHostCommand } from '$lib/game/class/commands';
import type { LiveSession } from '$lib/server/class/session';
import { LATE_GRACE_MS, type VerdictResult } from '$lib/server/class/verdicts';
import { parseSeatVerdict } from '$lib/game/class/seat-verdict';
import { HOST_FLUSH_MS } from '$lib/server/class/screens';
import { MAX_STREAMS_PER_SEAT } from '$lib/server/class/broadcast';
import { classPack } from '../../game/class-pack';
import { packOf, withSingle } from '../../game/pack-builder';
import { verdictsCsv } from '$lib/server/class/csv';
import { roundForPlayer } from '$lib/game/play/round';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);

const pack = classPack();

/**
 * A verdict from the device holding `token`, as the endpoint hands it over: parsed, by its seat.
 * A body that is no verdict is refused as the endpoint refuses it (seatVerdict in class/http.ts).
 */
function verdictBy(session: LiveSession, token: string, input: unknown): Promise<VerdictResult> {
	const parsed = parseSeatVerdict(input);
	if (!parsed.ok) return Promise.resolve({ ok: false, problem: 'invalid', error: parsed.error });
	return session.verdict(session.seatByToken(token)?.id ?? 'no-such-seat', parsed.verdict);
}

/**
 * Fake timers for the session's deadlines and pushes. setImmediate stays real: verdicts arriving
 * together share a commit at the end of the event loop's turn (ClassStore.commitVerdict).
 */
function fakeTimers(): void {
	vi.useFakeTimers({
		now: clock,
		toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']
	});
}

function settings(overrides: Record<string, unknown> = {}): SessionSettings {
	const parsed = parseSessionSettings({ packId: pack.id, rounds: 4, timer: 0, ...overrides });
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.settings;
}

function wrong(answer: Answer): Answer {
	return ({ left: 'right', right: 'left', real: 'synthetic', synthetic: 'real' } as const)[answer];
}

/** A browser's end of an event stream: the server writes to it as to a Node response. */
function eventSink(): PassThrough {
	return new PassThrough();
}

/** Text read from each sink but not yet a whole event. */
const unread = new WeakMap<PassThrough, string>();

/** Reads SSE events from a stream until `count` named events arrived or it ended. */
async function readEvents(sink: PassThrough, count: number) {
	const events: Array<{ event: string; data: unknown }> = [];
	let buffer = unread.get(sink) ?? '';
	while (events.length < count) {
		const chunk: Buffer | null = sink.read();
		if (chunk === null) {
			if (sink.readableEnded) break;
			const ended = await Promise.race([
				once(sink, 'readable').then(() => false),
				once(sink, 'end').then(() => true)
			]);
			if (ended && sink.readableLength === 0) break;
			continue;
		}
		buffer += chunk.toString('utf8');
		let end: number;
		while (events.length < count && (end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const event = /^event: (.*)$/m.exec(block)?.[1];
			const data = /^data: (.*)$/m.exec(block)?.[1];
			if (event && data) events.push({ event, data: JSON.parse(data) });
		}
	}
	unread.set(sink, buffer);
	return events;
}

let dir: string;
let db: Db;
let clock: number;
let hub: ClassHub;

function newHub(): ClassHub {
	return new ClassHub({
		records: new SqliteClassRecords(db),
		getPack: (id) => (id === pack.id ? pack : undefined),
		ttlDays: 7,
		mediaKey: MEDIA_KEY,
		now: () => clock
	});
}

async function create(overrides: Record<string, unknown> = {}) {
	const created = await hub.create(settings(overrides));
	if (!created.ok) throw new Error(created.problem);
	return { session: (await hub.get(created.id))!, hostToken: created.hostToken };
}

function join(session: LiveSession, nickname: string): string {
	const joined = session.join(null, { nickname });
	if (!joined.ok || !joined.token) throw new Error(`join failed: ${JSON.stringify(joined)}`);
	return joined.token;
}

function answerOf(session: LiveSession): Answer {
	return correctAnswer(session.record.rounds[session.record.round], pack);
}

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'telltale-class-'));
	db = openDatabase(dir);
	clock = Date.UTC(2025, 0, 6, 9, 0, 0);
	hub = newHub();
});

afterEach(() => {
	hub.stop();
	db.close();
	vi.useRealTimers();
});

describe('the test pack', () => {
	it('is a valid pack', () => {
		expect(validatePack(pack, 'class-pack').ok).toBe(true);
	});
});

describe('creating and joining', () => {
	it('gives a 6-digit code, a secret host token and the planned rounds', async () => {
		const { session, hostToken } = await create({ prePost: 'on', testRounds: 2 });
		expect(session.code).toMatch(/^\d{6}$/);
		expect(hub.isHost(session, hostToken)).toBe(true);
		expect(hub.isHost(session, hostToken + 'x')).toBe(false);
		expect(hub.isHost(session, undefined)).toBe(false);
		expect(session.record.rounds.map((round) => round.part)).toEqual([
			'pre',
			'pre',
			'training',
			'training',
			'training',
			'training',
			'post',
			'post'
		]);
		// Only the hash of the host token is stored.
		const row = db.prepare('SELECT * FROM class_sessions').get() as Record<string, unknown>;
		expect(JSON.stringify(row)).not.toContain(hostToken);
		expect(await hub.idByCode(session.code)).toBe(session.id);
	});

	it('refuses a pack it does not have, and filters that leave no rounds', async () => {
		expect(await hub.create({ ...settings(), packId: 'nope' })).toEqual({
			ok: false,
			problem: 'no-pack'
		});
		expect(await hub.create(settings({ kinds: ['video'] }))).toEqual({
			ok: false,
			problem: 'no-rounds'
		});
	});

	it('draws the rounds from the topics the host chose only', async () => {
		const { session } = await create({ topics: ['voice'], rounds: 3 });
		expect(session.record.rounds).toHaveLength(3);
		for (const round of session.record.rounds) {
			expect(pack.pairs.find((pair) => pair.id === round.pairId)?.topic).toBe('voice');
		}
		expect(await hub.create(settings({ topics: ['video'] }))).toEqual({
			ok: false,
			problem: 'no-rounds'
		});
	});

	it('keeps nicknames unique, filtered and within limits', async () => {
		const { session } = await create();
		join(session, 'Ada');
		expect(session.join(null, { nickname: 'ADA ' })).toEqual({ ok: false, problem: 'taken' });
		expect(session.join(null, { nickname: 'x' })).toEqual({ ok: false, problem: 'too-short' });
		expect(session.join(null, { nickname: 'shithead' })).toEqual({ ok: false, problem: 'rude' });
		const generated = session.join(null, { generate: true });
		expect(generated.ok && generated.seat.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+/);
	});

	it('never seats a name that looks like one already in the class, or an invisible one', async () => {
		const { session } = await create();
		join(session, 'Maria');
		join(session, 'Ivan');
		for (const lookalike of ['M\u0430ria', 'MAR\u0406A', 'Ｍaria', 'lvan', 'IVAN']) {
			expect(session.join(null, { nickname: lookalike }), lookalike).toEqual({
				ok: false,
				problem: 'taken'
			});
		}
		expect(session.join(null, { nickname: 'Mar\u034Fia' })).toEqual({
			ok: false,
			problem: 'invisible'
		});
		expect(session.join(null, { nickname: '\u3164\u3164' })).toEqual({
			ok: false,
			problem: 'invisible'
		});
		expect(session.hostState('en').seats.map((seat) => seat.nickname)).toEqual(['Maria', 'Ivan']);
	});

	it('resumes the seat of a device that already joined, whatever name it sends', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		const again = session.join(token, { nickname: 'Somebody Else' });
		expect(again.ok && again.seat.nickname).toBe('Ada');
		expect(again.ok && again.token).toBeNull();
	});

	it('asks for a new seat only when the join would add one', async () => {
		const { session } = await create();
		const asked: string[] = [];
		const allowance = (grant: boolean, what: string) => () => {
			asked.push(what);
			return grant;
		};
		const ada = session.join(null, { nickname: 'Ada' }, allowance(true, 'Ada'));
		if (!ada.ok || !ada.token) throw new Error('Ada could not join');
		// Refused names, a taken one and a resumed seat never use up the allowance.
		for (const nickname of ['x', 'ADA', 'shithead', 'Mar\u034Fia']) {
			expect(session.join(null, { nickname }, allowance(true, nickname)).ok).toBe(false);
		}
		expect(session.join(ada.token, { nickname: 'Ada' }, allowance(false, 'again')).ok).toBe(true);
		expect(asked).toEqual(['Ada']);
		// With the allowance spent, a new name waits; nothing is stored.
		expect(session.join(null, { nickname: 'Bo' }, allowance(false, 'Bo'))).toEqual({
			ok: false,
			problem: 'busy'
		});
		expect(session.hostState('en').seats.map((seat) => seat.nickname)).toEqual(['Ada']);
		// A removed device taking its seat back with a new name adds no seat either.
		session.command({ command: 'kick', seat: ada.seat.id });
		expect(session.join(ada.token, { nickname: 'Ada B' }, allowance(false, 'back')).ok).toBe(true);
		expect(asked).toEqual(['Ada', 'Bo']);
	});

	it('sees a name freed or taken at once, though it keeps the taken names between joins', async () => {
		const { session } = await create();
		const ada = session.join(null, { nickname: 'Ada' });
		if (!ada.ok) throw new Error('Ada could not join');
		expect(session.join(null, { nickname: 'ada' })).toEqual({ ok: false, problem: 'taken' });
		session.command({ command: 'kick', seat: ada.seat.id });
		expect(session.join(null, { nickname: 'ada' }).ok).toBe(true);
		expect(session.join(null, { nickname: 'ADA' })).toEqual({ ok: false, problem: 'taken' });
		// A look-alike under another key, which only the names kept here refuse: a new seat's
		// name, and a removed seat's new one, are taken as soon as they are given.
		expect(session.join(null, { nickname: 'Ivan' }).ok).toBe(true);
		expect(session.join(null, { nickname: 'lvan' })).toEqual({ ok: false, problem: 'taken' });
		expect(session.join(ada.token, { nickname: 'Inge' }).ok).toBe(true);
		expect(session.join(null, { nickname: 'lnge' })).toEqual({ ok: false, problem: 'taken' });
	});

	it('closes joining at the start unless late joining is on', async () => {
		const { session } = await create();
		join(session, 'Ada');
		expect(session.command({ command: 'start' })).toEqual({ ok: true });
		expect(session.join(null, { nickname: 'Late' })).toEqual({ ok: false, problem: 'closed' });
		session.command({ command: 'late-join', allow: true });
		expect(session.join(null, { nickname: 'Late' }).ok).toBe(true);
	});
});

describe('verdicts', () => {
	it('keeps the first verdict of a double tap or a replayed request', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const answer = answerOf(session);
		const first = await verdictBy(session, token, { round: 0, answer, confidence: 0.7 });
		expect(first).toMatchObject({ ok: true, duplicate: false });
		const second = await verdictBy(session, token, {
			round: 0,
			answer: wrong(answer),
			confidence: 1
		});
		expect(second).toEqual({
			ok: true,
			verdict: { round: 0, answer, confidence: 0.7 },
			duplicate: true
		});
		const rows = db.prepare('SELECT answer, confidence FROM class_verdicts').all();
		expect(rows).toEqual([{ answer, confidence: 0.7 }]);
	});

	it('measures the response time on the server, and refuses one a phone sends', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 4200;
		expect(
			await verdictBy(session, token, {
				round: 0,
				answer: answerOf(session),
				confidence: 1,
				responseMs: 1
			})
		).toMatchObject({ ok: false, problem: 'invalid' });
		await verdictBy(session, token, { round: 0, answer: answerOf(session), confidence: 1 });
		const row = db.prepare('SELECT response_ms FROM class_verdicts').get();
		expect(row).toEqual({ response_ms: 4200 });
	});

	it('takes a verdict held up by the network up to 10 s after the deadline, none later', async () => {
		const { session } = await create({ timer: 20 });
		const late = join(session, 'Late');
		const blip = join(session, 'Blip');
		const onTime = join(session, 'OnTime');
		session.command({ command: 'start' });
		expect(session.record.deadline).toBe(clock + 20_000);
		clock += 19_999;
		expect((await verdictBy(session, onTime, { round: 0, answer: 'left', confidence: 1 })).ok).toBe(
			true
		);
		clock += 2;
		// The first request after the deadline closes the round on the server's clock...
		expect((await verdictBy(session, blip, { round: 0, answer: 'left', confidence: 1 })).ok).toBe(
			true
		);
		expect(session.record.phase).toBe('closed');
		// ...and answers keep counting for LATE_GRACE_MS after that, then no more.
		clock += LATE_GRACE_MS + 1;
		expect(await verdictBy(session, late, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 2 });
		expect(session.hostState('en').answered).toBe(2);
	});

	it('takes no late verdict once the round is revealed, whatever the grace', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'close', round: 0 });
		session.command({ command: 'reveal', round: 0 });
		expect(await verdictBy(session, token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
	});

	it('closes a round by itself at its deadline', async () => {
		fakeTimers();
		const { session } = await create({ timer: 20 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 20_001;
		vi.advanceTimersByTime(20_001);
		expect(session.record.phase).toBe('closed');
	});

	it('never counts a verdict sent during a reveal for the next round', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		expect(await verdictBy(session, token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
		session.command({ command: 'next', round: 0 });
		// The same request arriving late, naming round 0, while round 1 is open.
		expect(await verdictBy(session, token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'wrong-round'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 0 });
	});

	it('refuses malformed verdicts with a reason, and never throws', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const round = session.record.rounds[0];
		const single = round.type === 'single';
		for (const input of [
			null,
			'left',
			[],
			{},
			{ round: 0 },
			{ round: 0, answer: 'maybe', confidence: 1 },
			{ round: 0, answer: single ? 'left' : 'real', confidence: 1 },
			{ round: 0, answer: 'left', confidence: 2 },
			{ round: 0, answer: 'left', confidence: '1' },
			{ round: 0.5, answer: 'left', confidence: 1 },
			{ round: 0, answer: 'left', confidence: 1, extra: true },
			{ round: '0', answer: 'left', confidence: 1 }
		]) {
			const result = await verdictBy(session, token, input);
			expect(result.ok, JSON.stringify(input)).toBe(false);
			if (!result.ok) expect(['invalid', 'wrong-round']).toContain(result.problem);
		}
		expect(
			await verdictBy(session, token, { round: 0, answer: 'left', confidence: 2 })
		).toMatchObject({
			ok: false,
			problem: 'invalid',
			error: expect.stringContaining('confidence')
		});
	});

	it('refuses verdicts from a removed or blocked seat', async () => {
		const { session } = await create();
		const kicked = join(session, 'Kicked');
		const banned = join(session, 'Banned');
		const seatOf = (token: string) => session.seatByToken(token)!.id;
		session.command({ command: 'start' });
		expect(session.command({ command: 'kick', seat: seatOf(kicked) })).toEqual({ ok: true });
		expect(session.command({ command: 'ban', seat: seatOf(banned) })).toEqual({ ok: true });
		expect(await verdictBy(session, kicked, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'removed'
		});
		expect(await verdictBy(session, banned, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'banned'
		});
		expect(
			await verdictBy(session, 'not-a-token', { round: 0, answer: 'left', confidence: 1 })
		).toEqual({
			ok: false,
			problem: 'removed'
		});
		// A blocked device cannot come back; a removed one can, under a new name.
		session.command({ command: 'late-join', allow: true });
		expect(session.join(banned, { nickname: 'Again' })).toEqual({ ok: false, problem: 'banned' });
		const back = session.join(kicked, { nickname: 'Back Again' });
		expect(back.ok && back.seat.status).toBe('active');
	});

	it('lets the host lift a block: the device may rejoin, and the change survives a restart', async () => {
		const { session } = await create();
		const banned = join(session, 'Banned');
		const ada = join(session, 'Ada');
		const seat = session.seatByToken(banned)!.id;
		expect(session.command({ command: 'unban', seat })).toEqual({ ok: false, problem: 'stale' });
		expect(session.command({ command: 'unban', seat: 'no-such-seat' })).toEqual({
			ok: false,
			problem: 'no-seat'
		});
		session.command({ command: 'ban', seat });
		expect(session.join(banned, {})).toEqual({ ok: false, problem: 'banned' });

		expect(session.command({ command: 'unban', seat })).toEqual({ ok: true });
		expect(session.command({ command: 'unban', seat })).toEqual({ ok: false, problem: 'stale' });
		// Unblocked is not seated: the host's list shows the seat as removed, not active.
		expect(session.hostState('en').seats.find((entry) => entry.id === seat)?.status).toBe('kicked');
		expect(session.hostState('en').seated).toBe(1);
		// A seated student is not blocked, so there is nothing to lift.
		expect(session.command({ command: 'unban', seat: session.seatByToken(ada)!.id })).toEqual({
			ok: false,
			problem: 'stale'
		});

		const id = session.id;
		hub.stop();
		hub = newHub();
		const restored = (await hub.get(id))!;
		const back = restored.join(banned, { nickname: 'Back' });
		expect(back.ok && back.seat).toMatchObject({ id: seat, nickname: 'Back', status: 'active' });
	});
});

describe('verdicts arriving together', () => {
	const count = () => db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get();

	it('share one commit, and none is acknowledged before it', async () => {
		const { session } = await create();
		const tokens = ['Ada', 'Bo', 'Cy'].map((name) => join(session, name));
		session.command({ command: 'start' });
		const answer = answerOf(session);
		const commits = vi.spyOn(db, 'transaction');
		const settled: VerdictResult[] = [];
		const pending = tokens.map((token) =>
			verdictBy(session, token, { round: 0, answer, confidence: 1 }).then((result) => {
				settled.push(result);
				return result;
			})
		);
		// A double tap in the same turn is a repeat of the first, and waits for its commit too.
		const repeat = verdictBy(session, tokens[0], { round: 0, answer, confidence: 0.5 });
		await Promise.resolve();
		expect(settled).toEqual([]);
		expect(count()).toEqual({ n: 0 });

		const results = await Promise.all(pending);
		expect(results.every((result) => result.ok && !result.duplicate)).toBe(true);
		expect(await repeat).toMatchObject({ ok: true, duplicate: true, verdict: { confidence: 1 } });
		expect(count()).toEqual({ n: 3 });
		expect(commits).toHaveBeenCalledTimes(1);
		expect(session.hostState('en').answered).toBe(3);
	});

	it('are stored before a later change of the session, in the order they were made', async () => {
		const { session } = await create({ timer: 20, rounds: 3 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const answered = verdictBy(session, token, {
			round: 0,
			answer: answerOf(session),
			confidence: 1
		});
		// The host swaps the round before the verdict's commit: the answer is committed, then
		// forgotten with the round, in the database as in memory.
		expect(session.command({ command: 'swap', round: 0 })).toEqual({ ok: true });
		expect(await answered).toMatchObject({ ok: true });
		expect(count()).toEqual({ n: 0 });
		expect(session.hostState('en').answered).toBe(0);
	});

	it('are stored when the hub stops, before their turn comes', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const answered = verdictBy(session, token, {
			round: 0,
			answer: answerOf(session),
			confidence: 1
		});
		hub.stop();
		expect(count()).toEqual({ n: 1 });
		expect(await answered).toMatchObject({ ok: true, duplicate: false });
		hub = newHub();
	});

	it('are forgotten and refused together when their commit fails, and may be sent again', async () => {
		const { session } = await create();
		const tokens = ['Ada', 'Bo'].map((name) => join(session, name));
		session.command({ command: 'start' });
		const answer = answerOf(session);
		// The database refuses the commit (as a full disk would), once.
		db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON class_verdicts
			BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		const first = tokens.map((token) =>
			verdictBy(session, token, { round: 0, answer, confidence: 1 })
		);
		const repeat = verdictBy(session, tokens[0], { round: 0, answer, confidence: 1 });
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		for (const result of [...first, repeat]) {
			expect(await result).toEqual({ ok: false, problem: 'moving' });
		}
		expect(logged).toHaveBeenCalledOnce();
		logged.mockRestore();
		// The session is lost: its hub loads it afresh from the records before the next request.
		expect(session.lost).toBe(true);
		expect(count()).toEqual({ n: 0 });
		expect(session.hostState('en').answered).toBe(0);

		db.exec('DROP TRIGGER refuse');
		expect(await verdictBy(session, tokens[0], { round: 0, answer, confidence: 1 })).toMatchObject({
			ok: true,
			duplicate: false
		});
		expect(count()).toEqual({ n: 1 });
	});
});

describe('host commands', () => {
	it('ignores a double tap on "next" instead of skipping a round', async () => {
		const { session } = await create();
		join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		expect(session.command({ command: 'next', round: 0 })).toEqual({ ok: true });
		expect(session.command({ command: 'next', round: 0 })).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.round).toBe(1);
		expect(session.record.phase).toBe('open');
	});

	it('does not reveal test rounds', async () => {
		const { session } = await create({ prePost: 'on', testRounds: 1 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		await verdictBy(session, token, { round: 0, answer: answerOf(session), confidence: 1 });
		expect(session.command({ command: 'reveal', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
		session.command({ command: 'close', round: 0 });
		const phone = session.seatState(session.seatByToken(token)!.id, 'en')!;
		expect(phone.shared.reveal).toBeNull();
		expect(phone.me.result).toBeNull();
		// Test answers count nowhere until the end.
		expect(phone.me.score).toMatchObject({ answered: 0, correct: 0 });
	});

	it('pauses the timer, keeps it paused across a restart, and resumes with the time left', async () => {
		fakeTimers();
		const { session } = await create({ timer: 20 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 5_000;
		vi.advanceTimersByTime(5_000);
		expect(session.command({ command: 'pause', round: 0 })).toEqual({ ok: true });
		expect(session.command({ command: 'pause', round: 0 })).toEqual({
			ok: false,
			problem: 'stale'
		});
		const host = session.hostState('en');
		expect(host).toMatchObject({ phase: 'open', paused: true, pausedLeft: 15_000, deadline: null });
		const phone = session.seatState(session.seatByToken(token)!.id, 'en')!;
		expect(phone.shared).toMatchObject({ paused: true, deadline: null });

		// A long pause does not close the round, and answers still count while it is paused.
		clock += 120_000;
		vi.advanceTimersByTime(120_000);
		expect(session.record.phase).toBe('open');
		expect((await verdictBy(session, token, { round: 0, answer: 'left', confidence: 1 })).ok).toBe(
			true
		);

		const id = session.id;
		hub.stop();
		hub = newHub();
		const restored = (await hub.get(id))!;
		expect(restored.hostState('en')).toMatchObject({ paused: true, pausedLeft: 15_000 });
		expect(restored.command({ command: 'resume', round: 0 })).toEqual({ ok: true });
		expect(restored.record.deadline).toBe(clock + 15_000);
		expect(restored.hostState('en').paused).toBe(false);
		clock += 15_001;
		vi.advanceTimersByTime(15_001);
		expect(restored.record.phase).toBe('closed');
	});

	it('has nothing to pause in a round without a timer', async () => {
		const { session } = await create({ timer: 0 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		expect(session.command({ command: 'pause', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
	});

	it('swaps the open round for another pair of the same kind and forgets its answers', async () => {
		const { session } = await create({ timer: 20 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const old = session.record.rounds[0];
		await verdictBy(session, token, { round: 0, answer: answerOf(session), confidence: 1 });
		clock += 10_000;
		expect(session.command({ command: 'swap', round: 0 })).toEqual({ ok: true });
		const now = session.record.rounds[0];
		expect(now.pairId).not.toBe(old.pairId);
		expect(now).toMatchObject({ index: 0, kind: old.kind, type: old.type, part: old.part });
		expect(session.hostState('en')).toMatchObject({ phase: 'open', round: 0, answered: 0 });
		// The timer starts again for the new pair.
		expect(session.record.deadline).toBe(clock + 20_000);
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 0 });
		expect(
			(await verdictBy(session, token, { round: 0, answer: answerOf(session), confidence: 1 })).ok
		).toBe(true);
		// After the reveal the round has been played: it cannot be swapped any more.
		session.command({ command: 'reveal', round: 0 });
		expect(session.command({ command: 'swap', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
		// The swap is stored: a restart keeps the new pair.
		const id = session.id;
		hub.stop();
		hub = newHub();
		expect((await hub.get(id))!.record.rounds[0].pairId).toBe(now.pairId);
	});

	it('says so when the pack has no unused pair of that kind to swap in', async () => {
		const { session } = await create({ kinds: ['audio'], rounds: 4 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		// The test pack has four voice pairs, and the session uses all of them.
		expect(session.command({ command: 'swap', round: 0 })).toEqual({
			ok: false,
			problem: 'none-left'
		});
	});

	it('skips a round: its answers are forgotten and the next one opens in its place', async () => {
		const { session } = await create({ rounds: 3 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const pairs = session.record.rounds.map((round) => round.pairId);
		await verdictBy(session, token, { round: 0, answer: answerOf(session), confidence: 1 });
		expect(session.command({ command: 'skip', round: 0 })).toEqual({ ok: true });
		expect(session.record.rounds.map((round) => round.pairId)).toEqual(pairs.slice(1));
		expect(session.hostState('en')).toMatchObject({
			phase: 'open',
			round: 0,
			rounds: 2,
			answered: 0
		});
		expect(session.command({ command: 'skip', round: 0 })).toEqual({ ok: true });
		// The last round cannot be skipped: a session keeps one.
		expect(session.command({ command: 'skip', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
		expect(session.report().played).toBe(0);
	});

	it('refuses a skip or swap sent again (naming what its round showed) instead of applying it twice', async () => {
		const { session } = await create({ rounds: 4 });
		const pairs = session.record.rounds.map((round) => round.pairId);
		// In the lobby, by the preview's names: the same index names the next round after a skip.
		const preview = session.hostState('en').preview!;
		const skip = { command: 'skip', round: 1, shown: preview[1].shown } as const;
		expect(session.command(skip)).toEqual({ ok: true });
		expect(session.command(skip)).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.rounds.map((round) => round.pairId)).toEqual([
			pairs[0],
			pairs[2],
			pairs[3]
		]);
		const swap = { command: 'swap', round: 0, shown: preview[0].shown } as const;
		expect(session.command(swap)).toEqual({ ok: true });
		const swapped = session.record.rounds[0].pairId;
		expect(session.command(swap)).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.rounds[0].pairId).toBe(swapped);

		// In play, by the host state's name of the current round.
		session.command({ command: 'start' });
		const playing = session.record.rounds.map((round) => round.pairId);
		const skipInPlay = {
			command: 'skip',
			round: 0,
			shown: session.hostState('en').shown!
		} as const;
		expect(session.command(skipInPlay)).toEqual({ ok: true });
		expect(session.command(skipInPlay)).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.rounds.map((round) => round.pairId)).toEqual(playing.slice(1));
		const swapInPlay = {
			command: 'swap',
			round: 0,
			shown: session.hostState('en').shown!
		} as const;
		expect(session.command(swapInPlay)).toEqual({ ok: true });
		const stand = session.record.rounds[0].pairId;
		expect(session.command(swapInPlay)).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.rounds[0].pairId).toBe(stand);
	});

	it('refuses a verdict for what a round showed before the host swapped or skipped it', async () => {
		const { session } = await create({ rounds: 3 });
		const ada = join(session, 'Ada');
		const bo = join(session, 'Bo');
		session.command({ command: 'start' });
		const seatOf = (token: string) => session.seatByToken(token)!.id;
		const shown = () => session.seatState(seatOf(ada), 'en')!.shared.shown!;
		const before = shown();
		// The name says nothing about the answer: it is the same shape whatever the pair holds.
		expect(before).toMatch(/^[\w-]{16}$/);
		expect(JSON.stringify(session.seatState(seatOf(ada), 'en')!.shared)).not.toContain(
			session.record.rounds[0].pairId
		);

		// Ada taps on the old pair; her verdict arrives after the host swapped it.
		session.command({ command: 'swap', round: 0 });
		expect(shown()).not.toBe(before);
		const stale = { round: 0, shown: before, answer: answerOf(session), confidence: 1 };
		expect(await verdictBy(session, ada, stale)).toEqual({ ok: false, problem: 'stale' });
		expect(session.hostState('en').answered).toBe(0);
		// Her answer to the new pair counts; a late copy of the old one still does not.
		const fresh = { round: 0, shown: shown(), answer: answerOf(session), confidence: 1 };
		expect(await verdictBy(session, ada, fresh)).toMatchObject({ ok: true, duplicate: false });
		expect(await verdictBy(session, ada, stale)).toEqual({ ok: false, problem: 'stale' });
		expect(await verdictBy(session, ada, fresh)).toMatchObject({ ok: true, duplicate: true });

		// The same for a skip: the next round takes the skipped one's place (and index).
		const skipped = shown();
		session.command({ command: 'skip', round: 0 });
		expect(
			await verdictBy(session, bo, { round: 0, shown: skipped, answer: 'left', confidence: 1 })
		).toEqual({ ok: false, problem: 'stale' });
		expect(
			await verdictBy(session, bo, {
				round: 0,
				shown: shown(),
				answer: answerOf(session),
				confidence: 1
			})
		).toMatchObject({ ok: true });

		// Anything but the name of a round is refused as a bad request.
		for (const bad of [5, null, 'x'.repeat(65)]) {
			expect(
				await verdictBy(session, bo, { round: 0, shown: bad, answer: 'left', confidence: 1 })
			).toMatchObject({ ok: false, problem: 'invalid' });
		}
	});

	it('ends the session when the last round is skipped', async () => {
		const { session } = await create({ rounds: 2 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		session.command({ command: 'next', round: 0 });
		expect(session.command({ command: 'skip', round: 1 })).toEqual({ ok: true });
		expect(session.record).toMatchObject({ phase: 'ended', round: 0 });
		expect(session.record.rounds).toHaveLength(1);
		expect(session.report().played).toBe(1);
	});

	it('shows the host every round in the lobby to swap or drop, and nothing to the phones', async () => {
		const { session } = await create({ rounds: 4 });
		const token = join(session, 'Ada');
		const before = session.hostState('en').preview!;
		expect(before).toHaveLength(4);
		expect(before[0]).not.toHaveProperty('answer');
		expect(session.command({ command: 'swap', round: 2 })).toEqual({ ok: true });
		expect(session.command({ command: 'skip', round: 3 })).toEqual({ ok: true });
		const after = session.hostState('en').preview!;
		expect(after).toHaveLength(3);
		expect(after[2].items[0].media[0].src).not.toBe(before[2].items[0].media[0].src);
		expect(after[0]).toEqual(before[0]);
		expect(session.record.phase).toBe('lobby');
		expect(JSON.stringify(session.seatState(session.seatByToken(token)!.id, 'en'))).not.toContain(
			'preview'
		);
		session.command({ command: 'start' });
		expect(session.hostState('en').preview).toBeNull();
	});

	it('validates commands with readable errors', () => {
		expect(parseHostCommand({ command: 'next', round: 2 })).toEqual({
			ok: true,
			command: { command: 'next', round: 2 }
		});
		for (const input of [
			null,
			{},
			{ command: 'explode' },
			{ command: 'next' },
			{ command: 'kick', seat: '../x' },
			{ command: 'unban' },
			{ command: 'unban', seat: 'a b' },
			{ command: 'unban', seat: 'abc', extra: 1 }
		]) {
			expect(parseHostCommand(input).ok, JSON.stringify(input)).toBe(false);
		}
		expect(parseHostCommand({ command: 'unban', seat: 'abc_DEF-9' })).toEqual({
			ok: true,
			command: { command: 'unban', seat: 'abc_DEF-9' }
		});
		const bad = parseHostCommand({ command: 'next', round: -1 });
		expect(!bad.ok && bad.error).toContain('round');
	});

	it('ends after the last round', async () => {
		const { session } = await create({ rounds: 2 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'close', round: 0 });
		session.command({ command: 'next', round: 0 });
		session.command({ command: 'reveal', round: 1 });
		session.command({ command: 'next', round: 1 });
		expect(session.record.phase).toBe('ended');
		expect(session.played).toBe(2);
	});
});

describe('what phones receive', () => {
	it('has no answer, item id, truth or tell before the reveal', async () => {
		const { session } = await create({ rounds: 6, mode: 'mixed' });
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		session.command({ command: 'start' });
		for (let round = 0; round < 6; round++) {
			const before = JSON.stringify(session.seatState(seat, 'en'));
			const host = JSON.stringify(session.hostState('en'));
			const secrets = [
				...pack.items.map((item) => `"${item.id}"`),
				...pack.pairs.map((pair) => `"${pair.id}"`),
				'"truth"',
				'"synthetic"',
				'"tells"',
				'"categories"',
				'"provenance"',
				'"answer"',
				'explanation'
			];
			for (const secret of secrets) {
				expect(before, `phone, round ${round}`).not.toContain(secret);
				expect(host, `host, round ${round}`).not.toContain(secret);
			}
			await verdictBy(session, token, { round, answer: answerOf(session), confidence: 1 });
			expect(JSON.stringify(session.seatState(seat, 'en'))).not.toContain('"truth"');
			session.command({ command: 'reveal', round });
			const after = session.seatState(seat, 'en')!;
			expect(after.shared.reveal?.answer).toBe(answerOf(session));
			expect(after.me.result?.correct).toBe(true);
			session.command({ command: 'next', round });
		}
	});

	it("shows each phone its own result and score, never another's answer", async () => {
		const { session } = await create({ scoring: 'points', leaderboard: 'on' });
		const ada = join(session, 'Ada');
		const bo = join(session, 'Bo');
		session.command({ command: 'start' });
		const answer = answerOf(session);
		await verdictBy(session, ada, { round: 0, answer, confidence: 1 });
		await verdictBy(session, bo, { round: 0, answer: wrong(answer), confidence: 0.5 });
		session.command({ command: 'reveal', round: 0 });
		const adaState = session.seatState(session.seatByToken(ada)!.id, 'en')!;
		const boState = session.seatState(session.seatByToken(bo)!.id, 'en')!;
		expect(adaState.me).toMatchObject({ result: { correct: true, points: 100 }, rank: 1 });
		expect(boState.me).toMatchObject({ result: { correct: false, points: 0 }, rank: 2 });
		expect(boState.me.verdict?.answer).toBe(wrong(answer));
		expect(JSON.stringify(boState)).not.toContain(session.seatByToken(ada)!.id);
		expect(boState.shared.top?.map((entry) => entry.nickname)).toEqual(['Ada', 'Bo']);
		expect(session.hostState('en').split).toEqual(
			expect.arrayContaining([
				{ answer, count: 1 },
				{ answer: wrong(answer), count: 1 }
			])
		);
	});
});

describe('live streams', () => {
	it('starts each stream with the whole state and pushes state changes', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const phone = eventSink();
		session.connectSeat(seat, phone, 'en');
		session.command({ command: 'start' });
		const events = await readEvents(phone, 2);
		expect(events.map((event) => event.event)).toEqual(['state', 'state']);
		expect((events[0].data as SeatState).shared.phase).toBe('lobby');
		expect((events[1].data as SeatState).shared.phase).toBe('open');
		expect(session.hostState('en').online).toBe(1);
		phone.destroy();
		await once(phone, 'close');
		expect(session.idleFor(clock + 5)).toBe(5);
	});

	it("pushes the host's count at most every 100 ms, with the seats that answered", async () => {
		fakeTimers();
		const { session } = await create();
		const tokens = Array.from({ length: 30 }, (_, i) => join(session, `Student ${i + 1}`));
		session.command({ command: 'start' });
		const host = eventSink();
		session.connectHost(host, 'en');
		const first = readEvents(host, 1);
		await vi.advanceTimersByTimeAsync(200);
		const [state] = await first;
		expect((state.data as HostState).answered).toBe(0);

		const answer = answerOf(session);
		for (const token of tokens.slice(0, 20))
			await verdictBy(session, token, { round: 0, answer, confidence: 1 });
		const live = readEvents(host, 1);
		await vi.advanceTimersByTimeAsync(100);
		const [update] = await live;
		expect(update.event).toBe('live');
		const data = update.data as HostLive;
		// Twenty answers, one message.
		expect(data).toMatchObject({ round: 0, answered: 20, seated: 30 });
		expect(data.seats.filter((seat) => seat.answered)).toHaveLength(20);
	});

	it("pushes the host's count at once after a quiet spell, and batches a burst", async () => {
		fakeTimers();
		/** Moves the session's clock and the timers together. */
		const wait = async (ms: number) => {
			clock += ms;
			await vi.advanceTimersByTimeAsync(ms);
		};
		const { session } = await create();
		const tokens = Array.from({ length: 30 }, (_, i) => join(session, `Student ${i + 1}`));
		session.command({ command: 'start' });
		const host = eventSink();
		session.connectHost(host, 'en');
		// Every event the host's stream carries, as it arrives.
		const events: Array<{ event: string; data: unknown }> = [];
		let buffer = '';
		host.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			for (let end; (end = buffer.indexOf('\n\n')) >= 0; buffer = buffer.slice(end + 2)) {
				const block = buffer.slice(0, end);
				const event = /^event: (.*)$/m.exec(block)?.[1];
				const data = /^data: (.*)$/m.exec(block)?.[1];
				if (event && data) events.push({ event, data: JSON.parse(data) });
			}
		});
		const lives = () =>
			events.filter((event) => event.event === 'live').map((e) => e.data as HostLive);
		await wait(1000);
		const before = lives().length;

		// After a quiet spell, the first answer goes out without waiting for any timer.
		const answer = answerOf(session);
		await verdictBy(session, tokens[0], { round: 0, answer, confidence: 1 });
		await vi.advanceTimersByTimeAsync(0);
		expect(lives()).toHaveLength(before + 1);
		expect(lives().at(-1)).toMatchObject({ answered: 1 });

		// A burst right behind it waits for one push, HOST_FLUSH_MS after the last.
		for (const token of tokens.slice(1, 20))
			await verdictBy(session, token, { round: 0, answer, confidence: 1 });
		await wait(HOST_FLUSH_MS - 1);
		expect(lives()).toHaveLength(before + 1);
		await wait(1);
		expect(lives()).toHaveLength(before + 2);
		expect(lives().at(-1)).toMatchObject({ answered: 20 });
		expect(lives().at(-1)!.seats).toHaveLength(19);

		// Quiet again: the next answer is immediate once more.
		await wait(HOST_FLUSH_MS);
		await verdictBy(session, tokens[20], { round: 0, answer, confidence: 1 });
		await vi.advanceTimersByTimeAsync(0);
		expect(lives()).toHaveLength(before + 3);
		expect(lives().at(-1)).toMatchObject({ answered: 21 });
		host.destroy();
	});

	it('keeps at most MAX_STREAMS_PER_SEAT streams per seat, closing the oldest with a reason', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const streams = Array.from({ length: MAX_STREAMS_PER_SEAT + 2 }, () => {
			const sink = eventSink();
			session.connectSeat(seat, sink, 'en');
			return sink;
		});
		// The two oldest were told another tab took over, then ended.
		for (const old of streams.slice(0, 2)) {
			expect((await readEvents(old, 3)).map((event) => event.event)).toEqual([
				'state',
				'elsewhere'
			]);
		}
		// The newest still get the session's news.
		session.command({ command: 'start' });
		for (const live of streams.slice(2)) {
			expect((await readEvents(live, 2)).map((event) => event.event)).toEqual(['state', 'state']);
		}
		expect(session.hostState('en').online).toBe(1);
	});

	it('tells a removed phone and closes its stream', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const phone = eventSink();
		session.connectSeat(seat, phone, 'en');
		session.command({ command: 'kick', seat });
		const events = await readEvents(phone, 3);
		expect(events.map((event) => event.event)).toEqual(['state', 'removed']);
	});
});

describe('persistence', () => {
	it('survives a restart: seats, verdicts and the round in progress', async () => {
		const { session, hostToken } = await create({ timer: 60 });
		const ada = join(session, 'Ada');
		const bo = join(session, 'Bo');
		session.command({ command: 'start' });
		await verdictBy(session, ada, { round: 0, answer: answerOf(session), confidence: 0.85 });
		const id = session.id;
		hub.stop();

		clock += 5000;
		hub = newHub();
		const restored = (await hub.get(id))!;
		expect(restored).toBeDefined();
		expect(hub.isHost(restored, hostToken)).toBe(true);
		expect(restored.record).toMatchObject({ phase: 'open', round: 0 });
		expect(restored.seatByToken(ada)?.nickname).toBe('Ada');
		expect(
			await verdictBy(restored, ada, { round: 0, answer: 'left', confidence: 1 })
		).toMatchObject({
			duplicate: true,
			verdict: { confidence: 0.85 }
		});
		expect(
			await verdictBy(restored, bo, { round: 0, answer: answerOf(restored), confidence: 1 })
		).toMatchObject({
			ok: true,
			duplicate: false
		});
		expect(restored.hostState('en').answered).toBe(2);
	});

	it('gives the rounds of a session stored before rounds had categories their categories', async () => {
		const { session } = await create({ rounds: 6, mode: 'mixed' });
		const ada = join(session, 'Ada');
		session.command({ command: 'start' });
		await verdictBy(session, ada, { round: 0, answer: answerOf(session), confidence: 0.9 });
		session.command({ command: 'close', round: 0 });
		const planned = session.record.rounds;
		hub.stop();

		const row = db
			.prepare('SELECT settings_json FROM class_sessions WHERE id = ?')
			.get(session.id) as { settings_json: string };
		const stored = JSON.parse(row.settings_json) as { rounds: Array<Record<string, unknown>> };
		for (const round of stored.rounds) delete round.categories;
		db.prepare('UPDATE class_sessions SET settings_json = ? WHERE id = ?').run(
			JSON.stringify(stored),
			session.id
		);

		// The server's start-up brings such sessions up to date before any is loaded.
		expect(migrateData(db, { getPack: (id) => (id === pack.id ? pack : undefined) })).toBe(1);
		hub = newHub();
		const restored = (await hub.get(session.id))!;
		expect(restored.record.rounds).toEqual(planned);
		for (const round of restored.record.rounds) {
			const pair = pack.pairs.find((candidate) => candidate.id === round.pairId)!;
			expect(round.categories).toEqual(tellCategoriesOf(pack, pair));
		}
		expect(restored.report().seats[0]).toMatchObject({ answered: 1, correct: 1 });
	});

	it('closes, after a restart, a round whose deadline passed while the server was down', async () => {
		const { session } = await create({ timer: 20 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		hub.stop();
		clock += 60_000;
		hub = newHub();
		expect((await hub.get(session.id))!.record.phase).toBe('closed');
	});

	it('deletes a session with everything in it, and expires old ones', async () => {
		const { session } = await create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		await verdictBy(session, token, { round: 0, answer: 'left', confidence: 1 });
		expect(await hub.delete(session.id)).toBe(true);
		for (const table of ['class_sessions', 'class_seats', 'class_verdicts']) {
			expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
		}
		expect(await hub.get(session.id)).toBeUndefined();

		const old = await (await create()).session;
		clock += 6 * 86_400_000;
		const recent = await (await create()).session;
		expect(await hub.purgeExpired()).toBe(0);
		clock += 2 * 86_400_000;
		expect(await hub.purgeExpired()).toBe(1);
		expect(await hub.get(old.id)).toBeUndefined();
		expect(await hub.get(recent.id)).toBe(recent);
	});

	it('rejects ids that are not session ids without touching the database', async () => {
		expect(await hub.get('')).toBeUndefined();
		expect(await hub.get("x' OR 1=1 --")).toBeUndefined();
		expect(await hub.idByCode('000000')).toBeUndefined();
	});
});

describe('pack text by locale', () => {
	it('gives each phone the pack in its own language and the host in the host’s', async () => {
		// The same pack, every text translated into zh-CN.
		const translated = structuredClone(pack);
		translated.translations = {
			'zh-CN': Object.fromEntries(sourceTexts(pack).map(({ text }) => [text, `译：${text}`]))
		};
		const bilingual = new ClassHub({
			records: new SqliteClassRecords(db),
			getPack: (id) => (id === pack.id ? translated : undefined),
			ttlDays: 7,
			mediaKey: MEDIA_KEY,
			now: () => clock
		});
		const created = await bilingual.create(settings());
		if (!created.ok) throw new Error(created.problem);
		const session = (await bilingual.get(created.id))!;
		const seatOf = (nickname: string) => session.seatByToken(join(session, nickname))!.id;
		const [english, chinese, host] = [eventSink(), eventSink(), eventSink()];
		session.connectSeat(seatOf('Ada'), english, 'en');
		session.connectSeat(seatOf('Li'), chinese, 'zh-CN');
		session.connectHost(host, 'zh-CN');
		session.command({ command: 'start' });
		session.command({ command: 'close', round: 0 });
		session.command({ command: 'reveal', round: 0 });

		const [phoneEn, phoneZh, projector] = await Promise.all([
			readEvents(english, 4),
			readEvents(chinese, 4),
			readEvents(host, 4)
		]);
		// The last state each stream got: the reveal.
		const revealIn = (events: Array<{ event: string; data: unknown }>) => {
			const data = events.filter((event) => event.event === 'state').at(-1)!.data;
			const reveal =
				'shared' in (data as object)
					? (data as SeatState).shared.reveal
					: (data as HostState).reveal;
			return reveal!.synthetic!.tells.map((tell) => tell.explanation);
		};
		const en = revealIn(phoneEn);
		expect(en.length).toBeGreaterThan(0);
		for (const text of en) expect(text.lang).toBe('en');
		const zh = en.map(({ text }) => ({ text: `译：${text}`, lang: 'zh-CN' }));
		expect(revealIn(phoneZh)).toEqual(zh);
		expect(revealIn(projector)).toEqual(zh);
		expect(session.hostState('zh-CN').packTitle).toBe(`译：${pack.title}`);
	});
});

describe('a pack of "Real or fake?" rounds only', () => {
	const singles = withSingle(
		withSingle({ ...packOf(1), id: 'singles-test', items: [], pairs: [] }, '900', 'synthetic'),
		'901',
		'real'
	);

	it('plays its singles in a session: verdicts, reveal, report, CSV, swap and restart', async () => {
		hub.stop();
		const singleHub = () =>
			new ClassHub({
				records: new SqliteClassRecords(db),
				getPack: (id) => (id === singles.id ? singles : undefined),
				ttlDays: 7,
				mediaKey: MEDIA_KEY,
				now: () => clock
			});
		hub = singleHub();
		const asked = (mode: string) =>
			parseSessionSettings({ packId: singles.id, rounds: 4, timer: 0, mode });
		const pairsOnly = asked('pairs');
		if (!pairsOnly.ok) throw new Error(pairsOnly.error);
		// "Which one is fake?" has nothing to ask of such a pack (the host page asks "real or
		// fake?" instead when a pack has no pair).
		expect(await hub.create(pairsOnly.settings)).toEqual({ ok: false, problem: 'no-rounds' });

		const single = asked('single');
		if (!single.ok) throw new Error(single.error);
		const created = await hub.create(single.settings);
		if (!created.ok) throw new Error(created.problem);
		const session = (await hub.get(created.id))!;
		expect(session.record.rounds.map((round) => [round.type, round.pairId]).sort()).toEqual([
			['single', 's900'],
			['single', 's901']
		]);
		// Nothing a phone gets names the single or its truth.
		const shown = roundForPlayer(session.record.rounds[0], singles, 'en');
		expect(JSON.stringify(shown)).not.toMatch(/s90[01]|real|synthetic/);

		const ada = join(session, 'Ada');
		session.command({ command: 'start' });
		for (const index of [0, 1]) {
			const round = session.record.rounds[index];
			const answer = correctAnswer(round, singles);
			expect(answer).toBe(round.pairId === 's900' ? 'synthetic' : 'real');
			expect(await verdictBy(session, ada, { round: index, answer, confidence: 1 })).toMatchObject({
				ok: true
			});
			// A single's round has no stand-in in a pack whose every item is already in the session.
			expect(session.command({ command: 'swap', round: index })).toMatchObject({ ok: false });
			session.command({ command: 'reveal', round: index });
			session.command({ command: 'next', round: index });
		}
		const report = session.report();
		expect(report.played).toBe(2);
		expect(report.seats[0]).toMatchObject({ answered: 2, correct: 2 });
		const csv = verdictsCsv({
			code: session.code,
			rounds: session.record.rounds,
			pack: singles,
			...session.records()
		});
		expect(csv).toMatch(/,single,image,1,s900,Ada,.*,synthetic,synthetic,1,/);
		expect(csv).toMatch(/,single,image,1,s901,Ada,.*,real,real,1,/);

		const id = session.id;
		hub.stop();
		hub = singleHub();
		expect((await hub.get(id))!.record.rounds).toEqual(session.record.rounds);
	});
});
