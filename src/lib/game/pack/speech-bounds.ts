/**
 * Where the speech of a voice starts and ends. The default pack's recipe trims both sides of
 * every voice pair by this rule (src/recipe/voices/clip.ts), and the editor trims a teacher's
 * voices by it in the browser (voice-conversion.ts), so neither side of a pair starts or ends
 * after a longer silence than the other: a difference players could pick by.
 */

/**
 * The first and last 32 ms frame, in 10 ms steps, whose power is within 40 dB of the loudest
 * frame's, in samples (`end` just past the last frame); null for a silent clip. Below that a
 * clip's sound is within a few dB of a quiet room's and cannot be heard as speech.
 */
export function speechBounds(
	samples: Float32Array,
	sampleRate: number
): { start: number; end: number } | null {
	const frame = Math.round(0.032 * sampleRate);
	const step = Math.round(0.01 * sampleRate);
	const powers: number[] = [];
	for (let i = 0; i + frame <= samples.length; i += step) {
		let sum = 0;
		for (let j = i; j < i + frame; j++) sum += samples[j] * samples[j];
		powers.push(sum / frame);
	}
	const floor = powers.reduce((loudest, power) => Math.max(loudest, power), 0) * 1e-4;
	const first = powers.findIndex((power) => power > floor);
	const last = powers.findLastIndex((power) => power > floor);
	if (first < 0) return null;
	return { start: first * step, end: Math.min(samples.length, last * step + frame) };
}
