import { describe, expect, it } from 'vitest';
import { peaksOf } from '$lib/client/waveform';

describe('peaksOf', () => {
	it('takes the peak of each slice and scales the loudest to 1', () => {
		const samples = new Float32Array([0, 0.1, -0.2, 0.1, 0.5, -0.4, 0, 0]);
		const peaks = peaksOf(samples, 4);
		// Float32 samples: 0.2 is stored as 0.2000000029...
		[0.2, 0.4, 1, 0].forEach((expected, index) => expect(peaks[index]).toBeCloseTo(expected, 6));
	});

	it('handles silence, empty clips and more slices than samples', () => {
		expect(peaksOf(new Float32Array(6), 3)).toEqual([0, 0, 0]);
		expect(peaksOf(new Float32Array(0), 2)).toEqual([0, 0]);
		const peaks = peaksOf(new Float32Array([0.5, -1]), 5);
		expect(peaks).toHaveLength(5);
		expect(Math.max(...peaks)).toBe(1);
	});
});
