/**
 * A voice clip played through howler, for the A/B voice players and the learn page. Howler is
 * imported on the first press of play (a user gesture), never on page load. Only one clip
 * plays at a time on a page: starting one pauses the other.
 */
import type { Howl } from 'howler';

export type HowlLoader = () => Promise<{ Howl: typeof Howl }>;

/** A clip's file: its URL and, where the URL has no extension, its media type. */
export interface VoiceClip {
	src: string;
	type?: string;
}

/**
 * Howler's name for a clip's format. Howler picks a playable source by its format and reads it
 * from the URL's extension, which online rounds' opaque media addresses do not have.
 */
export function voiceFormat({ src, type }: VoiceClip): string {
	if (!type) return /\.(\w+)$/.exec(src)?.[1] ?? '';
	const [base, ...parameters] = type.toLowerCase().split(';');
	if (base.trim() === 'audio/ogg') {
		return parameters.some((parameter) => parameter.includes('opus')) ? 'opus' : 'ogg';
	}
	return { 'audio/mp4': 'm4a', 'audio/webm': 'webm', 'audio/mpeg': 'mp3' }[base.trim()] ?? '';
}

export class VoicePlayer {
	/** The clip playing on this page, if any. */
	static #current: VoicePlayer | null = null;
	playing = $state(false);
	/** Seconds from the start. */
	position = $state(0);
	/** Seconds; from the pack until the clip has loaded. */
	duration = $state(0);
	#clips: VoiceClip[];
	#load: HowlLoader;
	#howl: Promise<Howl> | undefined;
	#id: number | undefined;
	#frame = 0;
	#stopAt: number | null = null;

	constructor(clips: VoiceClip[], duration = 0, load: HowlLoader = () => import('howler')) {
		this.#clips = clips;
		this.duration = duration;
		this.#load = load;
	}

	#ensure(): Promise<Howl> {
		this.#howl ??= this.#load().then(
			({ Howl }) =>
				new Promise<Howl>((resolve, reject) => {
					const howl: Howl = new Howl({
						src: this.#clips.map((clip) => clip.src),
						format: this.#clips.map(voiceFormat),
						preload: true,
						onload: () => {
							this.duration = howl.duration() || this.duration;
							resolve(howl);
						},
						onloaderror: (_id, error) => reject(new Error(String(error))),
						onend: () => {
							this.playing = false;
							this.position = this.duration;
							cancelAnimationFrame(this.#frame);
						}
					});
				})
		);
		this.#howl.catch(() => (this.#howl = undefined));
		return this.#howl;
	}

	#follow = () => {
		void this.#howl?.then((howl) => {
			const at = howl.seek(this.#id);
			if (typeof at === 'number') this.position = at;
			if (this.#stopAt !== null && this.position >= this.#stopAt) {
				this.pause();
				return;
			}
			if (this.playing) this.#frame = requestAnimationFrame(this.#follow);
		});
	};

	/** Plays from `from` (or where it was) and, with `until`, stops there. */
	async play(from?: number, until?: number): Promise<void> {
		if (VoicePlayer.#current && VoicePlayer.#current !== this) VoicePlayer.#current.pause();
		VoicePlayer.#current = this;
		const howl = await this.#ensure();
		const start = from ?? (this.position >= this.duration - 0.05 ? 0 : this.position);
		this.#stopAt = until ?? null;
		this.#id = howl.play(this.#id);
		howl.seek(start, this.#id);
		this.position = start;
		this.playing = true;
		cancelAnimationFrame(this.#frame);
		this.#frame = requestAnimationFrame(this.#follow);
	}

	pause(): void {
		this.playing = false;
		cancelAnimationFrame(this.#frame);
		void this.#howl?.then((howl) => howl.pause(this.#id));
		if (VoicePlayer.#current === this) VoicePlayer.#current = null;
	}

	toggle(): Promise<void> {
		if (this.playing) {
			this.pause();
			return Promise.resolve();
		}
		return this.play();
	}

	/** Moves to `seconds`, playing on if it was playing. */
	seek(seconds: number): void {
		this.position = Math.min(Math.max(seconds, 0), this.duration || seconds);
		this.#stopAt = null;
		void this.#howl?.then((howl) => howl.seek(this.position, this.#id));
	}

	/** Stops and frees the audio (the component using it is going away). */
	destroy(): void {
		this.pause();
		void this.#howl?.then((howl) => howl.unload());
		this.#howl = undefined;
	}
}
