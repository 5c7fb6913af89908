// The loop the picture parts (faces, scenes) share: a real and a fake item for each planned pair,
// both served at the same sizes, the fake matched to its real partner's sharpness and grain.
import type { Credit, Item, Pair } from '../../lib/game/pack/schema';
import { writeFragment } from './fragment';
import { resizeRgb, storeRenditions, type Rgb } from './image';
import { pairOf } from './item';
import { matchLook } from './look';
import { itemIdFor } from './media-store';
import { DIFFICULTY } from './tiers';
import { visibility } from './visibility';

/** What every planned picture pair has: an id, a tier and the real photo it is shown against. */
export interface PicturePairPlan {
	id: string;
	tier: Pair['tier'];
	real: string;
}

/** A picture item before it is encoded: its pixels, and its manifest entry but for id and media. */
export interface PictureDraft {
	image: Rgb;
	item: Omit<Item, 'id' | 'media'>;
}

/** A fake before it is encoded, with the same picture before the edit (for its visibility). */
export interface FakeDraft extends PictureDraft {
	before: Rgb;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Builds each planned pair in plan order, making a real item once however many pairs show it,
 * logs a line per pair and writes the part's fragment. Both sides are resized to the largest
 * served width; there the fake is softened or sharpened and grained to its partner's sharpness and noise
 * (common/look.ts), and the smaller renditions are made from that.
 */
export async function buildPicturePairs<Plan extends PicturePairPlan>(part: {
	/** The part's name: its fragment and the start of its log lines. */
	name: string;
	plans: readonly Plan[];
	/** Served widths, smallest first. */
	widths: number[];
	realItem: (real: Plan['real']) => Promise<PictureDraft>;
	fakeItem: (plan: Plan) => Promise<FakeDraft>;
	topic: Pair['topic'];
	/** Whether the real photo is not the one the fake was made from. */
	independent: (plan: Plan) => boolean;
	/** What the log line says about the plan after its id and tier. */
	describe: (plan: Plan) => string;
	credits: Credit[];
}): Promise<void> {
	const largest = Math.max(...part.widths);
	const items = new Map<string, Item>();
	const reals = new Map<Plan['real'], { item: Item; image: Rgb }>();
	const pairs: Pair[] = [];
	for (const plan of part.plans) {
		let real = reals.get(plan.real);
		if (!real) {
			const draft = await part.realItem(plan.real);
			const image = await resizeRgb(draft.image, largest);
			const media = await storeRenditions(image, part.widths);
			real = { item: { id: itemIdFor(media[0].src), media, ...draft.item }, image };
			reals.set(plan.real, real);
		}
		const draft = await part.fakeItem(plan);
		// Measured on the edit itself, before the whole picture is matched to its partner's look.
		const seen = await visibility(draft.image, draft.before);
		const look = await matchLook(await resizeRgb(draft.image, largest), real.image, plan.id);
		const media = await storeRenditions(look.image, part.widths);
		const provenance = draft.item.provenance;
		const fake: Item = {
			id: itemIdFor(media[0].src),
			media,
			...draft.item,
			provenance: {
				...provenance,
				method: `${provenance.method}; then softened or sharpened and grained to match the real photo it is paired with`,
				parameters: {
					...provenance.parameters,
					[DIFFICULTY]: { measure: 'visibility at phone size (common/visibility.ts)', ...seen },
					matchedToPartner: {
						measuredAt: `${largest} px wide`,
						softening: look.softening,
						softeningMeans:
							'up to 1: that share of a Gaussian blur of sigma 1 blended in; above 1: Gaussian blur of that sigma; below 0: unsharp mask, the detail a sigma-1 blur removes added back that many times',
						grainStandardDeviation: look.grainStrength,
						laplacianVariance: `${round(look.before.sharpness)} -> ${round(look.after.sharpness)} (partner ${round(look.target.sharpness)})`,
						noise: `${round(look.before.noise)} -> ${round(look.after.noise)} (partner ${round(look.target.noise)})`
					}
				}
			}
		};
		items.set(real.item.id, real.item);
		items.set(fake.id, fake);
		pairs.push(
			pairOf(plan.id, real.item, fake, {
				tier: plan.tier,
				topic: part.topic,
				independent: part.independent(plan)
			})
		);
		console.log(
			`${part.name}: ${plan.id} tier ${plan.tier} ${part.describe(plan)}; visibility ${seen.value} (seam ${seen.seam}, colour ${seen.colour}, texture ${seen.texture}, share ${seen.changedShare}); softening ${look.softening}, grain ${look.grainStrength}, ` +
				`sharpness ${round(look.before.sharpness)} -> ${round(look.after.sharpness)}/${round(look.target.sharpness)}, ` +
				`noise ${round(look.before.noise)} -> ${round(look.after.noise)}/${round(look.target.noise)}`
		);
	}
	writeFragment({ part: part.name, items: [...items.values()], pairs, credits: part.credits });
}
