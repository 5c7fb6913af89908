import { describe, expect, test } from 'vitest';
import {
	PEAK_CEILING_DB,
	VOICE_LEVEL_DB,
	VoiceLevel,
	voiceGain
} from '$lib/game/pack/served-voices';

const RATE = 48_000;
const dB = (gain: number) => 20 * Math.log10(gain);

/** A tone of `amplitude` for `seconds`, then as much silence: speech and its pauses. */
function toneThenSilence(amplitude: number, seconds: number, silence = 0): Float32Array {
	const samples = new Float32Array(Math.round((seconds + silence) * RATE));
	for (let i = 0; i < seconds * RATE; i++) {
		samples[i] = amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE);
	}
	return samples;
}

function level(samples: Float32Array, chunk = 4096) {
	const meter = new VoiceLevel(RATE);
	for (let at = 0; at < samples.length; at += chunk) meter.add(samples.subarray(at, at + chunk));
	return meter.result();
}

describe('voice level', () => {
	test('a sine of amplitude 0.1 is at -23 dB (its mean power is half its peak squared)', () => {
		expect(level(toneThenSilence(0.1, 3)).levelDb).toBeCloseTo(dB(0.1 / Math.SQRT2), 1);
	});

	test('pauses and silence do not change the level: the same speech with longer gaps measures the same', () => {
		const tight = level(toneThenSilence(0.1, 2));
		const gappy = level(toneThenSilence(0.1, 2, 3));
		expect(gappy.levelDb).toBeCloseTo(tight.levelDb, 1);
	});

	test('the level does not depend on how the samples arrive', () => {
		const samples = toneThenSilence(0.3, 1.5);
		expect(level(samples, 960).levelDb).toBeCloseTo(level(samples, 44_100).levelDb, 6);
	});

	test('silence measures as nothing and is left as it is', () => {
		const silent = level(new Float32Array(RATE));
		expect(silent.levelDb).toBe(-Infinity);
		expect(voiceGain(silent)).toBe(1);
	});
});

describe('voice gain', () => {
	test('brings a quiet and a loud voice to the same level', () => {
		for (const amplitude of [0.01, 0.05]) {
			const measured = level(toneThenSilence(amplitude, 2));
			const gain = voiceGain(measured);
			expect(measured.levelDb + dB(gain)).toBeCloseTo(VOICE_LEVEL_DB, 5);
		}
	});

	test('never lifts a peak past the ceiling', () => {
		// A quiet voice with one loud click: levelled fully, the click would clip.
		const samples = toneThenSilence(0.01, 2);
		samples[100] = 0.9;
		const measured = level(samples);
		const gain = voiceGain(measured);
		expect(dB(measured.peak * gain)).toBeCloseTo(PEAK_CEILING_DB, 5);
		expect(measured.levelDb + dB(gain)).toBeLessThan(VOICE_LEVEL_DB);
	});
});
