import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getItem, getRoundSource } from '$lib/game/pack/schema';
import { teacherManifest } from '$lib/game/pack/teacher';
import { roundOf, type Round } from '$lib/game/play/run';
import { roundForPlayer, roundOutcome } from '$lib/game/play/round';
import { teacherPacks } from '$lib/server/packs/teacher/store';
import type { PageServerLoad } from './$types';

/**
 * A pair's reveal exactly as a player sees it after picking the fake (a "Real or fake?" round's,
 * after the right answer; `pair` names a pair or a single): the same round screen,
 * built by the same rules (roundForPlayer, roundOutcome) from the pack the draft would make, its
 * pictures and voices from the editor's own addresses. Nothing is played or stored.
 */
export const load: PageServerLoad = async ({ params }) => {
	const record = await teacherPacks().byEditor(params.secret);
	if (!record) error(404, m.teacher_error_no_pack());
	const pairs = record.draft.pairs.filter((pair) => pair.id === params.pair);
	const singles = record.draft.singles.filter((single) => single.id === params.pair);
	if (pairs.length + singles.length === 0) error(404, m.teacher_error_missing_item());
	const built = teacherManifest(record.id, record.version + 1, {
		...record.draft,
		pairs,
		singles
	});
	const editorHref = `/packs/edit/${params.secret}`;
	if (!built.ok) {
		return { editorHref, problems: built.errors.map((problem) => problem.message), round: null };
	}
	const pack = built.pack;
	// The real item on the left: a coin that always lands on "real first".
	const round = {
		index: 0,
		...roundOf(pack, getRoundSource(pack, params.pair), 'pair', () => 1)
	} as Round;
	const answer = round.type === 'pair' ? 'right' : getItem(pack, round.itemId).truth;
	const locale = getLocale();
	const address = (src: string) => `${editorHref}/media/${src.slice('media/'.length)}`;
	return {
		editorHref,
		problems: [],
		round: roundForPlayer(round, pack, locale, address),
		outcome: roundOutcome(
			round,
			pack,
			{ round: 0, answer, confidence: 0.75, responseMs: 0, correct: true },
			locale
		)
	};
};
