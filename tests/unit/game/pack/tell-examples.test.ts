import { describe, expect, test } from 'vitest';
import { getItem, getPair } from '$lib/game/pack/schema';
import { chooseTellExamples } from '$lib/game/pack/tell-examples';
import { buildPack } from '../pack-builder';

/** category -> the ids of the items that illustrate it */
function chosen(...args: Parameters<typeof chooseTellExamples>) {
	return Object.fromEntries(
		chooseTellExamples(...args).map(({ category, examples }) => [
			category,
			examples.map(({ item }) => item.id)
		])
	);
}

describe('tell examples for the learn page', () => {
	test('lists only categories that have an example, in taxonomy order, up to the limit', () => {
		const pack = buildPack([
			{ kind: 'audio', category: 'splice-jump' },
			{ kind: 'image', category: 'blend-seam' },
			{ kind: 'image', category: 'blend-seam' },
			{ kind: 'image', category: 'blend-seam' }
		]);
		expect(chosen(pack, 2)).toEqual({
			'blend-seam': ['i001s', 'i002s'],
			'splice-jump': ['i000s']
		});
		expect(Object.keys(chosen(pack, 2))).toEqual(['blend-seam', 'splice-jump']);
	});

	test('a category is shown by the kind of pair a player meets it in', () => {
		// A scene category on a face pair, and a face category on a video pair: neither illustrates.
		const pack = buildPack([
			{ kind: 'image', category: 'background' },
			{ kind: 'video', category: 'accessories' },
			{ kind: 'video', category: 'lip-sync' }
		]);
		expect(getPair(pack, 'p000').topic).toBe('face');
		expect(chosen(pack, 2)).toEqual({ 'lip-sync': ['i002s'] });
	});

	test('the same crop never illustrates two categories', () => {
		const pack = buildPack([{ kind: 'image', category: 'blend-seam' }]);
		const fake = getItem(pack, 'i000s');
		const [first] = fake.tells!;
		fake.tells!.push({ ...first, category: 'skin-texture' });
		fake.tells!.push({
			...first,
			category: 'eyes',
			region: { type: 'box', x: 0.5, y: 0.5, w: 0.1, h: 0.1 }
		});
		expect(chosen(pack, 2)).toEqual({ 'blend-seam': ['i000s'], eyes: ['i000s'] });
	});

	test("a category's examples come from pairs that share no source", () => {
		// Two fakes made from one photo would show the same face twice under one heading.
		const pack = buildPack([
			{ kind: 'image', category: 'blend-seam' },
			{ kind: 'image', category: 'blend-seam' },
			{ kind: 'image', category: 'blend-seam' }
		]);
		getPair(pack, 'p000').sources = ['album:bar55:anne'];
		getPair(pack, 'p001').sources = ['album:bar55:anne', 'album:jesper:jesper'];
		getPair(pack, 'p002').sources = ['album:wayne:wayne'];
		expect(chosen(pack, 2)).toEqual({ 'blend-seam': ['i000s', 'i002s'] });
	});
});
