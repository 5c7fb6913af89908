/**
 * The class report as CSV: one row per verdict, and one row per student. Safe to open in a
 * spreadsheet: a text cell that starts like a formula (= + - @, tab, carriage return) is prefixed
 * with an apostrophe so it is shown, never run (OWASP "CSV injection").
 */
import { correctAnswer } from '$lib/game/play/round';
import type { Pack } from '$lib/game/pack/schema';
import type { SessionRound } from '$lib/game/class/phases';
import type { ClassReport } from '$lib/game/class/report';
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

const SUMMARY_COLUMNS = [
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
] as const;
type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

// Summary columns that exist only for some sessions (bias needs single rounds, d' enough
// answers, the changes a pre/post design): left out when no student has a value in them.
const OPTIONAL = new Set<SummaryColumn>([
	'd_prime',
	'criterion',
	'mean_confidence',
	'overconfidence',
	'brier',
	'pre_accuracy',
	'post_accuracy',
	'accuracy_change'
]);

/** One row per student, from the class report; every column it has is filled for someone. */
export function summaryCsv(report: ClassReport): string {
	const rows = report.seats.map((seat): Record<SummaryColumn, CsvValue> => {
		const pre = seat.parts.pre?.accuracy ?? null;
		const post = seat.parts.post?.accuracy ?? null;
		return {
			student: seat.nickname,
			seat: seat.seatId,
			status: seat.status,
			answered: seat.answered,
			correct: seat.correct,
			accuracy: round3(seat.accuracy),
			d_prime: round3(seat.sensitivity),
			criterion: round3(seat.criterion),
			mean_confidence: round3(seat.calibration?.meanConfidence),
			overconfidence: round3(seat.calibration?.overconfidence),
			brier: round3(seat.calibration?.brier),
			points: seat.points,
			pre_accuracy: round3(pre),
			post_accuracy: round3(post),
			accuracy_change: pre === null || post === null ? null : round3(post - pre)
		};
	});
	const columns = SUMMARY_COLUMNS.filter(
		(column) =>
			!OPTIONAL.has(column) || rows.some((row) => row[column] !== null && row[column] !== undefined)
	);
	return toCsv([columns, ...rows.map((row) => columns.map((column) => row[column]))]);
}
