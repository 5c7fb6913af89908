import { describe, expect, test } from 'vitest';
import { BASELINES, baselinesFor, doiUrl } from '$lib/game/play/baselines';

describe('baselines', () => {
	test('each has a unique id, a proportion or null, a citation and a DOI', () => {
		expect(new Set(BASELINES.map((b) => b.id)).size).toBe(BASELINES.length);
		for (const baseline of BASELINES) {
			if (baseline.value !== null) {
				expect(baseline.value).toBeGreaterThan(0);
				expect(baseline.value).toBeLessThan(1);
			} else {
				expect(baseline.measure).toBe('overconfidence');
			}
			expect(baseline.citation).toMatch(/\(\d{4}\)\. .+\./);
			expect(baseline.doi).toMatch(/^10\.\d{4,}\/\S+$/);
			expect(baseline.finding.length).toBeGreaterThan(10);
		}
	});

	test('carries the published numbers', () => {
		const value = (id: string) => BASELINES.find((b) => b.id === id)?.value;
		expect(value('faces_untrained')).toBe(0.482);
		expect(value('faces_feedback')).toBe(0.59);
		expect(value('speech_untrained')).toBe(0.73);
		expect(value('faces_typical_untrained')).toBe(0.31);
		expect(value('faces_typical_trained')).toBe(0.51);
	});

	test('by kind and DOI links', () => {
		expect(baselinesFor('audio').map((b) => b.id)).toEqual(['speech_untrained']);
		expect(baselinesFor('video').map((b) => b.id)).toEqual(['video_overconfidence']);
		expect(doiUrl('10.1073/pnas.2120481119')).toBe('https://doi.org/10.1073/pnas.2120481119');
	});
});
