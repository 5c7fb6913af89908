import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getItem, getPair } from '$lib/game/pack/schema';
import { teacherManifest } from '$lib/game/pack/teacher';
import { tellCategoriesOf, type PairRound } from '$lib/game/play/run';
import { roundForPlayer, roundOutcome } from '$lib/game/play/round';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import type { PageServerLoad } from './$types';

/**
 * A pair's reveal exactly as a player sees it after picking the fake: the same round screen,
 * built by the same rules (roundForPlayer, roundOutcome) from the pack the draft would make, its
 * pictures and voices from the editor's own addresses. Nothing is played or stored.
 */
export const load: PageServerLoad = async ({ params }) => {
	const record = await teacherPacks().byEditor(params.secret);
	if (!record) error(404, m.teacher_error_no_pack());
	const drafted = record.draft.pairs.find((pair) => pair.id === params.pair);
	if (!drafted) error(404, m.teacher_error_missing_item());
	const built = teacherManifest(record.id, record.version + 1, {
		...record.draft,
		pairs: [drafted]
	});
	const editorHref = `/packs/edit/${params.secret}`;
	if (!built.ok) {
		return { editorHref, problems: built.errors.map((problem) => problem.message), round: null };
	}
	const pack = built.pack;
	const pair = getPair(pack, drafted.id);
	const round: PairRound = {
		index: 0,
		type: 'pair',
		pairId: pair.id,
		tier: pair.tier,
		kind: getItem(pack, drafted.real).kind,
		categories: tellCategoriesOf(pack, pair),
		items: [drafted.real, drafted.synthetic]
	};
	const locale = getLocale();
	const address = (src: string) => `${editorHref}/media/${src.slice('media/'.length)}`;
	return {
		editorHref,
		problems: [],
		round: roundForPlayer(round, pack, locale, address),
		outcome: roundOutcome(
			round,
			pack,
			{ round: 0, answer: 'right', confidence: 0.75, responseMs: 0, correct: true },
			locale
		)
	};
};
