import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSeatVerdict, parseSeatVerdictForm } from '$lib/game/class/seat-verdict';

const good = { round: 2, shown: 'AbCdEfGh12345678', answer: 'left', confidence: 0.85 };

describe('parseSeatVerdict (the JSON a phone sends)', () => {
	it('takes a verdict with or without the name of what the round showed', () => {
		expect(parseSeatVerdict(good)).toEqual({ ok: true, verdict: good });
		const plain = { round: 2, answer: 'left', confidence: 0.85 };
		expect(parseSeatVerdict(plain)).toEqual({ ok: true, verdict: plain });
	});

	it('refuses anything else with the field it got wrong', () => {
		for (const [input, field] of [
			[{ ...good, answer: 'maybe' }, 'answer'],
			[{ ...good, confidence: 2 }, 'confidence'],
			[{ ...good, confidence: '1' }, 'confidence'],
			[{ ...good, round: 0.5 }, 'round'],
			[{ ...good, round: '0' }, 'round'],
			[{ ...good, round: -1 }, 'round'],
			// The server measures the response time; a phone may not send one.
			[{ ...good, responseMs: 1 }, 'responseMs'],
			[{ ...good, extra: true }, 'extra'],
			[{ ...good, shown: 5 }, 'shown'],
			[{ ...good, shown: null }, 'shown'],
			[{ ...good, shown: 'x'.repeat(65) }, 'shown'],
			[{ round: 0 }, 'answer'],
			[{}, 'round']
		] as const) {
			const parsed = parseSeatVerdict(input);
			expect(parsed.ok, JSON.stringify(input)).toBe(false);
			if (!parsed.ok) expect(parsed.error).toContain(field);
		}
		expect(parseSeatVerdict({ ...good, shown: 5 })).toEqual({
			ok: false,
			error: 'shown: must be the text the round came with'
		});
		for (const input of [null, 'left', [], 7]) expect(parseSeatVerdict(input).ok).toBe(false);
	});

	it('never throws, whatever it is given', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				expect(typeof parseSeatVerdict(input).ok).toBe('boolean');
			})
		);
	});
});

describe('parseSeatVerdictForm (the form a phone without JavaScript posts)', () => {
	it('reads the numbers written out, and the same verdict as the JSON', () => {
		expect(
			parseSeatVerdictForm({
				round: '2',
				shown: good.shown,
				answer: 'left',
				confidence: '0.85'
			})
		).toEqual({ ok: true, verdict: good });
		expect(parseSeatVerdictForm({ round: '0', answer: 'real', confidence: '1' })).toEqual({
			ok: true,
			verdict: { round: 0, answer: 'real', confidence: 1 }
		});
	});

	it('leaves out fields a browser adds, and refuses what is no verdict', () => {
		expect(
			parseSeatVerdictForm({ round: '0', answer: 'left', confidence: '1', submit: 'x' })
		).toEqual({ ok: true, verdict: { round: 0, answer: 'left', confidence: 1 } });
		for (const [fields, field] of [
			[{ round: '0', confidence: '1' }, 'answer'],
			[{ round: '0', answer: 'maybe', confidence: '1' }, 'answer'],
			[{ round: '', answer: 'left', confidence: '1' }, 'round'],
			[{ round: '1e309', answer: 'left', confidence: '1' }, 'round'],
			[{ round: '0', answer: 'left', confidence: 'Infinity' }, 'confidence'],
			[{ round: '0', answer: 'left', confidence: '7' }, 'confidence'],
			[{ round: '0', answer: 'left', confidence: '1', shown: 'x'.repeat(65) }, 'shown'],
			[{ round: '0', answer: 'left', confidence: new File([], 'f') }, 'confidence']
		] as const) {
			const parsed = parseSeatVerdictForm(fields);
			expect(parsed.ok, JSON.stringify(fields)).toBe(false);
			if (!parsed.ok) expect(parsed.error).toContain(field);
		}
	});
});
