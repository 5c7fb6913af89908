import { describe, expect, it } from 'vitest';
import { newJoinAttempt } from '$lib/game/class/join-attempt';
import { parseSeatJoin, parseSeatJoinForm, typedNickname } from '$lib/game/class/seat-join';

const joined = (join: object) => ({ ok: true, join });

describe("a phone's request for a seat", () => {
	it('reads the JSON its script sends', () => {
		expect(parseSeatJoin({ nickname: 'Ada' })).toEqual(
			joined({ nickname: 'Ada', generate: false })
		);
		expect(parseSeatJoin({ generate: true })).toEqual(joined({ nickname: '', generate: true }));
		expect(parseSeatJoin({})).toEqual(joined({ nickname: '', generate: false }));
		const attempt = newJoinAttempt();
		expect(parseSeatJoin({ nickname: 'Ada', attempt })).toEqual(
			joined({ nickname: 'Ada', generate: false, attempt })
		);
	});

	it('reads the form posted without JavaScript: the button pressed sends generate', () => {
		expect(parseSeatJoinForm({ nickname: 'Ada' })).toEqual(
			joined({ nickname: 'Ada', generate: false })
		);
		expect(parseSeatJoinForm({ nickname: '', generate: '1' })).toEqual(
			joined({ nickname: '', generate: true })
		);
	});

	it("reads the form's attempt key as the JSON's, and a form from before it had one", () => {
		const attempt = newJoinAttempt();
		expect(parseSeatJoinForm({ nickname: 'Ada', attempt })).toEqual(
			joined({ nickname: 'Ada', generate: false, attempt })
		);
		expect(parseSeatJoinForm({ generate: '1', attempt })).toEqual(
			joined({ nickname: '', generate: true, attempt })
		);
		// An empty field is a key of the wrong shape, not a form without one.
		for (const bad of ['', attempt.slice(1), `${attempt}A`, [attempt, attempt]]) {
			expect(parseSeatJoinForm({ nickname: 'Ada', attempt: bad }), String(bad)).toEqual({
				ok: false,
				problem: 'bad-attempt'
			});
		}
	});

	it('gives back the name a refused form typed, even when its attempt key was wrong', () => {
		expect(typedNickname({ nickname: 'Ada', attempt: 'short' })).toBe('Ada');
		expect(typedNickname({ nickname: 'a'.repeat(5000) })).toHaveLength(200);
		expect(typedNickname({})).toBe('');
		expect(typedNickname({ nickname: ['a', 'b'] })).toBe('');
	});

	it('keeps 200 characters of a name at most: longer is too long whatever follows', () => {
		const long = 'a'.repeat(5000);
		for (const read of [parseSeatJoin({ nickname: long }), parseSeatJoinForm({ nickname: long })]) {
			expect(read.ok && read.join.nickname).toHaveLength(200);
		}
	});

	it('makes a new attempt key each time: 128 random bits in base64url', () => {
		const keys = new Set(Array.from({ length: 100 }, newJoinAttempt));
		expect(keys.size).toBe(100);
		for (const key of keys) expect(key).toMatch(/^[\w-]{22}$/);
	});

	it('refuses an attempt key of any other shape as such, whatever else the join says', () => {
		const key = newJoinAttempt();
		for (const attempt of [
			'',
			key.slice(1),
			`${key}A`,
			`${key.slice(0, 21)}+`,
			// 22 characters whose last one carries bits past the 128: not the canonical spelling.
			`${key.slice(0, 21)}B`,
			'A'.repeat(24),
			7,
			null
		]) {
			expect(parseSeatJoin({ nickname: 'Ada', attempt }), String(attempt)).toEqual({
				ok: false,
				problem: 'bad-attempt'
			});
		}
		expect(parseSeatJoin({ nickname: 7, attempt: 'x' })).toEqual({
			ok: false,
			problem: 'unreadable'
		});
	});

	it('is unreadable for anything else', () => {
		for (const input of [null, [], 'Ada', { nickname: 7 }, { generate: 'yes' }]) {
			expect(parseSeatJoin(input), JSON.stringify(input)).toEqual({
				ok: false,
				problem: 'unreadable'
			});
		}
		expect(parseSeatJoinForm({ nickname: ['a', 'b'] })).toEqual({
			ok: false,
			problem: 'unreadable'
		});
	});
});
