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

/** Seconds with one decimal in the current locale: 1.2 */
export function formatSeconds(seconds: number): string {
	return new Intl.NumberFormat(getLocale(), {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(seconds);
}

/** A share as a whole percentage in the current locale: 0.85 -> "85%". */
export function formatPercent(share: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(
		share
	);
}
