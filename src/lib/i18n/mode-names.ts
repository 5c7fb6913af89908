/** Player-facing names of the play modes (see src/routes/play/modes.ts). */
import { m } from '$lib/paraglide/messages.js';

const NAMES: Record<string, { name: () => string; hint: () => string }> = {
	pairs: { name: m.play_mode_pairs, hint: m.play_mode_pairs_hint },
	single: { name: m.play_mode_single, hint: m.play_mode_single_hint },
	voices: { name: m.play_mode_voices, hint: m.play_mode_voices_hint },
	mixed: { name: m.play_mode_mixed, hint: m.play_mode_mixed_hint }
};

/** "Pairs", "Real or fake"...; an unknown mode (from old history) is shown as stored. */
export function modeName(mode: string): string {
	return NAMES[mode]?.name() ?? mode;
}

/** One line on what the mode asks. */
export function modeHint(mode: string): string {
	return NAMES[mode]?.hint() ?? '';
}
