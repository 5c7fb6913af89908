/**
 * The game's feedback sounds. Howler and the sound files are loaded only inside a user gesture
 * (`unlock` from a tap or key handler), so no AudioContext starts on page load and nothing plays
 * before the player has touched the page. The mute choice is remembered across visits.
 */
import type { Howl } from 'howler';
import type { KeyValueStore } from './storage';

/** correct / wrong after a verdict, start of a round, time up (class session timer). */
export type Cue = 'correct' | 'wrong' | 'start' | 'timeup';
const CUES: readonly Cue[] = ['correct', 'wrong', 'start', 'timeup'];
const MUTE_KEY = 'telltale:muted';

/** Loads howler; a seam so tests can count loads without audio hardware. */
export type HowlerLoader = () => Promise<{ Howl: typeof Howl }>;

export class SoundBoard {
	/** True when the player turned sounds off (as remembered once `restore` has run). */
	muted = $state(false);
	#store: KeyValueStore;
	#load: HowlerLoader;
	#howls: Partial<Record<Cue, Howl>> = {};
	#loading: Promise<void> | undefined;
	#restored = false;

	constructor(store: KeyValueStore, load: HowlerLoader = () => import('howler')) {
		this.#store = store;
		this.#load = load;
	}

	/**
	 * Reads the remembered mute choice, once. Not in the constructor: it is often a page's first
	 * touch of localStorage, which can take tens of ms, so the toggle calls it after the page has
	 * hydrated. `toggle` and `unlock` call it first; nothing sounds before `unlock`.
	 */
	restore(): void {
		if (this.#restored) return;
		this.#restored = true;
		this.muted = this.#store.get(MUTE_KEY) === '1';
	}

	/** Flips the mute switch and remembers it. */
	toggle(): void {
		this.restore();
		this.muted = !this.muted;
		this.#store.set(MUTE_KEY, this.muted ? '1' : '0');
		if (this.muted) for (const howl of Object.values(this.#howls)) howl?.stop();
	}

	/** Whether `unlock` has run, i.e. the player has made a gesture that may start audio. */
	get unlocked(): boolean {
		return this.#loading !== undefined;
	}

	/** Call from a user gesture: loads howler and the cues the first time, never before. */
	unlock(): Promise<void> {
		this.restore();
		this.#loading ??= this.#load().then(({ Howl }) => {
			for (const cue of CUES) {
				this.#howls[cue] = new Howl({
					src: [`/sounds/${cue}.ogg`, `/sounds/${cue}.mp3`],
					volume: 0.6
				});
			}
		});
		return this.#loading;
	}

	/** Plays a cue when sound is on and a gesture has unlocked audio; otherwise does nothing. */
	play(cue: Cue): void {
		if (this.muted || !this.#loading) return;
		void this.#loading.then(() => {
			if (!this.muted) this.#howls[cue]?.play();
		});
	}
}
