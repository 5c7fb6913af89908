/** The play area's shared browser state, created once by the play layout and handed down. */
import { createContext } from 'svelte';
import type { PlayHistory } from './history.svelte';
import type { SoundBoard } from './sound.svelte';

export interface PlayState {
	sound: SoundBoard;
	history: PlayHistory;
}

const [getPlayState, setPlayState] = createContext<PlayState>();

export { getPlayState, setPlayState };
