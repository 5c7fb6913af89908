/**
 * The choices on the play page, as the player sees them, and the run options each one means.
 * "Voices" is pairs of voices; the others draw from every kind of media.
 */
// Types only from run.ts: it builds zod schemas at load time, which the browser need not download.
import type { Difficulty, RunMode, RunOptions } from '$lib/game/play/run';
import { MEDIA_KINDS, type MediaKind, type TellCategory } from '$lib/game/pack/taxonomy';

export const PLAY_MODES = ['pairs', 'single', 'voices', 'mixed'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];
/** Run lengths offered; the first is the default (Quick play). */
export const RUN_LENGTHS = [10, 20] as const;

/** Options for a fresh run, without a seed (the server picks it). */
export type RunChoice = Omit<RunOptions, 'seed'>;

/** The run options of a play-page choice. */
export function runChoice(
	mode: PlayMode,
	count: number = RUN_LENGTHS[0],
	difficulty: Difficulty = 'any',
	focus: TellCategory[] = []
): RunChoice {
	const run: RunMode = mode === 'voices' ? 'pairs' : mode;
	const kinds: MediaKind[] = mode === 'voices' ? ['audio'] : [...MEDIA_KINDS];
	const choice: RunChoice = { mode: run, count, difficulty, kinds };
	if (focus.length > 0) choice.focus = focus;
	return choice;
}

/** The play-page mode a run's options came from (for history and results). */
export function playMode(options: Pick<RunOptions, 'mode' | 'kinds'>): PlayMode {
	if (options.mode === 'pairs' && options.kinds.length === 1 && options.kinds[0] === 'audio') {
		return 'voices';
	}
	return options.mode;
}
