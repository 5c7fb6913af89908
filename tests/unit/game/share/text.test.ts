import { describe, expect, test } from 'vitest';
import { twentyRounds } from './payloads';
import { shareText } from '$lib/game/share/text';

describe('shareText', () => {
	test('is spoiler-free: score, mode, confidence, symbols by shape, the URL', () => {
		const value = twentyRounds();
		value.results = value.results.slice(0, 7);
		const text = shareText(value, 'https://example.org/s/abc');
		// 7 results, i % 3 !== 0 right: rounds 1, 2, 4, 5 -> 4 right; buckets 0,1,2,3,0,1,2.
		const sure = Math.round((((0.55 + 0.675 + 0.825 + 0.95) * 2 - 0.95) / 7) * 100);
		expect(text).toBe(
			`Telltale 4/7 · mixed · ${sure}% sure\n❌✅✅❌✅ ✅❌\nhttps://example.org/s/abc`
		);
		expect(text).not.toContain('left');
		expect(text).not.toContain(value.packId);
	});

	test('takes translated words', () => {
		const value = {
			...twentyRounds(),
			mode: 'pairs' as const,
			results: [{ correct: true, bucket: 3 as const }]
		};
		const text = shareText(value, 'u', {
			app: 'Telltale',
			modes: { pairs: 'paires', single: 'seul', mixed: 'mixte' },
			sure: (p) => `sûr à ${p} %`,
			replay: 'rejouée'
		});
		expect(text).toBe('Telltale 1/1 · paires · sûr à 95 %\n✅\nu');
		expect(shareText({ ...value, replay: { original: null } }, 'u')).toBe(
			'Telltale 1/1 · pairs · replay · 95% sure\n✅\nu'
		);
	});

	test('with no rounds played there is no symbol row and no confidence', () => {
		expect(shareText({ ...twentyRounds(), results: [] }, 'u')).toBe('Telltale 0/0 · mixed\nu');
	});
});
