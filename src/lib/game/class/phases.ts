/**
 * The pre/post design of a class session: a short baseline test, the training rounds with
 * reveals, and a post-test. The two tests must be equally hard or the "change" only measures the
 * items, so they are drawn as matched halves of the same draw.
 */
import { getRoundSource, itemsOfSource, type Pack, type PairTopic } from '../pack/schema';
import { shuffled, type Random } from '../play/random';
import { kindOfSource, roundOf, type Round, type Run } from '../play/run';

export const SESSION_PARTS = ['pre', 'training', 'post'] as const;
/** pre and post are tests (no reveal after a round); training rounds are revealed. */
export type SessionPart = (typeof SESSION_PARTS)[number];

/** lobby: joining; open: a round takes verdicts; closed: it stopped; revealed: the answer is out. */
export type ClassPhase = 'lobby' | 'open' | 'closed' | 'revealed' | 'ended';

/** A round of a session: a run's round re-indexed in session order, tagged with its part. */
export type SessionRound = Round & { part: SessionPart };

/** A session's run: the run's options, its rounds in session order. */
export type SessionRun = Omit<Run, 'rounds'> & { rounds: SessionRound[] };

export interface SessionPlan {
	rounds: SessionRound[];
	/** Rounds in each test (0 without the pre/post design); may be fewer than asked for. */
	testRounds: number;
}

/** Rounds to draw for `training` training rounds and `testRounds` rounds in each test. */
export function roundsToDraw(training: number, testRounds: number): number {
	return training + 2 * testRounds;
}

/** Whether the round's reveal is shown (training) or held back (a test). */
export function isRevealed(part: SessionPart): boolean {
	return part === 'training';
}

// Rounds that could stand in for each other in a test: same difficulty, media and question.
function stratum(round: Round): string {
	return `${round.tier}|${round.kind}|${round.type}`;
}

/**
 * Splits a run into pre-test, training and post-test. Rounds are paired within a stratum
 * (tier, kind, round type) in the run's own shuffled order; `testRounds` of those pairs, spread
 * evenly over the draw (so the tests are not all easy when the run is ordered by tier), give one
 * round to each test, alternating which test gets the first of the pair. If a stratum cannot
 * pair up, leftovers are paired across strata. The tests shrink when the run is too short,
 * always leaving at least one training round. Deterministic: the run decides everything.
 */
export function planSession(run: Run, testRounds: number): SessionPlan {
	const rounds = run.rounds;
	const possible = Math.max(0, Math.min(testRounds, Math.floor((rounds.length - 1) / 2)));
	if (possible === 0) {
		return {
			rounds: rounds.map((round, index) => ({ ...round, index, part: 'training' })),
			testRounds: 0
		};
	}

	const matched: Array<[Round, Round]> = [];
	const waiting = new Map<string, Round>();
	for (const round of rounds) {
		const key = stratum(round);
		const partner = waiting.get(key);
		if (partner) {
			matched.push([partner, round]);
			waiting.delete(key);
		} else {
			waiting.set(key, round);
		}
	}
	const leftovers = [...waiting.values()].sort((a, b) => a.index - b.index);
	for (let i = 0; i + 1 < leftovers.length; i += 2) matched.push([leftovers[i], leftovers[i + 1]]);
	matched.sort((a, b) => a[0].index - b[0].index);

	const chosen: Array<[Round, Round]> = [];
	for (let i = 0; i < possible; i++) {
		chosen.push(matched[Math.floor(((i + 0.5) * matched.length) / possible)]);
	}
	const pre: Round[] = [];
	const post: Round[] = [];
	chosen.forEach(([first, second], i) => {
		(i % 2 === 0 ? pre : post).push(first);
		(i % 2 === 0 ? post : pre).push(second);
	});
	const inTests = new Set([...pre, ...post].map((round) => round.index));
	const training = rounds.filter((round) => !inTests.has(round.index));
	const byIndex = (a: Round, b: Round) => a.index - b.index;

	const ordered: Array<[Round, SessionPart]> = [
		...pre.sort(byIndex).map((round): [Round, SessionPart] => [round, 'pre']),
		...training.map((round): [Round, SessionPart] => [round, 'training']),
		...post.sort(byIndex).map((round): [Round, SessionPart] => [round, 'post'])
	];
	return {
		rounds: ordered.map(([round, part], index) => ({ ...round, index, part })),
		testRounds: possible
	};
}

/**
 * A stand-in for the session's round at `index`: a pair (or, for a single round, a pair or a
 * single) of the same kind drawn from `pack` that shares no item with any round of the session,
 * shown the same way (pair or single) in the same part. Those of the same tier come first, then
 * the nearest tier, so a swap keeps the difficulty when it can. The side of the fake (or whether
 * a single round shows it) is a fresh coin flip, as in a run. Null when the pack has no unused
 * candidate of that kind.
 */
export function replacementRound(
	pack: Pack,
	rounds: readonly SessionRound[],
	index: number,
	random: Random
): SessionRound | null {
	const old = rounds[index];
	const used = new Set(
		rounds.flatMap((round) => itemsOfSource(getRoundSource(pack, round.pairId)))
	);
	const singles = old.type === 'single' ? (pack.singles ?? []) : [];
	const candidates = shuffled(
		random,
		[...pack.pairs, ...singles].filter(
			(source) =>
				kindOfSource(pack, source) === old.kind && !itemsOfSource(source).some((id) => used.has(id))
		)
	).sort((a, b) => Math.abs(a.tier - old.tier) - Math.abs(b.tier - old.tier));
	const source = candidates[0];
	if (!source) return null;
	return { index, part: old.part, ...roundOf(pack, source, old.type, random) } as SessionRound;
}

/** The session's rounds without the one at `index`, the later ones moved up a place. */
export function withoutRound(rounds: readonly SessionRound[], index: number): SessionRound[] {
	return rounds
		.filter((round) => round.index !== index)
		.map((round, position) => ({ ...round, index: position }));
}

/**
 * The pack with only the pairs and singles on the host's chosen topics, to draw a session's
 * rounds from.
 */
export function onTopics(pack: Pack, topics: readonly PairTopic[]): Pack {
	const onTopic = (source: { topic: PairTopic }) => topics.includes(source.topic);
	const topical: Pack = { ...pack, pairs: pack.pairs.filter(onTopic) };
	if (pack.singles) topical.singles = pack.singles.filter(onTopic);
	return topical;
}
