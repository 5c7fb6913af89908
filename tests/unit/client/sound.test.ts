import { describe, expect, it, vi } from 'vitest';
import { SoundBoard, type HowlerLoader } from '$lib/client/sound.svelte';
import { memoryStore } from '$lib/client/storage';

/** A fake howler that records what was created and played. */
function fakeHowler() {
	const played: string[] = [];
	const created: string[][] = [];
	const loads = vi.fn();
	class Howl {
		#src: string[];
		constructor(options: { src: string[] }) {
			this.#src = options.src;
			created.push(options.src);
		}
		play() {
			played.push(this.#src[0]);
			return 1;
		}
		stop() {
			return this;
		}
	}
	const load: HowlerLoader = async () => {
		loads();
		return { Howl: Howl as never };
	};
	return { load, loads, played, created };
}

describe('SoundBoard', () => {
	it('loads nothing and plays nothing before a gesture unlocks it', async () => {
		const howler = fakeHowler();
		const board = new SoundBoard(memoryStore(), howler.load);
		board.play('correct');
		await Promise.resolve();
		expect(howler.loads).not.toHaveBeenCalled();
		expect(howler.played).toEqual([]);
		expect(board.unlocked).toBe(false);
	});

	it('after unlock, plays cues from the project’s own files, loading howler once', async () => {
		const howler = fakeHowler();
		const board = new SoundBoard(memoryStore(), howler.load);
		await board.unlock();
		await board.unlock();
		board.play('wrong');
		await vi.waitFor(() => expect(howler.played).toEqual(['/sounds/wrong.ogg']));
		expect(howler.loads).toHaveBeenCalledTimes(1);
		expect(howler.created).toContainEqual(['/sounds/correct.ogg', '/sounds/correct.mp3']);
	});

	it('stays silent when muted, and remembers the choice', async () => {
		const store = memoryStore();
		const howler = fakeHowler();
		const board = new SoundBoard(store, howler.load);
		board.toggle();
		expect(board.muted).toBe(true);
		await board.unlock();
		board.play('correct');
		await Promise.resolve();
		expect(howler.played).toEqual([]);
		const next = new SoundBoard(store, howler.load);
		next.restore();
		expect(next.muted).toBe(true);
		board.toggle();
		const after = new SoundBoard(store, howler.load);
		after.restore();
		expect(after.muted).toBe(false);
	});

	it('reads the remembered choice only when restored, and before anything could sound', async () => {
		const store = memoryStore();
		store.set('telltale:muted', '1');
		const reads = vi.spyOn(store, 'get');
		const howler = fakeHowler();
		const board = new SoundBoard(store, howler.load);
		expect(reads).not.toHaveBeenCalled();
		expect(board.muted).toBe(false);

		// A gesture before the toggle restored the choice still honours it.
		await board.unlock();
		board.play('correct');
		await Promise.resolve();
		expect(board.muted).toBe(true);
		expect(howler.played).toEqual([]);
		board.restore();
		expect(reads).toHaveBeenCalledTimes(1);
	});
});
