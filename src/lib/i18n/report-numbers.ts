/**
 * The class report's numbers as the teacher reads them: a dash where a figure has no value yet
 * (too few answers, a part not played), so an empty cell never reads as zero.
 */
import { m } from '$lib/paraglide/messages.js';

const NO_VALUE = '–';
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat(undefined, {
	maximumFractionDigits: 2,
	signDisplay: 'exceptZero'
});

/** A share 0..1 as whole percent: 0.85 -> "85%". */
export function reportPercent(value: number | null | undefined): string {
	return value === null || value === undefined ? NO_VALUE : `${Math.round(value * 100)}%`;
}

/** A change of a share, in percentage points: 0.12 -> "+12 pp". */
export function reportPoints(value: number | null | undefined): string {
	return value === null || value === undefined
		? NO_VALUE
		: m.host_report_points_change({ change: signed.format(Math.round(value * 100)) });
}

/** A statistic such as d' or c, to two decimals. */
export function reportDecimal(value: number | null | undefined): string {
	return value === null || value === undefined ? NO_VALUE : number.format(value);
}

/** A change of such a statistic, signed. */
export function reportChange(value: number | null | undefined): string {
	return value === null || value === undefined ? NO_VALUE : signed.format(value);
}
