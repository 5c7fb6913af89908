/**
 * Score links: a finished online run, signed with the server's key into a short code, and what
 * the score page, the preview image and a challenge read back from such a code. Codes are signed
 * only from the server's own records of a run, never from anything a browser sends, and are
 * verified statelessly: a link stays valid across restarts for as long as the signing key does.
 */
import { app } from '../store/app';
import { getPack } from '../packs/store';
import { createRun, getRun, type CreateRunResult, type StoredRun } from '../play/runs';
import { getItem, type Pack } from '$lib/game/pack/schema';
import { packText } from '$lib/game/pack/text';
import { buildRun, type RunMode, type RunOptions } from '$lib/game/play/run';
import { calibration, pairSensitivity, sdt, type SdtCounts } from '$lib/game/play/scoring';
import {
	decodeShare,
	encodeShare,
	originalCode,
	originalOf,
	type DecodeResult
} from '$lib/game/share/codec';
import {
	CONFIDENCE_BUCKET_MIDPOINTS,
	shareRunOptions,
	sharePayload,
	type OriginalLink,
	type SharePayload
} from '$lib/game/share/payload';
import type { ChallengeComparison } from '$lib/game/share/text';

export type RunShare =
	| { ok: true; code: string; payload: SharePayload }
	| { ok: false; reason: 'unknown-run' | 'not-finished' };

/** Whether the rounds of a shared run can be played again on this server as they were. */
export type Replay =
	{ status: 'same' } | { status: 'changed'; currentVersion: string } | { status: 'missing' };

/** d′ for one kind of round: pair rounds (two-alternative) or single rounds (yes/no). */
export interface Sensitivity {
	type: 'pair' | 'single';
	rounds: number;
	dPrime: number;
}

/** What a score page and its preview say about a verified code: numbers only, no words. */
export interface ScoreFacts {
	code: string;
	mode: RunMode;
	packId: string;
	/** The pack's title if this server has the pack (any version). */
	packTitle: string | null;
	packVersion: string;
	day: string;
	right: number;
	total: number;
	/** One entry per round played, in order. */
	results: boolean[];
	/** Mean confidence (bucket midpoints, so about), 0.5..1; null with no rounds. */
	meanConfidence: number | null;
	/** meanConfidence - accuracy; null with no rounds. */
	overconfidence: number | null;
	/**
	 * d′ by round type. Pair rounds need only the outcomes; single rounds need the truth of each
	 * shown item, so they appear only while the server has the exact pack version.
	 */
	sensitivity: Sensitivity[];
	replay: Replay;
	/**
	 * Null for fresh rounds. For a replay ("Play the same rounds"), the link whose rounds it
	 * played, with that link's score and day; `code` is null when it can no longer be named.
	 */
	replayOf: OriginalScore | { code: null } | null;
}

/** The link a replay's rounds came from, as its score page and card name it. */
export interface OriginalScore {
	code: string;
	right: number;
	total: number;
	day: string;
}

export type ChallengeStart =
	| { ok: true; runId: string }
	| { ok: false; reason: 'pack-missing' | 'pack-changed' | 'no-rounds' | 'full'; error?: string };

export interface ShareLinkDeps {
	key: Uint8Array;
	getRun: (id: string) => Promise<StoredRun | null>;
	getPack: (id: string) => Promise<Pack | undefined>;
	createRun: (input: {
		options: RunOptions;
		challengeOf: string;
		packId: string;
	}) => Promise<CreateRunResult>;
}

/** Whether two sets of run options build the same rounds (they are normalised, so equal fields). */
function sameOptions(a: RunOptions, b: RunOptions): boolean {
	const list = (values?: readonly string[]) => (values ?? []).join(',');
	return (
		a.seed === b.seed &&
		a.mode === b.mode &&
		a.count === b.count &&
		a.difficulty === b.difficulty &&
		list(a.kinds) === list(b.kinds) &&
		list(a.focus) === list(b.focus)
	);
}

/** Share links over a signing key, a run store and a pack store (shareLinks() below is the app's). */
export class ShareLinks {
	readonly #key: Uint8Array;
	readonly #getRun: ShareLinkDeps['getRun'];
	readonly #getPack: ShareLinkDeps['getPack'];
	readonly #createRun: ShareLinkDeps['createRun'];

	constructor({ key, getRun, getPack, createRun }: ShareLinkDeps) {
		this.#key = key;
		this.#getRun = getRun;
		this.#getPack = getPack;
		this.#createRun = createRun;
	}

	/** The signed code of a finished run, from the server's record of it. */
	async shareRun(runId: string): Promise<RunShare> {
		const stored = await this.#getRun(runId);
		if (!stored) return { ok: false, reason: 'unknown-run' };
		if (stored.finishedAt === null) return { ok: false, reason: 'not-finished' };
		const payload = sharePayload(
			stored.run,
			stored.verdicts,
			new Date(stored.finishedAt),
			stored.challengeOf ? { original: await this.#originalLink(stored.challengeOf) } : undefined
		);
		return { ok: true, code: await encodeShare(payload, this.#key), payload };
	}

	/**
	 * The link a replay of `code` names (the first link of a chain of replays), or null if the
	 * code no longer verifies (the signing key changed): the replay is marked all the same.
	 */
	async #originalLink(code: string): Promise<OriginalLink | null> {
		const decoded = await decodeShare(code, this.#key);
		return decoded.ok ? originalOf(code, decoded.payload) : null;
	}

	/** Decodes a code and checks its signature. Never throws. */
	verify(code: unknown): Promise<DecodeResult> {
		return decodeShare(code, this.#key);
	}

	async #replayOf(payload: SharePayload): Promise<{ replay: Replay; pack?: Pack }> {
		const pack = await this.#getPack(payload.packId);
		if (!pack) return { replay: { status: 'missing' } };
		if (pack.version !== payload.packVersion) {
			return { replay: { status: 'changed', currentVersion: pack.version }, pack };
		}
		return { replay: { status: 'same' }, pack };
	}

	/** Sensitivity by round type, rebuilding the run when the exact pack version is here. */
	#sensitivityOf(payload: SharePayload, pack: Pack | undefined): Sensitivity[] {
		const exact = pack && pack.version === payload.packVersion ? pack : undefined;
		const rounds = exact ? buildRun(exact, shareRunOptions(payload)).rounds : null;
		// The same options on the same pack version always give the same rounds; if they do not
		// line up, the code was made by other code than this and nothing more is claimed.
		if (rounds && rounds.length < payload.results.length) return [];
		let pairRight = 0;
		let pairTotal = 0;
		const counts: SdtCounts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
		let singles = 0;
		for (const [index, result] of payload.results.entries()) {
			const round = rounds?.[index];
			const isPair = round ? round.type === 'pair' : payload.mode === 'pairs';
			if (isPair) {
				pairTotal += 1;
				if (result.correct) pairRight += 1;
			} else if (round?.type === 'single' && exact) {
				singles += 1;
				const synthetic = getItem(exact, round.itemId).truth === 'synthetic';
				if (synthetic) counts[result.correct ? 'hits' : 'misses'] += 1;
				else counts[result.correct ? 'correctRejections' : 'falseAlarms'] += 1;
			}
		}
		const out: Sensitivity[] = [];
		if (pairTotal > 0) {
			out.push({ type: 'pair', rounds: pairTotal, dPrime: pairSensitivity(pairRight, pairTotal) });
		}
		if (singles > 0) out.push({ type: 'single', rounds: singles, dPrime: sdt(counts).dPrime });
		return out;
	}

	/**
	 * The original of a verified replay. Its code is rebuilt, not looked up: the replay's own
	 * signature covers the original's signature bytes, and the server wrote those only from a
	 * code it had verified.
	 */
	#originalScore(payload: SharePayload): ScoreFacts['replayOf'] {
		if (!payload.replay) return null;
		const original = payload.replay.original;
		const code = originalCode(payload);
		if (!original || !code) return { code: null };
		return {
			code,
			right: original.results.filter((result) => result.correct).length,
			total: original.results.length,
			day: original.day
		};
	}

	/**
	 * The facts of a verified payload, for the score page and the preview image, the pack's title
	 * in `locale` when the pack has it.
	 */
	async scoreFacts(code: string, payload: SharePayload, locale: string): Promise<ScoreFacts> {
		const { replay, pack } = await this.#replayOf(payload);
		const results = payload.results.map((result) => result.correct);
		const scored = payload.results.map((result) => ({
			correct: result.correct,
			confidence: CONFIDENCE_BUCKET_MIDPOINTS[result.bucket]
		}));
		const calibrated = scored.length > 0 ? calibration(scored) : null;
		return {
			code,
			mode: payload.mode,
			packId: payload.packId,
			packTitle: pack ? packText(pack, locale, pack.title).text : null,
			packVersion: payload.packVersion,
			day: payload.day,
			right: results.filter(Boolean).length,
			total: results.length,
			results,
			meanConfidence: calibrated?.meanConfidence ?? null,
			overconfidence: calibrated?.overconfidence ?? null,
			sensitivity: this.#sensitivityOf(payload, pack),
			replay,
			replayOf: this.#originalScore(payload)
		};
	}

	/**
	 * Starts "play the same rounds": a run with the payload's pack, seed, mode and length, which
	 * builds the same rounds in the same order. Refused when this server's pack is not the version
	 * the code was played with, because the rounds would differ.
	 */
	async startChallenge(code: string, payload: SharePayload): Promise<ChallengeStart> {
		const { replay } = await this.#replayOf(payload);
		if (replay.status === 'missing') return { ok: false, reason: 'pack-missing' };
		if (replay.status === 'changed') return { ok: false, reason: 'pack-changed' };
		const created = await this.#createRun({
			options: shareRunOptions(payload),
			challengeOf: code,
			packId: payload.packId
		});
		if (!created.ok) {
			return {
				ok: false,
				reason: created.problem === 'full' ? 'full' : 'no-rounds',
				error: created.error
			};
		}
		return { ok: true, runId: created.run.id };
	}

	/**
	 * Both players round by round, for a finished run started from a challenge. Null for any other
	 * run, for one still being played (the comparison would say how they did on rounds to come),
	 * and when the code it answers no longer verifies or does not describe the same rounds.
	 */
	async compareChallenge(stored: StoredRun): Promise<ChallengeComparison | null> {
		if (!stored.challengeOf || stored.finishedAt === null) return null;
		const decoded = await this.verify(stored.challengeOf);
		if (!decoded.ok) return null;
		const theirs = decoded.payload;
		const sameRounds =
			theirs.packId === stored.packId &&
			theirs.packVersion === stored.packVersion &&
			sameOptions(shareRunOptions(theirs), stored.options) &&
			theirs.results.length === stored.run.rounds.length;
		if (!sameRounds) return null;
		// A finished run has one verdict per round, in round order.
		const rounds = stored.verdicts.map((verdict) => ({
			index: verdict.round,
			you: verdict.correct,
			them: theirs.results[verdict.round].correct
		}));
		return {
			code: stored.challengeOf,
			yours: { right: rounds.filter((round) => round.you).length },
			theirs: { right: rounds.filter((round) => round.them).length },
			rounds
		};
	}
}

let links: ShareLinks | undefined;

/** The app's share links: its signing key, its runs and its packs. */
export function shareLinks(): ShareLinks {
	links ??= new ShareLinks({ key: app().signingSecret, getRun, getPack, createRun });
	return links;
}
