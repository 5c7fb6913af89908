import { describe, expect, test } from 'vitest';
import { speechBounds } from '$lib/game/pack/speech-bounds';
import { concat } from '../../../../src/recipe/voices/clip';

const RATE = 16_000;

/** `seconds` of a 200 Hz tone at `amplitude`, as samples. */
function tone(seconds: number, amplitude: number): Float32Array {
	return Float32Array.from(
		{ length: Math.round(seconds * RATE) },
		(_, i) => amplitude * Math.sin((2 * Math.PI * 200 * i) / RATE)
	);
}

describe('where the speech of a voice is', () => {
	test('the silence before and after the speech is left out', () => {
		const bounds = speechBounds(concat([tone(1, 0), tone(2, 0.5), tone(0.7, 0)]), RATE)!;
		// Within a frame (32 ms) of where the tone starts and stops.
		expect(bounds.start / RATE).toBeGreaterThan(1 - 0.04);
		expect(bounds.start / RATE).toBeLessThanOrEqual(1);
		expect(bounds.end / RATE).toBeGreaterThanOrEqual(3);
		expect(bounds.end / RATE).toBeLessThan(3 + 0.04);
	});

	test('a quiet room 40 dB under the speech is silence; a softer word is speech', () => {
		const room = tone(0.5, 0.002);
		const soft = tone(0.5, 0.02);
		const bounds = speechBounds(concat([room, soft, tone(1, 0.5), room]), RATE)!;
		expect(bounds.start / RATE).toBeCloseTo(0.5, 1);
		expect(bounds.end / RATE).toBeCloseTo(2, 1);
	});

	test('a silent clip has no speech', () => {
		expect(speechBounds(new Float32Array(RATE), RATE)).toBeNull();
	});
});
