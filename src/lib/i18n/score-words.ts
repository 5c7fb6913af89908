/**
 * The words and number formats of a score, shared by the score page, its preview image and the
 * share text, so all three say the same thing the same way.
 */
import type { RunMode } from '$lib/game/play/run';
import { calibrationGapPoints, judgeCalibration } from '$lib/game/play/scoring';
import type { ShareWords } from '$lib/game/share/text';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

const MODES: Record<RunMode, () => string> = {
	pairs: m.score_mode_pairs,
	single: m.score_mode_single,
	mixed: m.score_mode_mixed
};

export function modeName(mode: RunMode): string {
	return MODES[mode]();
}

/** The words of the spoiler-free share text in the current locale. */
export function shareWords(): ShareWords {
	return {
		app: m.app_name(),
		modes: {
			pairs: m.score_mode_pairs(),
			single: m.score_mode_single(),
			mixed: m.score_mode_mixed()
		},
		sure: (percent) => m.score_confidence_value({ percent }),
		replay: m.share_word_replay()
	};
}

/** "25 November 2026" from "2026-11-25" (the day is UTC, so it is shown as UTC). */
export function formatDay(day: string): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${day}T00:00:00Z`)
	);
}

/** d′ with two decimals, e.g. "1.24" or "−0.30". */
export function formatDPrime(dPrime: number): string {
	return new Intl.NumberFormat(getLocale(), {
		minimumFractionDigits: 2,
		maximumFractionDigits: 2
	}).format(dPrime);
}

/** A share 0..1 as whole percent. */
export function percent(share: number): number {
	return Math.round(share * 100);
}

/** "12 points surer than right", "Confidence matched accuracy", ... */
export function calibrationText(overconfidence: number): string {
	const points = calibrationGapPoints(overconfidence);
	const words = {
		over: () => m.score_calibration_over({ points }),
		under: () => m.score_calibration_under({ points }),
		matched: () => m.score_calibration_matched()
	};
	return words[judgeCalibration(overconfidence)]();
}
