/**
 * The class report as CSV: one row per verdict, and one row per student. Safe to open in a
 * spreadsheet: a text cell that starts like a formula (= + - @, tab, carriage return) is prefixed
 * with an apostrophe so it is shown, never run (OWASP "CSV injection").
 */
import { correctAnswer } from '$lib/game/round';
import type { Pack } from '$lib/game/pack';
import type { SessionRound } from '$lib/game/classroom-phases';
import type { ClassReport } from '$lib/game/classroom-report';
import type { SeatRecord, VerdictRecord } from './store';

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: numbers as they are, text defused and quoted when needed, nothing for null. */
export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = value;
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text, CRLF line ends (RFC 4180). */
export function toCsv(rows: ReadonlyArray<readonly CsvValue[]>): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const round3 = (value: number | null | undefined) =>
	value === null || value === undefined ? null : Math.round(value * 1000) / 1000;

/** One row per verdict, in round order. */
export function verdictsCsv(input: {
	code: string;
	rounds: readonly SessionRound[];
	pack: Pack;
	seats: readonly SeatRecord[];
	verdicts: readonly VerdictRecord[];
}): string {
	const seats = new Map(input.seats.map((seat) => [seat.id, seat]));
	const rows: CsvValue[][] = [
		[
			'session',
			'round',
			'part',
			'round_type',
			'kind',
			'tier',
			'pair',
			'student',
			'seat',
			'student_status',
			'answer',
			'right_answer',
			'correct',
			'confidence',
			'response_ms',
			'answered_at'
		]
	];
	for (const verdict of input.verdicts) {
		const round = input.rounds[verdict.round];
		const seat = seats.get(verdict.seatId);
		if (!round || !seat) continue;
		rows.push([
			input.code,
			round.index + 1,
			round.part,
			round.type,
			round.kind,
			round.tier,
			round.pairId,
			seat.nickname,
			seat.id,
			seat.status,
			verdict.answer,
			correctAnswer(round, input.pack),
			verdict.correct,
			verdict.confidence,
			verdict.responseMs,
			new Date(verdict.createdAt).toISOString()
		]);
	}
	return toCsv(rows);
}

/** One row per student, from the class report. */
export function summaryCsv(report: ClassReport): string {
	const rows: CsvValue[][] = [
		[
			'student',
			'seat',
			'status',
			'answered',
			'correct',
			'accuracy',
			'd_prime',
			'criterion',
			'mean_confidence',
			'overconfidence',
			'brier',
			'points',
			'pre_accuracy',
			'post_accuracy',
			'accuracy_change'
		]
	];
	for (const student of report.students) {
		const pre = student.parts.pre?.accuracy ?? null;
		const post = student.parts.post?.accuracy ?? null;
		rows.push([
			student.nickname,
			student.seatId,
			student.status,
			student.answered,
			student.correct,
			round3(student.accuracy),
			round3(student.sensitivity),
			round3(student.criterion),
			round3(student.calibration?.meanConfidence),
			round3(student.calibration?.overconfidence),
			round3(student.calibration?.brier),
			student.points,
			round3(pre),
			round3(post),
			pre === null || post === null ? null : round3(post - pre)
		]);
	}
	return toCsv(rows);
}
