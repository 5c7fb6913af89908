/**
 * Seeded randomness for runs. mulberry32 (Tommy Ettinger, public domain) is a 32-bit-state
 * generator: tiny, fast, passes the usual statistical batteries well enough for shuffling rounds,
 * and, above all, gives the same sequence for the same seed on every JavaScript engine, so a run
 * can be rebuilt from its seed on the server, in the browser and from a share link.
 * It is not cryptographic; seeds themselves come from `randomSeed()`.
 */

/** A function returning floats in [0, 1). */
export type Random = () => number;

/** The mulberry32 generator for a uint32 seed (other numbers are reduced modulo 2^32). */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A fresh uint32 seed from the platform's cryptographic random source (browser and Node). */
export function randomSeed(): number {
	return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}

/** A whole number in [0, n). */
export function randomInt(random: Random, n: number): number {
	return Math.floor(random() * n);
}

/** A shuffled copy (Fisher-Yates), leaving `items` untouched. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(random, i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
