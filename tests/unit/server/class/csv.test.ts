import { describe, expect, it } from 'vitest';
import { buildRun } from '$lib/game/play/run';
import { correctAnswer } from '$lib/game/play/round';
import { planSession } from '$lib/game/class/phases';
import { classReport } from '$lib/game/class/report';
import { csvCell, summaryCsv, toCsv, verdictsCsv } from '$lib/server/class/csv';
import { RateLimiter } from '$lib/server/class/rate-limit';
import {
	isJoinCode,
	isTokenShaped,
	newJoinCode,
	newSeatId,
	tokenMatches,
	hashToken
} from '$lib/server/class/tokens';
import type { SeatRecord, VerdictRecord } from '$lib/server/class/store';
import { classPack } from '../../game/class-pack';

/** A minimal RFC 4180 reader, to check the CSV from the outside. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(cell);
			cell = '';
		} else if (char === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += char;
	}
	return rows;
}

describe('csvCell', () => {
	it('defuses text that a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('Ada')).toBe('Ada');
	});

	it('keeps numbers as numbers, negative ones included', () => {
		expect(csvCell(-0.25)).toBe('-0.25');
		expect(csvCell(3)).toBe('3');
		expect(csvCell(NaN)).toBe('');
		expect(csvCell(null)).toBe('');
		expect(csvCell(true)).toBe('1');
	});

	it('quotes commas, quotes and line breaks', () => {
		expect(parseCsv(toCsv([['a,b', 'say "hi"', 'two\nlines']]))).toEqual([
			['a,b', 'say "hi"', 'two\nlines']
		]);
	});
});

describe('the class CSV files', () => {
	const pack = classPack();
	const run = buildRun(pack, {
		seed: 9,
		mode: 'pairs',
		count: 3,
		difficulty: 'any',
		kinds: ['image']
	});
	const rounds = planSession(run, 0).rounds;
	const seats: SeatRecord[] = [
		{
			id: 's1',
			tokenHash: 'x',
			nickname: 'Ada',
			nicknameKey: 'ada',
			status: 'active',
			joinedAt: 0
		},
		{
			id: 's2',
			tokenHash: 'y',
			nickname: "O'Neil",
			nicknameKey: "o'neil",
			status: 'kicked',
			joinedAt: 0
		}
	];
	const verdicts: VerdictRecord[] = rounds.flatMap((round) =>
		seats.map((seat) => ({
			seatId: seat.id,
			round: round.index,
			answer: correctAnswer(round, pack),
			confidence: 0.85,
			responseMs: 1234,
			correct: true,
			createdAt: Date.UTC(2025, 0, 6)
		}))
	);

	it('has one row per verdict', () => {
		const rows = parseCsv(verdictsCsv({ code: '012345', rounds, pack, seats, verdicts }));
		expect(rows[0]).toContain('right_answer');
		expect(rows).toHaveLength(1 + verdicts.length);
		const first = Object.fromEntries(rows[0].map((name, i) => [name, rows[1][i]]));
		expect(first).toMatchObject({
			session: '012345',
			round: '1',
			part: 'training',
			student: 'Ada',
			correct: '1',
			confidence: '0.85',
			response_ms: '1234',
			answered_at: '2025-01-06T00:00:00.000Z'
		});
		expect(rows.at(-1)![rows[0].indexOf('student_status')]).toBe('kicked');
	});

	it('has one row per student in the summary', () => {
		const report = classReport({
			run: { ...run, rounds },
			pack,
			seats,
			verdicts,
			played: rounds.length
		});
		const rows = parseCsv(summaryCsv(report));
		expect(rows.map((row) => row[0])).toEqual(['student', 'Ada', "O'Neil"]);
		expect(rows[1][rows[0].indexOf('accuracy')]).toBe('1');
		// Three pair rounds: no bias (single rounds only), too few answers for d', no tests.
		expect(rows[0]).toEqual([
			'student',
			'seat',
			'status',
			'answered',
			'correct',
			'accuracy',
			'mean_confidence',
			'overconfidence',
			'brier',
			'points'
		]);
		for (const row of rows.slice(1)) expect(row.every((cell) => cell !== '')).toBe(true);
	});

	it('writes seat ids unchanged, and new ones never look like a formula', () => {
		const ids = Array.from({ length: 2000 }, () => newSeatId());
		expect(ids.every((id) => /^[a-z2-9]{12}$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const own = seats.map((seat, i) => ({ ...seat, id: ids[i] }));
		const report = classReport({
			run: { ...run, rounds },
			pack,
			seats: own,
			verdicts: verdicts.map((verdict) => ({
				...verdict,
				seatId: own[seats.findIndex((seat) => seat.id === verdict.seatId)].id
			})),
			played: rounds.length
		});
		const rows = parseCsv(summaryCsv(report));
		expect(rows.slice(1).map((row) => row[rows[0].indexOf('seat')])).toEqual([ids[0], ids[1]]);
	});
});

describe('RateLimiter', () => {
	it('allows a burst, then refills at its rate', () => {
		let now = 0;
		const limiter = new RateLimiter({ capacity: 3, perSecond: 1, now: () => now });
		expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([
			true,
			true,
			true,
			false
		]);
		expect(limiter.take('b')).toBe(true);
		expect(limiter.retryAfter('a')).toBe(1);
		now += 1000;
		expect(limiter.allows('a')).toBe(true);
		expect(limiter.take('a')).toBe(true);
		expect(limiter.take('a')).toBe(false);
	});

	it('forgets keys whose bucket is full again', () => {
		let now = 0;
		const limiter = new RateLimiter({ capacity: 2, perSecond: 1, now: () => now });
		limiter.take('a');
		limiter.take('b');
		expect(limiter.size).toBe(2);
		now += 5000;
		limiter.sweep();
		expect(limiter.size).toBe(0);
	});
});

describe('tokens and codes', () => {
	it('makes 6-digit codes that look random', () => {
		const codes = Array.from({ length: 500 }, () => newJoinCode());
		expect(codes.every(isJoinCode)).toBe(true);
		expect(new Set(codes).size).toBeGreaterThan(490);
		expect(isJoinCode('12345')).toBe(false);
		expect(isJoinCode('1234567')).toBe(false);
		expect(isJoinCode('12a456')).toBe(false);
	});

	it('checks tokens against their hash only', () => {
		expect(tokenMatches('secret-token', hashToken('secret-token'))).toBe(true);
		expect(tokenMatches('secret-tokem', hashToken('secret-token'))).toBe(false);
		expect(isTokenShaped('abcDEF123_-xyz')).toBe(true);
		expect(isTokenShaped('a b')).toBe(false);
		expect(isTokenShaped('x'.repeat(65))).toBe(false);
	});
});

describe('SESSION_TTL_DAYS', () => {
	it('defaults to 7 days and accepts a positive number of days', async () => {
		const { sessionTtlDays } = await import('$lib/server/config');
		expect(sessionTtlDays(undefined)).toBe(7);
		expect(sessionTtlDays('')).toBe(7);
		expect(sessionTtlDays('30')).toBe(30);
		expect(sessionTtlDays('0.5')).toBe(0.5);
		for (const bad of ['0', '-1', 'week', 'Infinity']) {
			expect(() => sessionTtlDays(bad), bad).toThrow(/SESSION_TTL_DAYS/);
		}
	});
});
