import { describe, expect, it } from 'vitest';
import { parseSeatJoin, parseSeatJoinForm } from '$lib/game/class/seat-join';

describe("a phone's request for a seat", () => {
	it('reads the JSON its script sends', () => {
		expect(parseSeatJoin({ nickname: 'Ada' })).toEqual({ nickname: 'Ada', generate: false });
		expect(parseSeatJoin({ generate: true })).toEqual({ nickname: '', generate: true });
		expect(parseSeatJoin({})).toEqual({ nickname: '', generate: false });
	});

	it('reads the form posted without JavaScript: the button pressed sends generate', () => {
		expect(parseSeatJoinForm({ nickname: 'Ada' })).toEqual({ nickname: 'Ada', generate: false });
		expect(parseSeatJoinForm({ nickname: '', generate: '1' })).toEqual({
			nickname: '',
			generate: true
		});
	});

	it('keeps 200 characters of a name at most: longer is too long whatever follows', () => {
		const long = 'a'.repeat(5000);
		expect(parseSeatJoin({ nickname: long })?.nickname).toHaveLength(200);
		expect(parseSeatJoinForm({ nickname: long })?.nickname).toHaveLength(200);
	});

	it('is null for anything else', () => {
		for (const input of [null, [], 'Ada', { nickname: 7 }, { generate: 'yes' }]) {
			expect(parseSeatJoin(input), JSON.stringify(input)).toBeNull();
		}
		expect(parseSeatJoinForm({ nickname: ['a', 'b'] })).toBeNull();
	});
});
