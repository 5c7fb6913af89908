import { describe, expect, test } from 'vitest';
import { LOOK_RATE, voiceLook, voiceWarnings, type VoiceLook } from '$lib/game/pack/voice-look';

/** A voice-like test sound: a buzz at `pitch` Hz (a fundamental and its harmonics up to `band`). */
function buzz(
	seconds: number,
	{
		pitch = 200,
		band = 4000,
		lead = 0,
		noise = 0
	}: { pitch?: number; band?: number; lead?: number; noise?: number } = {}
): Float32Array {
	const samples = new Float32Array(Math.round((lead + seconds + 0.3) * LOOK_RATE));
	let seed = 1;
	const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
	for (let i = 0; i < samples.length; i++) {
		const t = i / LOOK_RATE - lead;
		let value = 0;
		if (t >= 0 && t < seconds) {
			for (let harmonic = pitch; harmonic <= band; harmonic += pitch) {
				value += Math.sin(2 * Math.PI * harmonic * t) / (harmonic / pitch);
			}
			value *= 0.1;
		}
		samples[i] = value + noise * random();
	}
	return samples;
}

describe('voiceLook', () => {
	test('finds the pitch, the silence before the speech and the band the energy lies in', () => {
		const look = voiceLook(buzz(1.5, { pitch: 200, band: 3000, lead: 0.6 }));
		expect(look.medianPitch).toBeCloseTo(200, -1);
		expect(look.leadingSilence).toBeCloseTo(0.6, 1);
		expect(look.trailingSilence).toBeCloseTo(0.3, 1);
		expect(look.bandwidth).toBeGreaterThan(1000);
		expect(look.bandwidth).toBeLessThanOrEqual(3100);
		expect(look.level).toBeGreaterThan(-40);
		expect(look.level).toBeLessThan(-10);
	});
	test('hears room hiss between words as a background, digital silence as none', () => {
		const hiss = voiceLook(buzz(1, { lead: 0.5, noise: 0.001 }));
		const dead = voiceLook(buzz(1, { lead: 0.5 }));
		expect(hiss.noiseFloor).toBeGreaterThan(-75);
		expect(dead.noiseFloor).toBe(-120);
	});
	test('keeps silence a number a draft can store', () => {
		const look = voiceLook(new Float32Array(LOOK_RATE));
		expect(look.level).toBe(-120);
		expect(Object.values(look).every(Number.isFinite)).toBe(true);
	});
});

describe('voiceWarnings', () => {
	const matched: VoiceLook = {
		level: -23,
		medianPitch: 200,
		pitchRange: 6,
		noiseFloor: -70,
		leadingSilence: 0.2,
		trailingSilence: 0.3,
		bandwidth: 4000
	};
	test('none for a matched pair', () => {
		expect(voiceWarnings(matched, { ...matched, level: -24, medianPitch: 230 })).toEqual([]);
	});
	test('each give-away a listener hears at once, whichever side has it', () => {
		expect(voiceWarnings(matched, { ...matched, level: -27 })).toEqual(['level']);
		expect(voiceWarnings(matched, { ...matched, medianPitch: 100 })).toEqual(['pitch']);
		expect(voiceWarnings({ ...matched, medianPitch: 100 }, matched)).toEqual(['pitch']);
		expect(voiceWarnings(matched, { ...matched, noiseFloor: -120 })).toEqual(['background']);
		// Both inaudible: codec noise beside digital silence is no give-away.
		expect(
			voiceWarnings({ ...matched, noiseFloor: -95 }, { ...matched, noiseFloor: -120 })
		).toEqual([]);
		expect(voiceWarnings(matched, { ...matched, leadingSilence: 0.9 })).toEqual(['lead-in']);
		expect(voiceWarnings(matched, { ...matched, bandwidth: 2500 })).toEqual(['muffled']);
	});
	test('no pitch warning when a side has no voiced frame to measure', () => {
		expect(voiceWarnings(matched, { ...matched, medianPitch: 0 })).toEqual([]);
	});
});
