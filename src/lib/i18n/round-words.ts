/** Small pieces of wording shared by the round components. */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Place } from '$lib/components/round/regions';

const PLACES: Record<Place, () => string> = {
	'top-left': m.reveal_place_top_left,
	top: m.reveal_place_top,
	'top-right': m.reveal_place_top_right,
	left: m.reveal_place_left,
	centre: m.reveal_place_centre,
	right: m.reveal_place_right,
	'bottom-left': m.reveal_place_bottom_left,
	bottom: m.reveal_place_bottom,
	'bottom-right': m.reveal_place_bottom_right
};

/** "upper left", "centre"... */
export function placeName(place: Place): string {
	return PLACES[place]();
}

/**
 * One number format per locale and style, made on first use. A media player's clock formats its
 * time several times a second, and making a format is not free (measured: the first one in a
 * fresh page costs a phone-class CPU about 40 ms, the ICU data it loads; each later one is cheap
 * but still more than formatting with one already made).
 */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(style: 'seconds' | 'percent'): Intl.NumberFormat {
	const locale = getLocale();
	const key = `${locale} ${style}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(
			locale,
			style === 'seconds'
				? { minimumFractionDigits: 1, maximumFractionDigits: 1 }
				: { style: 'percent', maximumFractionDigits: 0 }
		);
		formats.set(key, format);
	}
	return format;
}

/** Seconds with one decimal in the current locale: 1.2 */
export function formatSeconds(seconds: number): string {
	return numberFormat('seconds').format(seconds);
}

/** A share as a whole percentage in the current locale: 0.85 -> "85%". */
export function formatPercent(share: number): string {
	return numberFormat('percent').format(share);
}
