import { describe, expect, test } from 'vitest';
import { validatePack, type Pack } from '$lib/game/pack/schema';
import { onlinePool, practicePool } from '$lib/game/pack/pools';
import { buildRun } from '$lib/game/play/run';
import { buildPack, withSingle } from '../pack-builder';

/** Four pairs; the second and fourth are practice pairs. */
function packWithPractice(): Pack {
	const pack = buildPack([
		{ kind: 'image' },
		{ kind: 'image', category: 'eyes' },
		{ kind: 'audio' },
		{ kind: 'audio', category: 'flat-intonation' }
	]);
	pack.pairs[1].practice = true;
	pack.pairs[3].practice = true;
	return pack;
}

describe('the two pools of a pack', () => {
	test('singles are played online: the online pool keeps them and their items, practice never has them', () => {
		const pack = withSingle(packWithPractice(), '900', 'synthetic');
		const online = onlinePool(pack);
		expect(online.singles).toEqual(pack.singles);
		expect(online.items.map((item) => item.id)).toContain('i900x');
		expect(validatePack(online, 'online').ok).toBe(true);
		const practice = practicePool(pack);
		expect('singles' in practice).toBe(false);
		expect(practice.items.map((item) => item.id)).not.toContain('i900x');
		expect('singles' in onlinePool(packWithPractice())).toBe(false);
	});

	test('the online pool has every pair but the practice pairs, and only their items', () => {
		const online = onlinePool(packWithPractice());
		expect(online.pairs.map((pair) => pair.id)).toEqual(['p000', 'p002']);
		expect(online.items.map((item) => item.id).sort()).toEqual([
			'i000r',
			'i000s',
			'i002r',
			'i002s'
		]);
		expect(validatePack(online, 'online').ok).toBe(true);
	});

	test('the practice pool has the practice pairs and their items, answers and tells included', () => {
		const practice = practicePool(packWithPractice());
		expect(practice.pairs.map((pair) => pair.id)).toEqual(['p001', 'p003']);
		expect(practice.items.map((item) => item.id).sort()).toEqual([
			'i001r',
			'i001s',
			'i003r',
			'i003s'
		]);
		expect(practice.items.find((item) => item.id === 'i001s')?.tells?.[0].category).toBe('eyes');
		expect(validatePack(practice, 'practice').ok).toBe(true);
	});

	test('a pack without practice pairs plays whole online and has nothing to practise', () => {
		const pack = buildPack([{ kind: 'image' }, { kind: 'audio' }]);
		expect(onlinePool(pack)).toEqual(pack);
		expect(practicePool(pack).pairs).toEqual([]);
	});

	test('no run drawn from the online pool ever shows a practice item', () => {
		const pack = packWithPractice();
		const practiceItems = new Set(practicePool(pack).items.map((item) => item.id));
		for (let seed = 0; seed < 200; seed++) {
			const run = buildRun(onlinePool(pack), {
				seed,
				mode: 'mixed',
				count: 10,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video']
			});
			const shown = run.rounds.flatMap((round) =>
				round.type === 'pair' ? round.items : [round.itemId]
			);
			expect(shown.filter((id) => practiceItems.has(id))).toEqual([]);
		}
	});
});
