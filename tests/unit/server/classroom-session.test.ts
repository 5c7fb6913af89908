import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validatePack } from '$lib/game/pack/schema';
import { correctAnswer, type Answer } from '$lib/game/play/round';
import { tellCategoriesOf } from '$lib/game/play/run';
import { parseSessionSettings, type SessionSettings } from '$lib/game/class/settings';
import type { HostLive, HostState, PlayerState } from '$lib/game/class/views';
import { openDatabase, type Db } from '$lib/server/db';
import { ClassroomHub } from '$lib/server/classroom/hub';
import { parseHostCommand } from '$lib/server/classroom/commands';
import {
	LATE_GRACE_MS,
	MAX_STREAMS_PER_SEAT,
	type LiveSession
} from '$lib/server/classroom/session';
import { classroomPack } from '../game/classroom-pack';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);

const pack = classroomPack();

function settings(overrides: Record<string, unknown> = {}): SessionSettings {
	const parsed = parseSessionSettings({ packId: pack.id, rounds: 4, timer: 0, ...overrides });
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.settings;
}

function wrong(answer: Answer): Answer {
	return ({ left: 'right', right: 'left', real: 'synthetic', synthetic: 'real' } as const)[answer];
}

/** Reads SSE events from a stream response until `count` named events arrived. */
async function readEvents(response: Response, count: number) {
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const events: Array<{ event: string; data: unknown }> = [];
	let buffer = '';
	while (events.length < count) {
		const { value, done } = await reader.read();
		if (done) break;
		buffer += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const event = /^event: (.*)$/m.exec(block)?.[1];
			const data = /^data: (.*)$/m.exec(block)?.[1];
			if (event && data) events.push({ event, data: JSON.parse(data) });
		}
	}
	reader.releaseLock();
	return events;
}

let dir: string;
let db: Db;
let clock: number;
let hub: ClassroomHub;

function newHub(): ClassroomHub {
	return new ClassroomHub({
		db,
		getPack: (id) => (id === pack.id ? pack : undefined),
		ttlDays: 7,
		mediaKey: MEDIA_KEY,
		now: () => clock
	});
}

function create(overrides: Record<string, unknown> = {}) {
	const created = hub.create(settings(overrides));
	if (!created.ok) throw new Error(created.problem);
	return created;
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
		expect(validatePack(pack, 'classroom-pack').ok).toBe(true);
	});
});

describe('creating and joining', () => {
	it('gives a 6-digit code, a secret host token and the planned rounds', () => {
		const { session, hostToken } = create({ prePost: 'on', testRounds: 2 });
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
		expect(hub.byCode(session.code)).toBe(session);
	});

	it('refuses a pack it does not have, and filters that leave no rounds', () => {
		expect(hub.create({ ...settings(), packId: 'nope' })).toEqual({
			ok: false,
			problem: 'no-pack'
		});
		expect(hub.create(settings({ kinds: ['video'] }))).toEqual({
			ok: false,
			problem: 'no-rounds'
		});
	});

	it('draws the rounds from the topics the host chose only', () => {
		const { session } = create({ topics: ['voice'], rounds: 3 });
		expect(session.record.rounds).toHaveLength(3);
		for (const round of session.record.rounds) {
			expect(pack.pairs.find((pair) => pair.id === round.pairId)?.topic).toBe('voice');
		}
		expect(hub.create(settings({ topics: ['video'] }))).toEqual({
			ok: false,
			problem: 'no-rounds'
		});
	});

	it('keeps nicknames unique, filtered and within limits', () => {
		const { session } = create();
		join(session, 'Ada');
		expect(session.join(null, { nickname: 'ADA ' })).toEqual({ ok: false, problem: 'taken' });
		expect(session.join(null, { nickname: 'x' })).toEqual({ ok: false, problem: 'too-short' });
		expect(session.join(null, { nickname: 'shithead' })).toEqual({ ok: false, problem: 'rude' });
		const generated = session.join(null, { generate: true });
		expect(generated.ok && generated.seat.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+/);
	});

	it('never seats a name that looks like one already in the class, or an invisible one', () => {
		const { session } = create();
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
		expect(session.hostState().seats.map((seat) => seat.nickname)).toEqual(['Maria', 'Ivan']);
	});

	it('resumes the seat of a device that already joined, whatever name it sends', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		const again = session.join(token, { nickname: 'Somebody Else' });
		expect(again.ok && again.seat.nickname).toBe('Ada');
		expect(again.ok && again.token).toBeNull();
	});

	it('closes joining at the start unless late joining is on', () => {
		const { session } = create();
		join(session, 'Ada');
		expect(session.command({ command: 'start' })).toEqual({ ok: true });
		expect(session.join(null, { nickname: 'Late' })).toEqual({ ok: false, problem: 'closed' });
		session.command({ command: 'late-join', allow: true });
		expect(session.join(null, { nickname: 'Late' }).ok).toBe(true);
	});
});

describe('verdicts', () => {
	it('keeps the first verdict of a double tap or a replayed request', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const answer = answerOf(session);
		const first = session.verdict(token, { round: 0, answer, confidence: 0.7 });
		expect(first).toMatchObject({ ok: true, duplicate: false });
		const second = session.verdict(token, { round: 0, answer: wrong(answer), confidence: 1 });
		expect(second).toEqual({
			ok: true,
			verdict: { round: 0, answer, confidence: 0.7 },
			duplicate: true
		});
		const rows = db.prepare('SELECT answer, confidence FROM class_verdicts').all();
		expect(rows).toEqual([{ answer, confidence: 0.7 }]);
	});

	it('measures the response time on the server, and refuses one a phone sends', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 4200;
		expect(
			session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1, responseMs: 1 })
		).toMatchObject({ ok: false, problem: 'invalid' });
		session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1 });
		const row = db.prepare('SELECT response_ms FROM class_verdicts').get();
		expect(row).toEqual({ response_ms: 4200 });
	});

	it('takes a verdict held up by the network up to 10 s after the deadline, none later', () => {
		const { session } = create({ timer: 20 });
		const late = join(session, 'Late');
		const blip = join(session, 'Blip');
		const onTime = join(session, 'OnTime');
		session.command({ command: 'start' });
		expect(session.record.deadline).toBe(clock + 20_000);
		clock += 19_999;
		expect(session.verdict(onTime, { round: 0, answer: 'left', confidence: 1 }).ok).toBe(true);
		clock += 2;
		// The first request after the deadline closes the round on the server's clock...
		expect(session.verdict(blip, { round: 0, answer: 'left', confidence: 1 }).ok).toBe(true);
		expect(session.record.phase).toBe('closed');
		// ...and answers keep counting for LATE_GRACE_MS after that, then no more.
		clock += LATE_GRACE_MS + 1;
		expect(session.verdict(late, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 2 });
		expect(session.hostState().answered).toBe(2);
	});

	it('takes no late verdict once the round is revealed, whatever the grace', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'close', round: 0 });
		session.command({ command: 'reveal', round: 0 });
		expect(session.verdict(token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
	});

	it('closes a round by itself at its deadline', () => {
		vi.useFakeTimers({ now: clock });
		const { session } = create({ timer: 20 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 20_001;
		vi.advanceTimersByTime(20_001);
		expect(session.record.phase).toBe('closed');
	});

	it('never counts a verdict sent during a reveal for the next round', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		expect(session.verdict(token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'too-late'
		});
		session.command({ command: 'next', round: 0 });
		// The same request arriving late, naming round 0, while round 1 is open.
		expect(session.verdict(token, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'wrong-round'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 0 });
	});

	it('refuses malformed verdicts with a reason, and never throws', () => {
		const { session } = create();
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
			const result = session.verdict(token, input);
			expect(result.ok, JSON.stringify(input)).toBe(false);
			if (!result.ok) expect(['invalid', 'wrong-round']).toContain(result.problem);
		}
		expect(session.verdict(token, { round: 0, answer: 'left', confidence: 2 })).toMatchObject({
			ok: false,
			problem: 'invalid',
			error: expect.stringContaining('confidence')
		});
	});

	it('refuses verdicts from a removed or blocked player', () => {
		const { session } = create();
		const kicked = join(session, 'Kicked');
		const banned = join(session, 'Banned');
		const seatOf = (token: string) => session.seatByToken(token)!.id;
		session.command({ command: 'start' });
		expect(session.command({ command: 'kick', seat: seatOf(kicked) })).toEqual({ ok: true });
		expect(session.command({ command: 'ban', seat: seatOf(banned) })).toEqual({ ok: true });
		expect(session.verdict(kicked, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'removed'
		});
		expect(session.verdict(banned, { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'banned'
		});
		expect(session.verdict('not-a-token', { round: 0, answer: 'left', confidence: 1 })).toEqual({
			ok: false,
			problem: 'removed'
		});
		// A blocked device cannot come back; a removed one can, under a new name.
		session.command({ command: 'late-join', allow: true });
		expect(session.join(banned, { nickname: 'Again' })).toEqual({ ok: false, problem: 'banned' });
		const back = session.join(kicked, { nickname: 'Back Again' });
		expect(back.ok && back.seat.status).toBe('active');
	});

	it('lets the host lift a block: the device may rejoin, and the change survives a restart', () => {
		const { session } = create();
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
		expect(session.hostState().seats.find((entry) => entry.id === seat)?.status).toBe('kicked');
		expect(session.hostState().seated).toBe(1);
		// A seated student is not blocked, so there is nothing to lift.
		expect(session.command({ command: 'unban', seat: session.seatByToken(ada)!.id })).toEqual({
			ok: false,
			problem: 'stale'
		});

		const id = session.id;
		hub.stop();
		hub = newHub();
		const restored = hub.get(id)!;
		const back = restored.join(banned, { nickname: 'Back' });
		expect(back.ok && back.seat).toMatchObject({ id: seat, nickname: 'Back', status: 'active' });
	});
});

describe('host commands', () => {
	it('ignores a double tap on "next" instead of skipping a round', () => {
		const { session } = create();
		join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		expect(session.command({ command: 'next', round: 0 })).toEqual({ ok: true });
		expect(session.command({ command: 'next', round: 0 })).toEqual({ ok: false, problem: 'stale' });
		expect(session.record.round).toBe(1);
		expect(session.record.phase).toBe('open');
	});

	it('does not reveal test rounds', () => {
		const { session } = create({ prePost: 'on', testRounds: 1 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1 });
		expect(session.command({ command: 'reveal', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
		session.command({ command: 'close', round: 0 });
		const phone = session.playerState(session.seatByToken(token)!.id)!;
		expect(phone.shared.reveal).toBeNull();
		expect(phone.me.result).toBeNull();
		// Test answers count nowhere until the end.
		expect(phone.me.score).toMatchObject({ answered: 0, correct: 0 });
	});

	it('pauses the timer, keeps it paused across a restart, and resumes with the time left', () => {
		vi.useFakeTimers({ now: clock });
		const { session } = create({ timer: 20 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		clock += 5_000;
		vi.advanceTimersByTime(5_000);
		expect(session.command({ command: 'pause', round: 0 })).toEqual({ ok: true });
		expect(session.command({ command: 'pause', round: 0 })).toEqual({
			ok: false,
			problem: 'stale'
		});
		const host = session.hostState();
		expect(host).toMatchObject({ phase: 'open', paused: true, pausedLeft: 15_000, deadline: null });
		const phone = session.playerState(session.seatByToken(token)!.id)!;
		expect(phone.shared).toMatchObject({ paused: true, deadline: null });

		// A long pause does not close the round, and answers still count while it is paused.
		clock += 120_000;
		vi.advanceTimersByTime(120_000);
		expect(session.record.phase).toBe('open');
		expect(session.verdict(token, { round: 0, answer: 'left', confidence: 1 }).ok).toBe(true);

		const id = session.id;
		hub.stop();
		hub = newHub();
		const restored = hub.get(id)!;
		expect(restored.hostState()).toMatchObject({ paused: true, pausedLeft: 15_000 });
		expect(restored.command({ command: 'resume', round: 0 })).toEqual({ ok: true });
		expect(restored.record.deadline).toBe(clock + 15_000);
		expect(restored.hostState().paused).toBe(false);
		clock += 15_001;
		vi.advanceTimersByTime(15_001);
		expect(restored.record.phase).toBe('closed');
	});

	it('has nothing to pause in a round without a timer', () => {
		const { session } = create({ timer: 0 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		expect(session.command({ command: 'pause', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
	});

	it('swaps the open round for another pair of the same kind and forgets its answers', () => {
		const { session } = create({ timer: 20 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const old = session.record.rounds[0];
		session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1 });
		clock += 10_000;
		expect(session.command({ command: 'swap', round: 0 })).toEqual({ ok: true });
		const now = session.record.rounds[0];
		expect(now.pairId).not.toBe(old.pairId);
		expect(now).toMatchObject({ index: 0, kind: old.kind, type: old.type, part: old.part });
		expect(session.hostState()).toMatchObject({ phase: 'open', round: 0, answered: 0 });
		// The timer starts again for the new pair.
		expect(session.record.deadline).toBe(clock + 20_000);
		expect(db.prepare('SELECT COUNT(*) AS n FROM class_verdicts').get()).toEqual({ n: 0 });
		expect(session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1 }).ok).toBe(
			true
		);
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
		expect(hub.get(id)!.record.rounds[0].pairId).toBe(now.pairId);
	});

	it('says so when the pack has no unused pair of that kind to swap in', () => {
		const { session } = create({ kinds: ['audio'], rounds: 4 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		// The test pack has four voice pairs, and the session uses all of them.
		expect(session.command({ command: 'swap', round: 0 })).toEqual({
			ok: false,
			problem: 'none-left'
		});
	});

	it('skips a round: its answers are forgotten and the next one opens in its place', () => {
		const { session } = create({ rounds: 3 });
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		const pairs = session.record.rounds.map((round) => round.pairId);
		session.verdict(token, { round: 0, answer: answerOf(session), confidence: 1 });
		expect(session.command({ command: 'skip', round: 0 })).toEqual({ ok: true });
		expect(session.record.rounds.map((round) => round.pairId)).toEqual(pairs.slice(1));
		expect(session.hostState()).toMatchObject({ phase: 'open', round: 0, rounds: 2, answered: 0 });
		expect(session.command({ command: 'skip', round: 0 })).toEqual({ ok: true });
		// The last round cannot be skipped: a session keeps one.
		expect(session.command({ command: 'skip', round: 0 })).toEqual({
			ok: false,
			problem: 'not-now'
		});
		expect(session.report().played).toBe(0);
	});

	it('ends the session when the last round is skipped', () => {
		const { session } = create({ rounds: 2 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		session.command({ command: 'reveal', round: 0 });
		session.command({ command: 'next', round: 0 });
		expect(session.command({ command: 'skip', round: 1 })).toEqual({ ok: true });
		expect(session.record).toMatchObject({ phase: 'ended', round: 0 });
		expect(session.record.rounds).toHaveLength(1);
		expect(session.report().played).toBe(1);
	});

	it('shows the host every round in the lobby to swap or drop, and nothing to the phones', () => {
		const { session } = create({ rounds: 4 });
		const token = join(session, 'Ada');
		const before = session.hostState().preview!;
		expect(before).toHaveLength(4);
		expect(before[0]).not.toHaveProperty('answer');
		expect(session.command({ command: 'swap', round: 2 })).toEqual({ ok: true });
		expect(session.command({ command: 'skip', round: 3 })).toEqual({ ok: true });
		const after = session.hostState().preview!;
		expect(after).toHaveLength(3);
		expect(after[2].items[0].media[0].src).not.toBe(before[2].items[0].media[0].src);
		expect(after[0]).toEqual(before[0]);
		expect(session.record.phase).toBe('lobby');
		expect(JSON.stringify(session.playerState(session.seatByToken(token)!.id))).not.toContain(
			'preview'
		);
		session.command({ command: 'start' });
		expect(session.hostState().preview).toBeNull();
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

	it('ends after the last round', () => {
		const { session } = create({ rounds: 2 });
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
	it('has no answer, item id, truth or tell before the reveal', () => {
		const { session } = create({ rounds: 6, mode: 'mixed' });
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		session.command({ command: 'start' });
		for (let round = 0; round < 6; round++) {
			const before = JSON.stringify(session.playerState(seat));
			const host = JSON.stringify(session.hostState());
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
			session.verdict(token, { round, answer: answerOf(session), confidence: 1 });
			expect(JSON.stringify(session.playerState(seat))).not.toContain('"truth"');
			session.command({ command: 'reveal', round });
			const after = session.playerState(seat)!;
			expect(after.shared.reveal?.answer).toBe(answerOf(session));
			expect(after.me.result?.correct).toBe(true);
			session.command({ command: 'next', round });
		}
	});

	it("shows each phone its own result and score, never another's answer", () => {
		const { session } = create({ scoring: 'points', leaderboard: 'on' });
		const ada = join(session, 'Ada');
		const bo = join(session, 'Bo');
		session.command({ command: 'start' });
		const answer = answerOf(session);
		session.verdict(ada, { round: 0, answer, confidence: 1 });
		session.verdict(bo, { round: 0, answer: wrong(answer), confidence: 0.5 });
		session.command({ command: 'reveal', round: 0 });
		const adaState = session.playerState(session.seatByToken(ada)!.id)!;
		const boState = session.playerState(session.seatByToken(bo)!.id)!;
		expect(adaState.me).toMatchObject({ result: { correct: true, points: 100 }, rank: 1 });
		expect(boState.me).toMatchObject({ result: { correct: false, points: 0 }, rank: 2 });
		expect(boState.me.verdict?.answer).toBe(wrong(answer));
		expect(JSON.stringify(boState)).not.toContain(session.seatByToken(ada)!.id);
		expect(boState.shared.top?.map((entry) => entry.nickname)).toEqual(['Ada', 'Bo']);
		expect(session.hostState().split).toEqual(
			expect.arrayContaining([
				{ answer, count: 1 },
				{ answer: wrong(answer), count: 1 }
			])
		);
	});
});

describe('live streams', () => {
	it('starts each stream with the whole state and pushes state changes', async () => {
		const { session } = create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const abort = new AbortController();
		const phone = session.connectSeat(seat, new Request('http://test/', { signal: abort.signal }));
		expect(phone.headers.get('content-type')).toContain('text/event-stream');
		session.command({ command: 'start' });
		const events = await readEvents(phone, 2);
		expect(events.map((event) => event.event)).toEqual(['state', 'state']);
		expect((events[0].data as PlayerState).shared.phase).toBe('lobby');
		expect((events[1].data as PlayerState).shared.phase).toBe('open');
		expect(session.hostState().online).toBe(1);
		abort.abort();
		expect(session.idleFor(clock + 5)).toBe(5);
	});

	it("pushes the host's count at most every 100 ms, with the seats that answered", async () => {
		vi.useFakeTimers({ now: clock });
		const { session } = create();
		const tokens = Array.from({ length: 30 }, (_, i) => join(session, `Student ${i + 1}`));
		session.command({ command: 'start' });
		const host = session.connectHost(new Request('http://test/'));
		const first = readEvents(host, 1);
		await vi.advanceTimersByTimeAsync(200);
		const [state] = await first;
		expect((state.data as HostState).answered).toBe(0);

		const answer = answerOf(session);
		for (const token of tokens.slice(0, 20))
			session.verdict(token, { round: 0, answer, confidence: 1 });
		const live = readEvents(host, 1);
		await vi.advanceTimersByTimeAsync(100);
		const [update] = await live;
		expect(update.event).toBe('live');
		const data = update.data as HostLive;
		// Twenty answers, one message.
		expect(data).toMatchObject({ round: 0, answered: 20, seated: 30 });
		expect(data.seats.filter((seat) => seat.answered)).toHaveLength(20);
	});

	it('keeps at most MAX_STREAMS_PER_SEAT streams per seat, closing the oldest with a reason', async () => {
		const { session } = create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const streams = Array.from({ length: MAX_STREAMS_PER_SEAT + 2 }, () =>
			session.connectSeat(seat, new Request('http://test/'))
		);
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
		expect(session.hostState().online).toBe(1);
	});

	it('tells a removed phone and closes its stream', async () => {
		const { session } = create();
		const token = join(session, 'Ada');
		const seat = session.seatByToken(token)!.id;
		const phone = session.connectSeat(seat, new Request('http://test/'));
		session.command({ command: 'kick', seat });
		const events = await readEvents(phone, 3);
		expect(events.map((event) => event.event)).toEqual(['state', 'removed']);
	});
});

describe('persistence', () => {
	it('survives a restart: seats, verdicts and the round in progress', () => {
		const { session, hostToken } = create({ timer: 60 });
		const ada = join(session, 'Ada');
		const bo = join(session, 'Bo');
		session.command({ command: 'start' });
		session.verdict(ada, { round: 0, answer: answerOf(session), confidence: 0.85 });
		const id = session.id;
		hub.stop();

		clock += 5000;
		hub = newHub();
		const restored = hub.get(id)!;
		expect(restored).toBeDefined();
		expect(hub.isHost(restored, hostToken)).toBe(true);
		expect(restored.record).toMatchObject({ phase: 'open', round: 0 });
		expect(restored.seatByToken(ada)?.nickname).toBe('Ada');
		expect(restored.verdict(ada, { round: 0, answer: 'left', confidence: 1 })).toMatchObject({
			duplicate: true,
			verdict: { confidence: 0.85 }
		});
		expect(
			restored.verdict(bo, { round: 0, answer: answerOf(restored), confidence: 1 })
		).toMatchObject({
			ok: true,
			duplicate: false
		});
		expect(restored.hostState().answered).toBe(2);
	});

	it('gives the rounds of a session stored before rounds had categories their categories', () => {
		const { session } = create({ rounds: 6, mode: 'mixed' });
		const ada = join(session, 'Ada');
		session.command({ command: 'start' });
		session.verdict(ada, { round: 0, answer: answerOf(session), confidence: 0.9 });
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

		hub = newHub();
		const restored = hub.get(session.id)!;
		expect(restored.record.rounds).toEqual(planned);
		for (const round of restored.record.rounds) {
			const pair = pack.pairs.find((candidate) => candidate.id === round.pairId)!;
			expect(round.categories).toEqual(tellCategoriesOf(pack, pair));
		}
		expect(restored.report().students[0]).toMatchObject({ answered: 1, correct: 1 });
	});

	it('closes, after a restart, a round whose deadline passed while the server was down', () => {
		const { session } = create({ timer: 20 });
		join(session, 'Ada');
		session.command({ command: 'start' });
		hub.stop();
		clock += 60_000;
		hub = newHub();
		expect(hub.get(session.id)!.record.phase).toBe('closed');
	});

	it('deletes a session with everything in it, and expires old ones', () => {
		const { session } = create();
		const token = join(session, 'Ada');
		session.command({ command: 'start' });
		session.verdict(token, { round: 0, answer: 'left', confidence: 1 });
		expect(hub.delete(session.id)).toBe(true);
		for (const table of ['class_sessions', 'class_seats', 'class_verdicts']) {
			expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
		}
		expect(hub.get(session.id)).toBeUndefined();

		const old = create().session;
		clock += 6 * 86_400_000;
		const recent = create().session;
		expect(hub.purgeExpired()).toBe(0);
		clock += 2 * 86_400_000;
		expect(hub.purgeExpired()).toBe(1);
		expect(hub.get(old.id)).toBeUndefined();
		expect(hub.get(recent.id)).toBe(recent);
	});

	it('rejects ids that are not session ids without touching the database', () => {
		expect(hub.get('')).toBeUndefined();
		expect(hub.get("x' OR 1=1 --")).toBeUndefined();
		expect(hub.byCode('000000')).toBeUndefined();
	});
});
