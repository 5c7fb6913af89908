/**
 * The settings a host picks for a live class session, and their parser. Form values arrive as
 * strings (and checkboxes as "on" or absent), so the parser accepts both those and plain JSON.
 */
import * as z from 'zod';
import { describeIssues, friendlyMessage } from '../issues';
import { MAX_ROUNDS, RUN_MODES, type Difficulty, type RunMode } from '../play/run';
import { MEDIA_KINDS, type MediaKind } from '../pack/taxonomy';
import { PAIR_TOPICS, type PairTopic } from '../pack/format';

/** Seconds a round stays open; 0 means no timer (the host closes the round). */
export const TIMER_CHOICES = [0, 20, 30, 60] as const;
export type TimerSeconds = (typeof TIMER_CHOICES)[number];

/** accuracy: right answers only; points: right answers plus a streak bonus. Speed never counts. */
export const SCORING_CHOICES = ['accuracy', 'points'] as const;
export type Scoring = (typeof SCORING_CHOICES)[number];

/** The most rounds in each of the pre-test and the post-test. */
export const MAX_TEST_ROUNDS = 10;
export const DEFAULT_TRAINING_ROUNDS = 8;
export const DEFAULT_TEST_ROUNDS = 4;

export interface SessionSettings {
	packId: string;
	mode: RunMode;
	/** Training rounds (with reveals). */
	rounds: number;
	difficulty: Difficulty;
	kinds: MediaKind[];
	/** Topics the rounds are drawn from (faces, scenes, voices, videos); every topic by default. */
	topics: PairTopic[];
	timer: TimerSeconds;
	scoring: Scoring;
	leaderboard: boolean;
	/** Rounds in each of the pre-test and post-test; 0 when the pre/post design is off. */
	testRounds: number;
	lateJoin: boolean;
}

// A form sends one value for one ticked box and a list for several.
const oneOrMore = (value: unknown) => (typeof value === 'string' ? [value] : value);

const digits = (schema: z.ZodType) =>
	z.preprocess(
		(value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
		schema
	);

// A checkbox sends "on" when ticked and nothing otherwise; JSON clients send booleans.
const checkbox = z.preprocess(
	(value) => (value === undefined ? false : value === 'on' || value === 'true' ? true : value),
	z.boolean('must be on or off')
);

const kindList = z.preprocess(
	oneOrMore,
	z
		.array(z.enum(MEDIA_KINDS))
		.min(1, 'choose at least one kind of media')
		.max(MEDIA_KINDS.length * 2, 'lists too many kinds')
);

const topicList = z.preprocess(
	oneOrMore,
	z
		.array(z.enum(PAIR_TOPICS))
		.min(1, 'choose at least one topic')
		.max(PAIR_TOPICS.length * 2, 'lists too many topics')
);

export const sessionSettingsSchema = z
	.strictObject({
		packId: z
			.string()
			.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a pack id (lowercase letters, digits, dashes)'),
		mode: z.enum(RUN_MODES).default('pairs'),
		rounds: digits(
			z
				.int('must be a whole number')
				.min(1, `must be between 1 and ${MAX_ROUNDS}`)
				.max(MAX_ROUNDS, `must be between 1 and ${MAX_ROUNDS}`)
		).default(DEFAULT_TRAINING_ROUNDS),
		difficulty: z
			.union([z.literal('any'), digits(z.union([z.literal(1), z.literal(2), z.literal(3)]))], {
				error: 'must be "any", 1, 2 or 3'
			})
			.default('any'),
		kinds: kindList.default([...MEDIA_KINDS]),
		topics: topicList.default([...PAIR_TOPICS]),
		timer: digits(
			z.union(
				TIMER_CHOICES.map((seconds) => z.literal(seconds)),
				{ error: `must be one of ${TIMER_CHOICES.join(', ')} (seconds; 0 is no timer)` }
			)
		).default(30),
		scoring: z.enum(SCORING_CHOICES).default('accuracy'),
		leaderboard: checkbox,
		prePost: checkbox,
		testRounds: digits(
			z
				.int('must be a whole number')
				.min(1, `must be between 1 and ${MAX_TEST_ROUNDS}`)
				.max(MAX_TEST_ROUNDS, `must be between 1 and ${MAX_TEST_ROUNDS}`)
		).default(DEFAULT_TEST_ROUNDS),
		lateJoin: checkbox
	})
	.transform((input): SessionSettings => ({
		packId: input.packId,
		mode: input.mode,
		rounds: input.rounds as number,
		difficulty: input.difficulty as Difficulty,
		// Canonical order and no repeats, so equal choices give equal sessions.
		kinds: MEDIA_KINDS.filter((kind) => input.kinds.includes(kind)),
		topics: PAIR_TOPICS.filter((topic) => input.topics.includes(topic)),
		timer: input.timer as TimerSeconds,
		scoring: input.scoring,
		leaderboard: input.leaderboard,
		testRounds: input.prePost ? (input.testRounds as number) : 0,
		lateJoin: input.lateJoin
	}));

export type SessionSettingsResult =
	{ ok: true; settings: SessionSettings } | { ok: false; error: string };

/**
 * Validates the host's settings (form fields or JSON). Empty form fields count as absent, so the
 * defaults apply: pairs, 8 training rounds, any difficulty, every kind and topic, a 30 s timer, accuracy
 * scoring, no leaderboard, no pre/post test, no late joining.
 */
export function parseSessionSettings(input: unknown): SessionSettingsResult {
	const cleaned =
		typeof input === 'object' && input !== null && !Array.isArray(input)
			? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ''))
			: input;
	const parsed = sessionSettingsSchema.safeParse(cleaned, { error: friendlyMessage });
	if (parsed.success) return { ok: true, settings: parsed.data };
	return { ok: false, error: describeIssues(parsed.error.issues) };
}
