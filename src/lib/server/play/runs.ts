/**
 * Solo runs on the server: what a run may do, over its records (store.ts keeps the run's pack,
 * version, options and seed, when each round was first served and the one verdict per round).
 * Everything a result or a share link says is scored here from these records, never from what a
 * browser claims. A run is deleted RUN_TTL_DAYS after it was last played; score links made from
 * it stay valid (they are signed).
 */
import { randomBytes } from 'node:crypto';
import { app } from '../store/app';
import type { RunRecord, RunRecords, StoredVerdict } from './store';
import { DEFAULT_PACK_ID, getPack } from '../packs/store';
import { runTtlDays } from '../config';
import { expiryCutoff, purgeHourly } from '../store/retention';
import { STORAGE_CAPS } from '../class/limits';
import type { Pack, Rendition } from '$lib/game/pack/schema';
import { mediaAddress, mediaKey, resolveMedia } from '../packs/media-links';
import { randomSeed } from '$lib/game/play/random';
import {
	isCorrect,
	parseVerdict,
	roundForPlayer,
	roundOutcome,
	MAX_RESPONSE_MS,
	type PlayerRound,
	type RoundOutcome
} from '$lib/game/play/round';
import {
	buildRun,
	itemIdsOf,
	parseRunOptions,
	type Run,
	type RunOptions
} from '$lib/game/play/run';
import { summarize, type Summary } from '$lib/game/play/scoring';

export type { StoredVerdict };

/** A run as stored, rebuilt from its options, with its verdicts in round order. */
export interface StoredRun extends Omit<RunRecord, 'activeAt'> {
	run: Run;
	verdicts: StoredVerdict[];
}

export type CreateRunResult =
	{ ok: true; run: StoredRun } | { ok: false; error: string; problem: 'invalid' | 'full' };

/** What the player learns once their verdict is in. */
export interface VerdictOutcome {
	/** True when this request repeated a verdict already recorded: the first one stands. */
	replayed: boolean;
	verdict: StoredVerdict;
	outcome: RoundOutcome;
	/** Whether the run has a verdict for every round now. */
	finished: boolean;
}

export type VerdictResult =
	({ ok: true } & VerdictOutcome) | { ok: false; status: 400 | 404 | 409; error: string };

/** An answered round, to revisit after the verdict: what was shown, and its outcome. */
export interface ReviewedRound {
	round: PlayerRound;
	outcome: RoundOutcome;
}

export interface RunStoreDeps {
	/** Where runs are kept: SQLite or PostgreSQL. */
	records: RunRecords;
	/** The pack with this id as the server has it now (in this version, if it keeps several). */
	getPack: (id: string, version?: string) => Promise<Pack | undefined>;
	/** The pack a run uses when it names none. */
	defaultPackId: string;
	/** Runs are deleted this many days after they were last played. */
	ttlDays: number;
	/** Runs the database keeps at most; new ones are refused until old ones expire. */
	maxRuns?: number;
	/** The key of the runs' media addresses (media-links.ts). */
	mediaKey: Uint8Array;
	/** Milliseconds since the epoch; injectable so tests need no clock. */
	now?: () => number;
}

/** An unfinished run not played for this long may make room when the database is at its cap. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * How many seeds a fresh run tries to avoid the pictures, voices and videos its player has just
 * seen (a real photo met again in another pair is a repeat too: it can be remembered). With 100
 * online pairs, 40 of them seen and 10 to draw, one seed in about 170 avoids them all: 256 tries
 * find such a run three times in four, and at worst one with a repeat or two. A kind's share
 * (run.ts kindQuotas) is at most a fifth of what the kind can show without a repeat: the default
 * pack 1.8.0's 3 pictures a run come from 18 real photos, so a fourth and fifth run in a row
 * repeat 0.3 and 1.2 rounds of 10 on average (0.2 and 0.8 under the rule before, which dealt 1
 * to 7 pictures a run). A draw of
 * the default pack costs about 0.12 ms, so a start that tries every seed costs about 30 ms of
 * CPU (starts are rate-limited per address); most stop at the first seed that repeats nothing.
 */
const SEED_TRIES = 256;

/** Of SEED_TRIES random seeds for these options, the run showing the fewest `seen` items. */
function freshestRun(pack: Pack, options: RunOptions, seen: ReadonlySet<string>): Run {
	let best: { run: Run; repeats: number } | undefined;
	for (let tried = 0; tried < SEED_TRIES; tried++) {
		const run = buildRun(pack, { ...options, seed: tried === 0 ? options.seed : randomSeed() });
		const repeats = run.rounds.flatMap(itemIdsOf).filter((id) => seen.has(id)).length;
		if (!best || repeats < best.repeats) best = { run, repeats };
		if (repeats === 0) break;
	}
	return best!.run;
}

/** 128 random bits, base64url: a run id nobody can guess or enumerate. */
function newRunId(): string {
	return randomBytes(16).toString('base64url');
}

/** Run ids are exactly what newRunId makes; anything else is refused before touching the database. */
export function isRunId(value: string): boolean {
	return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** The run store over its records and a pack lookup (runs() below is the app's). */
export class RunStore {
	readonly #tables: RunRecords;
	readonly #getPack: RunStoreDeps['getPack'];
	readonly #defaultPackId: string;
	readonly #ttlDays: number;
	readonly #maxRuns: number;
	readonly #mediaKey: Uint8Array;
	readonly #now: () => number;

	constructor({
		records,
		getPack,
		defaultPackId,
		ttlDays,
		maxRuns = Infinity,
		mediaKey,
		now = Date.now
	}: RunStoreDeps) {
		this.#tables = records;
		this.#getPack = getPack;
		this.#defaultPackId = defaultPackId;
		this.#ttlDays = ttlDays;
		this.#maxRuns = maxRuns;
		this.#mediaKey = mediaKey;
		this.#now = now;
	}

	/** Rendition URLs of this run's rounds: addresses that mean something in this run only. */
	#addressesOf(stored: StoredRun): (src: string) => string {
		return (src) => mediaAddress(this.#mediaKey, { scope: 'r', id: stored.id }, stored.packId, src);
	}

	/** The pack a stored run was made with, if the server still has that exact version. */
	async packOf(run: { packId: string; packVersion: string }): Promise<Pack | undefined> {
		const pack = await this.#getPack(run.packId, run.packVersion);
		return pack && pack.version === run.packVersion ? pack : undefined;
	}

	/**
	 * Whether the database may take one more run. At the cap, runs abandoned unfinished for an
	 * hour make room first: a flood of runs that are started and never played (a script) cannot
	 * keep everyone else out, while finished runs keep their score links' comparisons.
	 */
	async #roomForRun(): Promise<boolean> {
		if ((await this.#tables.runCount()) < this.#maxRuns) return true;
		await this.#tables.deleteAbandoned(this.#now() - ABANDONED_AFTER_MS);
		return (await this.#tables.runCount()) < this.#maxRuns;
	}

	/**
	 * Starts a run. `options` are validated with parseRunOptions; without a seed the server picks
	 * one (a player never chooses the seed of a fresh run), preferring among `SEED_TRIES` seeds
	 * the one that shows the fewest of `seenItems` (what the player's last runs showed), so that
	 * a player who plays again meets new pictures, voices and videos. The seed alone still decides the rounds, so the
	 * run, its score link and a challenge rebuild them as before. A challenge passes the seed of
	 * the run it answers and the share code in `challengeOf`.
	 */
	async createRun(input: {
		options: unknown;
		challengeOf?: string | null;
		packId?: string;
		seenItems?: ReadonlySet<string>;
	}): Promise<CreateRunResult> {
		const raw =
			typeof input.options === 'object' && input.options !== null && !Array.isArray(input.options)
				? (input.options as Record<string, unknown>)
				: {};
		const seeded = 'seed' in raw;
		const parsed = parseRunOptions(seeded ? raw : { ...raw, seed: randomSeed() });
		if (!parsed.ok) return { ok: false, error: parsed.error, problem: 'invalid' };
		const packId = input.packId ?? this.#defaultPackId;
		const pack = await this.#getPack(packId);
		if (!pack) {
			return {
				ok: false,
				error: `pack: there is no pack "${packId}" on this server`,
				problem: 'invalid'
			};
		}
		const seen = input.seenItems ?? new Set<string>();
		const run =
			seeded || seen.size === 0
				? buildRun(pack, parsed.options)
				: freshestRun(pack, parsed.options, seen);
		if (run.rounds.length === 0) {
			return {
				ok: false,
				error: 'options: no rounds in this pack match these choices',
				problem: 'invalid'
			};
		}
		if (!(await this.#roomForRun())) {
			return { ok: false, error: 'server: it keeps as many runs as it can', problem: 'full' };
		}
		const id = newRunId();
		const startedAt = this.#now();
		const createdAt = new Date(startedAt).toISOString();
		await this.#tables.insertRun({
			id,
			packId: pack.id,
			packVersion: pack.version,
			options: run.options,
			challengeOf: input.challengeOf ?? null,
			createdAt,
			activeAt: startedAt
		});
		return {
			ok: true,
			run: {
				id,
				packId: pack.id,
				packVersion: pack.version,
				options: run.options,
				challengeOf: input.challengeOf ?? null,
				createdAt,
				finishedAt: null,
				run,
				verdicts: []
			}
		};
	}

	/**
	 * The items the runs with these ids showed (unknown or expired ids are passed over): what a
	 * player has just seen, for createRun to avoid.
	 */
	async itemsShownIn(runIds: readonly string[]): Promise<Set<string>> {
		const runs = await Promise.all(runIds.map((id) => this.getRun(id)));
		return new Set(runs.flatMap((stored) => stored?.run.rounds.flatMap(itemIdsOf) ?? []));
	}

	/**
	 * The run with this id and its verdicts, or null if there is none, it has expired (even if the
	 * hourly purge has not deleted it yet), or the server no longer has the pack version it was
	 * played with (its rounds could not be rebuilt faithfully).
	 */
	async getRun(id: string): Promise<StoredRun | null> {
		if (!isRunId(id)) return null;
		const record = await this.#tables.run(id);
		if (!record) return null;
		const { activeAt, ...made } = record;
		if (activeAt < expiryCutoff(this.#now(), this.#ttlDays)) return null;
		const pack = await this.packOf(made);
		if (!pack) return null;
		const verdicts = await this.#tables.verdicts(id);
		return { ...made, run: buildRun(pack, made.options), verdicts };
	}

	/**
	 * The next round without a verdict, as the player may see it, noting when the server first
	 * served it (a reload does not restart the clock). Null when the run is over. It takes the run
	 * its caller already read (getRun), so a page load rebuilds the run once.
	 */
	async serveRound(stored: StoredRun, locale: string): Promise<PlayerRound | null> {
		const index = stored.verdicts.length;
		const round = stored.run.rounds[index];
		if (!round) return null;
		await this.#tables.markServed(stored.id, index, this.#now());
		const pack = (await this.packOf(stored))!;
		return roundForPlayer(round, pack, locale, this.#addressesOf(stored));
	}

	/**
	 * Records the verdict for the current round and returns the reveal. One verdict per round: a
	 * repeated request for an answered round gets the stored outcome back, whatever it says now.
	 * Rounds are answered in order, only after they were served; response time is the server's.
	 */
	async recordVerdict(input: {
		runId: string;
		verdict: unknown;
		/** The reader's locale, for the reveal's words. */
		locale: string;
	}): Promise<VerdictResult> {
		const stored = await this.getRun(input.runId);
		if (!stored) return { ok: false, status: 404, error: 'run: there is no such run' };
		const pack = (await this.packOf(stored))!;
		const { rounds } = stored.run;

		const shape = parseVerdict(input.verdict);
		if (!shape.ok) return { ok: false, status: 400, error: shape.error };
		const round = rounds[shape.verdict.round];
		if (!round) {
			return {
				ok: false,
				status: 400,
				error: `round: this run has rounds 0 to ${rounds.length - 1}`
			};
		}
		const existing = stored.verdicts.find((verdict) => verdict.round === round.index);
		if (existing) return this.#outcome(stored, pack, existing, true, input.locale);

		const parsed = parseVerdict(input.verdict, round);
		if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
		const current = stored.verdicts.length;
		if (round.index !== current) {
			return {
				ok: false,
				status: 409,
				error: `round: round ${round.index} is not the current round (${current} is)`
			};
		}
		const servedAt = await this.#tables.servedAt(stored.id, round.index);
		if (servedAt === undefined) {
			return { ok: false, status: 409, error: 'round: this round has not been served yet' };
		}

		const receivedAt = this.#now();
		const verdict: StoredVerdict = {
			round: round.index,
			answer: parsed.verdict.answer,
			confidence: parsed.verdict.confidence,
			responseMs: Math.min(MAX_RESPONSE_MS, Math.max(0, receivedAt - servedAt)),
			correct: isCorrect(round, pack, parsed.verdict.answer),
			createdAt: new Date(receivedAt).toISOString()
		};
		const last = round.index === rounds.length - 1;
		const written = await this.#tables.addVerdict(stored.id, verdict, receivedAt, last);
		if (!written) {
			// Another request for the same round committed first: report the verdict that stands.
			const again = (await this.getRun(stored.id))!;
			return this.#outcome(
				again,
				pack,
				again.verdicts.find((v) => v.round === round.index)!,
				true,
				input.locale
			);
		}
		stored.verdicts.push(verdict);
		return this.#outcome(stored, pack, verdict, false, input.locale);
	}

	#outcome(
		stored: StoredRun,
		pack: Pack,
		verdict: StoredVerdict,
		replayed: boolean,
		locale: string
	): { ok: true } & VerdictOutcome {
		return {
			ok: true,
			replayed,
			verdict,
			outcome: roundOutcome(stored.run.rounds[verdict.round], pack, verdict, locale),
			finished: stored.verdicts.length === stored.run.rounds.length
		};
	}

	/** An answered round with its reveal, for revisiting; null if unknown or not answered yet. */
	async reviewRound(
		stored: StoredRun,
		index: number,
		locale: string
	): Promise<ReviewedRound | null> {
		const verdict = stored.verdicts.find((candidate) => candidate.round === index);
		const pack = await this.packOf(stored);
		if (!verdict || !pack) return null;
		const round = stored.run.rounds[index];
		return {
			round: roundForPlayer(round, pack, locale, this.#addressesOf(stored)),
			outcome: roundOutcome(round, pack, verdict, locale)
		};
	}

	/** The pack and rendition behind one of a run's media addresses, or null. */
	async resolveRunMedia(
		runId: string,
		token: string
	): Promise<{ pack: Pack; rendition: Rendition } | null> {
		const stored = await this.getRun(runId);
		if (!stored) return null;
		const pack = (await this.packOf(stored))!;
		const rendition = resolveMedia(
			this.#mediaKey,
			{ scope: 'r', id: stored.id },
			pack,
			stored.run.rounds,
			token
		);
		return rendition ? { pack, rendition } : null;
	}

	/** The run scored on the server from its recorded verdicts. */
	async runSummary(id: string): Promise<{ run: StoredRun; summary: Summary } | null> {
		const stored = await this.getRun(id);
		if (!stored) return null;
		return { run: stored, summary: summarize(stored.run, stored.verdicts) };
	}

	/** Deletes runs (with their rounds and verdicts) last played longer ago than the time to live. */
	purgeExpired(): Promise<number> {
		return this.#tables.deleteInactive(expiryCutoff(this.#now(), this.#ttlDays));
	}
}

let store: RunStore | undefined;

/** The app's run store on its database and packs; expired runs are purged now and hourly after. */
export function runs(): RunStore {
	if (!store) {
		const created = new RunStore({
			records: app().stores.runs,
			getPack,
			defaultPackId: DEFAULT_PACK_ID,
			ttlDays: runTtlDays(),
			maxRuns: STORAGE_CAPS.runs,
			mediaKey: mediaKey(app().signingSecret)
		});
		purgeHourly(() => created.purgeExpired());
		store = created;
	}
	return store;
}

/** Starts a run (see RunStore.createRun); the server picks the seed unless `options` carry one. */
export const createRun = (input: Parameters<RunStore['createRun']>[0]) => runs().createRun(input);
/** The run with this id and its verdicts, or null. */
export const getRun = (id: string) => runs().getRun(id);
/** The next unanswered round of a run, served now. */
export const serveRound = (run: StoredRun, locale: string) => runs().serveRound(run, locale);
/** Records a verdict for a run's current round and returns the reveal. */
export const recordVerdict = (input: Parameters<RunStore['recordVerdict']>[0]) =>
	runs().recordVerdict(input);
/** An answered round of a run, to revisit. */
export const reviewRound = (run: StoredRun, index: number, locale: string) =>
	runs().reviewRound(run, index, locale);
/** The pack and rendition behind one of a run's media addresses, or null. */
export const resolveRunMedia = (runId: string, token: string) =>
	runs().resolveRunMedia(runId, token);
/** The run scored on the server. */
export const runSummary = (id: string) => runs().runSummary(id);

/** The items these runs showed (see RunStore.itemsShownIn). */
export const itemsShownIn = (runIds: readonly string[]) => runs().itemsShownIn(runIds);
