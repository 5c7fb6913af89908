/** The stretch of a voice or a video that the focused tell covers. */
import type { RevealedTell } from '$lib/game/play/round';
import { regionTime } from './regions';

/**
 * Plays the focused tell's stretch each time the focus moves to a tell. The focus follows a tap
 * on the tell (a user gesture), never page load. `play` answers false while there is nothing to
 * play yet (the video element is not there); the stretch is then played once there is.
 */
export function playFocusedStretch(
	view: () => { focused: number | null; tells: RevealedTell[] },
	play: (start: number, end: number) => boolean | void
): void {
	let lastFocus: number | null = null;
	$effect(() => {
		const { focused, tells } = view();
		if (focused === lastFocus) return;
		const time = focused !== null && tells[focused] ? regionTime(tells[focused].region) : null;
		if (time && play(time.start, time.end) === false) return;
		lastFocus = focused;
	});
}
