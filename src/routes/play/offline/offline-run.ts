/**
 * Offline practice: a run built on the device from the cached pack with the same pure rules as
 * the server (buildRun, revealRound, isCorrect, summarize). Nothing here is verified: the
 * device holds the answers, so these results are practice and are never signed.
 */
import { validatePack, type Pack } from '$lib/game/pack/schema';
import { getLocale } from '$lib/paraglide/runtime';
import { randomSeed } from '$lib/game/play/random';
import {
	isCorrect,
	roundForPlayer,
	roundOutcome,
	type Answer,
	type PlayerRound,
	type RoundOutcome,
	type ScoredVerdict
} from '$lib/game/play/round';
import { buildRun, type Run } from '$lib/game/play/run';
import { summarize, type Summary } from '$lib/game/play/scoring';
import { isTellCategory, type TellCategory } from '$lib/game/pack/taxonomy';
import { roundRows } from '$lib/game/play/round-rows';
import type { RoundRow } from '$lib/game/play/round-rows';
import { runChoice } from '../modes';

/** The default pack's practice pool: the pairs whose answers may live on the device. */
export const OFFLINE_PACK_URL = '/packs/default/practice.json';

/** Loads and checks the cached pack; throws with a readable message if it cannot. */
export async function loadOfflinePack(fetcher: typeof fetch = fetch): Promise<Pack> {
	const response = await fetcher(OFFLINE_PACK_URL);
	if (!response.ok) throw new Error(`${OFFLINE_PACK_URL}: HTTP ${response.status}`);
	const checked = validatePack(await response.json(), OFFLINE_PACK_URL);
	if (!checked.ok) throw new Error(`${OFFLINE_PACK_URL}: ${checked.errors[0].message}`);
	return checked.pack;
}

/** Focus categories from a query string (?focus=eyes&focus=blend-seam), unknown ones dropped. */
export function focusFrom(search: string): TellCategory[] {
	return new URLSearchParams(search).getAll('focus').filter(isTellCategory);
}

/** Only the narrowest rendition of each item: the one the service worker cached for phones. */
function phoneSized(round: PlayerRound): PlayerRound {
	return {
		...round,
		items: round.items.map((item) => ({
			...item,
			media: [[...item.media].sort((a, b) => (a.width ?? 0) - (b.width ?? 0))[0]]
		}))
	};
}

export interface OfflineResult {
	summary: Summary;
	rows: RoundRow[];
}

/** One practice run on the device: its rounds, verdicts and score. */
export class OfflineRun {
	readonly id: string;
	readonly run: Run;
	#pack: Pack;
	#verdicts: ScoredVerdict[] = [];

	constructor(pack: Pack, focus: TellCategory[] = [], seed = randomSeed()) {
		this.#pack = pack;
		this.run = buildRun(pack, { seed, ...runChoice('pairs', undefined, 'any', focus) });
		this.id = `offline-${seed.toString(36)}-${Date.now().toString(36)}`;
	}

	get total(): number {
		return this.run.rounds.length;
	}

	/** Right or not, per answered round. */
	get results(): boolean[] {
		return this.#verdicts.map((verdict) => verdict.correct);
	}

	/** The round as the player sees it (the same view the server would send). */
	round(index: number): PlayerRound {
		return phoneSized(roundForPlayer(this.run.rounds[index], this.#pack, getLocale()));
	}

	/** Scores a verdict for round `index` (once: a repeat returns the first outcome). */
	answer(index: number, answer: Answer, confidence: number, responseMs: number): RoundOutcome {
		const round = this.run.rounds[index];
		let verdict = this.#verdicts.find((candidate) => candidate.round === index);
		if (!verdict) {
			verdict = {
				round: index,
				answer,
				confidence,
				responseMs,
				correct: isCorrect(round, this.#pack, answer)
			};
			this.#verdicts.push(verdict);
		}
		return roundOutcome(round, this.#pack, verdict, getLocale());
	}

	/** The score, scored here with the same rules as the server. */
	result(): OfflineResult {
		return {
			summary: summarize(this.run, this.#verdicts),
			rows: roundRows(this.run, this.#verdicts)
		};
	}
}
