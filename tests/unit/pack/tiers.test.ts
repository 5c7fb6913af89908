// Issue 22, point 5: the default pack's tiers follow a measure, not the plans. Face, scene and
// video fakes carry their measured visibility at phone size, voice fakes their flaw size to the
// ear, and every pair has the tier the recipe's tercile rule gives it
// (src/recipe/common/tiers.ts), so a pack edited by hand or built by a changed recipe cannot
// drift from the measure.
import { describe, expect, test } from 'vitest';
import { PAIR_TOPICS } from '$lib/game/pack/schema';
import { DIFFICULTY, measuredTiers } from '../../../src/recipe/common/tiers';
import { pack, sides } from './default-pack';

describe('tiers of the default pack', () => {
	test('every fake carries its measured difficulty', () => {
		const current = pack();
		const unmeasured = current.pairs
			.filter((pair) => {
				const recorded = sides(current, pair).synthetic.provenance.parameters?.[DIFFICULTY];
				return typeof (recorded as { value?: unknown } | undefined)?.value !== 'number';
			})
			.map((pair) => pair.id);
		expect(unmeasured).toEqual([]);
	});

	test('each measured pair has the tier its measure gives', () => {
		const current = pack();
		const tiers = measuredTiers(current.items, current.pairs);
		const rows = current.pairs.map((pair) => {
			const recorded = sides(current, pair).synthetic.provenance.parameters?.[DIFFICULTY] as {
				value: number;
			};
			return {
				pair: pair.id,
				measure: recorded.value,
				tier: pair.tier,
				measured: tiers.get(pair.id)
			};
		});
		console.table(rows);
		expect(rows.filter((row) => row.tier !== row.measured)).toEqual([]);
	});

	test('within a topic, every tier-1 fake measures at least as obvious as every tier-3 fake', () => {
		const current = pack();
		for (const topic of PAIR_TOPICS) {
			const value = (tier: number) =>
				current.pairs
					.filter((pair) => pair.topic === topic && pair.tier === tier)
					.map(
						(pair) =>
							(
								sides(current, pair).synthetic.provenance.parameters?.[DIFFICULTY] as {
									value: number;
								}
							).value
					);
			expect(Math.min(...value(1)), topic).toBeGreaterThanOrEqual(Math.max(...value(3)));
		}
	});
});
