// The loop the picture parts (faces, scenes) share: a real and a fake item for each planned pair.
import type { Credit, Item, Pair } from '../../lib/game/pack/schema';
import { writeFragment } from './fragment';
import { pairOf } from './item';

/** What every planned picture pair has: an id, a tier and the real photo it is shown against. */
export interface PicturePairPlan {
	id: string;
	tier: Pair['tier'];
	real: string;
}

/**
 * Builds each planned pair in plan order, making a real item once however many pairs show it,
 * logs a line per pair and writes the part's fragment.
 */
export async function buildPicturePairs<Plan extends PicturePairPlan>(part: {
	/** The part's name: its fragment and the start of its log lines. */
	name: string;
	plans: readonly Plan[];
	realItem: (real: Plan['real']) => Promise<Item>;
	fakeItem: (plan: Plan) => Promise<Item>;
	topic: Pair['topic'];
	/** Whether the real photo is not the one the fake was made from. */
	independent: (plan: Plan) => boolean;
	/** What the log line says about the plan after its id and tier. */
	describe: (plan: Plan) => string;
	credits: Credit[];
}): Promise<void> {
	const items = new Map<string, Item>();
	const reals = new Map<Plan['real'], Item>();
	const pairs: Pair[] = [];
	for (const plan of part.plans) {
		let real = reals.get(plan.real);
		if (!real) {
			real = await part.realItem(plan.real);
			reals.set(plan.real, real);
		}
		const fake = await part.fakeItem(plan);
		items.set(real.id, real);
		items.set(fake.id, fake);
		pairs.push(
			pairOf(plan.id, real, fake, {
				tier: plan.tier,
				topic: part.topic,
				independent: part.independent(plan)
			})
		);
		console.log(`${part.name}: ${plan.id} tier ${plan.tier} ${part.describe(plan)}`);
	}
	writeFragment({ part: part.name, items: [...items.values()], pairs, credits: part.credits });
}
