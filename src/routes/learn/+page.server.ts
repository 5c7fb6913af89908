import { tellGroup } from '$lib/game/pack/taxonomy';
import { chooseTellExamples } from '$lib/game/pack/tell-examples';
import { itemText, packText } from '$lib/game/pack/text';
import { mediaUrl } from '$lib/game/play/round';
import { getLocale } from '$lib/paraglide/runtime';
import { defaultPack, getPracticePack, packStore } from '$lib/server/packs/store';
import type { LearnCategory, TellExample } from './examples';
import type { PageServerLoad } from './$types';

/** Examples shown per category at most. */
const EXAMPLES = 2;

/**
 * The tell categories that have examples in the synthetic items of the default pack's practice
 * pool (chosen by tell-examples.ts), with those examples. The learn page shows which items are
 * fake, so it may only use pairs whose answers are public anyway: no online round shows these
 * items (see pools.ts).
 */
export const load: PageServerLoad = () => {
	// Without a valid pack there are no examples: the page says so (the log says why).
	if (packStore().packs.size === 0) return { categories: [], pack: null };
	const whole = defaultPack();
	// The store keeps each loaded pack's practice pool (packs.ts); never fall back to the whole
	// pack, whose other answers must stay on the server.
	const pack = getPracticePack(whole.id) ?? { ...whole, pairs: [], items: [] };
	const locale = getLocale();
	const categories: LearnCategory[] = chooseTellExamples(pack, EXAMPLES).map(
		({ category, examples }) => ({
			id: category,
			group: tellGroup(category),
			examples: examples.map(({ item, index, tell }): TellExample => {
				const text = itemText(pack, item, locale);
				// The largest rendition: a crop of a small picture would be blurry.
				const media = [...item.media].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
				const example: TellExample = {
					kind: item.kind,
					src: mediaUrl(pack, media.src),
					region: tell.region,
					explanation: text.tells[index]
				};
				if (media.width) example.width = media.width;
				if (media.height) example.height = media.height;
				if (media.duration) example.duration = media.duration;
				if (text.alt) example.alt = text.alt;
				if (text.transcript) example.transcript = text.transcript;
				return example;
			})
		})
	);
	return {
		categories,
		pack: { title: packText(pack, locale, pack.title).text, version: pack.version }
	};
};
