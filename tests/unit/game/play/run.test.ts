import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DRAW_RULES, getItem, type Pack } from '$lib/game/pack/schema';
import {
	buildRun,
	parseRunOptions,
	FRESH_RUNS,
	MAX_ROUNDS,
	type Run,
	type RunOptions
} from '$lib/game/play/run';
import { MEDIA_KINDS, type MediaKind } from '$lib/game/pack/taxonomy';
import { buildPack, packOf, withSingle } from '../pack-builder';

const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
	seed: 1,
	mode: 'pairs',
	count: 10,
	difficulty: 'any',
	kinds: ['image', 'audio', 'video'],
	...overrides
});

/** Every item id a run shows. */
function shownItems(pack: Pack, opts: RunOptions): string[] {
	return buildRun(pack, opts).rounds.flatMap((round) =>
		round.type === 'pair' ? round.items : [round.itemId]
	);
}

const MIXED_PACK = buildPack([
	...Array.from({ length: 30 }, () => ({ kind: 'image' as const })),
	...Array.from({ length: 12 }, () => ({ kind: 'audio' as const })),
	...Array.from({ length: 9 }, () => ({ kind: 'video' as const }))
]);

const arbitraryOptions = fc.record({
	seed: fc.nat({ max: 0xffffffff }),
	mode: fc.constantFrom('pairs' as const, 'single' as const, 'mixed' as const),
	count: fc.integer({ min: 1, max: MAX_ROUNDS }),
	difficulty: fc.constantFrom('any' as const, 1 as const, 2 as const, 3 as const),
	kinds: fc.subarray(['image', 'audio', 'video'] as const, { minLength: 1 })
});

describe.each(DRAW_RULES)("buildRun, drawing by '%s'", (rule) => {
	const draw = (pack: Pack, opts: RunOptions) => buildRun({ ...pack, draw: rule }, opts);
	const shownIn = (pack: Pack, opts: RunOptions) => shownItems({ ...pack, draw: rule }, opts);

	test('is deterministic: the same options give the same rounds in the same order', () => {
		fc.assert(
			fc.property(arbitraryOptions, (opts) => {
				expect(draw(MIXED_PACK, opts)).toEqual(draw(structuredClone(MIXED_PACK), { ...opts }));
			})
		);
	});

	test('does not depend on the order of pairs and items in the manifest', () => {
		const reordered = {
			...MIXED_PACK,
			items: [...MIXED_PACK.items].reverse(),
			pairs: [...MIXED_PACK.pairs].reverse()
		};
		fc.assert(
			fc.property(arbitraryOptions, (opts) => {
				expect(draw(reordered, opts).rounds).toEqual(draw(MIXED_PACK, opts).rounds);
			})
		);
	});

	test('different seeds give different runs', () => {
		const orders = new Set(
			Array.from({ length: 50 }, (_, seed) =>
				JSON.stringify(draw(MIXED_PACK, options({ seed })).rounds)
			)
		);
		expect(orders.size).toBe(50);
	});

	test('never shows an item twice, honours the filters and fills count when it can', () => {
		fc.assert(
			fc.property(arbitraryOptions, (opts) => {
				const run = draw(MIXED_PACK, opts);
				const shown = shownIn(MIXED_PACK, opts);
				expect(new Set(shown).size).toBe(shown.length);
				const available = MIXED_PACK.pairs.filter(
					(pair) =>
						(opts.difficulty === 'any' || pair.tier === opts.difficulty) &&
						opts.kinds.includes(getItem(MIXED_PACK, pair.items[0]).kind)
				).length;
				expect(run.rounds).toHaveLength(Math.min(opts.count, available));
				run.rounds.forEach((round, index) => {
					expect(round.index).toBe(index);
					expect(opts.kinds).toContain(round.kind);
					if (opts.difficulty !== 'any') expect(round.tier).toBe(opts.difficulty);
					const items = round.type === 'pair' ? round.items : [round.itemId];
					for (const id of items) expect(getItem(MIXED_PACK, id).kind).toBe(round.kind);
					if (round.type === 'pair') {
						expect(items.map((id) => getItem(MIXED_PACK, id).truth).sort()).toEqual([
							'real',
							'synthetic'
						]);
					}
				});
				expect(run.packId).toBe(MIXED_PACK.id);
				expect(run.packVersion).toBe(MIXED_PACK.version);
				expect(run.options).toEqual(opts);
			})
		);
	});

	test('a run of several kinds shows each of them, however few pairs one kind has', () => {
		// As the default pack once was: many pictures and voices, two videos.
		const pack = buildPack([
			...Array.from({ length: 26 }, () => ({ kind: 'image' as const })),
			...Array.from({ length: 18 }, () => ({ kind: 'audio' as const })),
			...Array.from({ length: 2 }, () => ({ kind: 'video' as const }))
		]);
		const kindsShown = (opts: RunOptions) =>
			new Set(draw(pack, opts).rounds.map((round) => round.kind));
		for (let seed = 0; seed < 100; seed++) {
			for (const mode of ['pairs', 'single', 'mixed'] as const) {
				expect([...kindsShown(options({ seed, mode }))].sort()).toEqual([
					'audio',
					'image',
					'video'
				]);
			}
			expect(
				[...kindsShown(options({ seed, kinds: ['image', 'video'], count: 2 }))].sort()
			).toEqual(['image', 'video']);
		}
		// The rest are drawn as before: the videos are not in every run twice over.
		const bothVideos = Array.from({ length: 100 }, (_, seed) =>
			draw(pack, options({ seed })).rounds.filter((round) => round.kind === 'video')
		).filter((videos) => videos.length === 2).length;
		expect(bothVideos).toBeLessThan(50);
	});

	test('a run shorter than its kinds takes the first kinds its shuffled order meets', () => {
		const firstKinds = new Set(
			Array.from(
				{ length: 60 },
				(_, seed) => draw(MIXED_PACK, options({ seed, count: 1 })).rounds[0].kind
			)
		);
		expect(firstKinds.size).toBe(3);
	});

	test('returns fewer rounds rather than repeat when the pack runs out', () => {
		const pack = packOf(4);
		const run = draw(pack, options({ count: 10 }));
		expect(run.rounds).toHaveLength(4);
		expect(draw(pack, options({ kinds: ['audio'] })).rounds).toEqual([]);
	});

	test('skips a pair whose item was already shown in another pair', () => {
		const pack = packOf(3);
		// Pair p002 reuses the real item of p000.
		pack.pairs[2].items = ['i000r', 'i002s'];
		for (let seed = 0; seed < 50; seed++) {
			const shown = shownIn(pack, options({ seed, count: 3 }));
			expect(new Set(shown).size).toBe(shown.length);
			expect(shown.length).toBe(4);
		}
	});

	test('pairs mode puts the synthetic item on the left in about half the rounds', () => {
		let left = 0;
		let total = 0;
		for (let seed = 0; seed < 400; seed++) {
			for (const round of draw(MIXED_PACK, options({ seed, count: 20 })).rounds) {
				if (round.type !== 'pair') throw new Error('pairs mode made a single round');
				total += 1;
				if (getItem(MIXED_PACK, round.items[0]).truth === 'synthetic') left += 1;
			}
		}
		// 8000 fair coin flips: 3 standard deviations is about 1.7%.
		expect(total).toBe(8000);
		expect(Math.abs(left / total - 0.5)).toBeLessThan(0.02);
	});

	test('the side of the fake is not fixed per pair across seeds', () => {
		const sides = new Set<string>();
		for (let seed = 0; seed < 40; seed++) {
			const round = draw(packOf(1), options({ seed })).rounds[0];
			if (round.type === 'pair') sides.add(round.items[0]);
		}
		expect(sides.size).toBe(2);
	});

	test('single mode shows a real item about half the time', () => {
		let real = 0;
		let total = 0;
		for (let seed = 0; seed < 400; seed++) {
			for (const round of draw(MIXED_PACK, options({ seed, count: 20, mode: 'single' })).rounds) {
				if (round.type !== 'single') throw new Error('single mode made a pair round');
				total += 1;
				if (getItem(MIXED_PACK, round.itemId).truth === 'real') real += 1;
			}
		}
		expect(total).toBe(8000);
		expect(Math.abs(real / total - 0.5)).toBeLessThan(0.02);
	});

	test('mixed mode has half pair and half single rounds, in varying order', () => {
		const orders = new Set<string>();
		for (let seed = 0; seed < 30; seed++) {
			const rounds = draw(MIXED_PACK, options({ seed, count: 9, mode: 'mixed' })).rounds;
			expect(rounds.filter((round) => round.type === 'pair')).toHaveLength(5);
			expect(rounds.filter((round) => round.type === 'single')).toHaveLength(4);
			orders.add(rounds.map((round) => round.type[0]).join(''));
		}
		expect(orders.size).toBeGreaterThan(5);
	});

	test('with difficulty "any", easy rounds come first', () => {
		fc.assert(
			fc.property(fc.nat({ max: 0xffffffff }), (seed) => {
				const tiers = draw(MIXED_PACK, options({ seed, count: 30 })).rounds.map((r) => r.tier);
				expect(tiers).toEqual([...tiers].sort());
				expect(new Set(tiers).size).toBeGreaterThan(1);
			})
		);
	});

	test('focus prefers pairs whose fake has a tell in the focus categories', () => {
		const pack = buildPack([
			...Array.from({ length: 20 }, () => ({
				kind: 'image' as const,
				category: 'blend-seam' as const
			})),
			...Array.from({ length: 4 }, () => ({ kind: 'image' as const, category: 'eyes' as const })),
			...Array.from({ length: 3 }, () => ({
				kind: 'image' as const,
				category: 'teeth-mouth' as const
			}))
		]);
		const focusPairs = new Set(pack.pairs.slice(20).map((pair) => pair.id));
		for (let seed = 0; seed < 50; seed++) {
			const run = draw(pack, options({ seed, count: 7, focus: ['eyes', 'teeth-mouth'] }));
			expect(run.rounds.every((round) => focusPairs.has(round.pairId))).toBe(true);
			// Deterministic with focus too.
			expect(draw(pack, run.options)).toEqual(run);
			// More rounds than focus pairs: the rest comes from the other pairs.
			const longer = draw(pack, options({ seed, count: 10, focus: ['eyes', 'teeth-mouth'] }));
			expect(longer.rounds.filter((round) => focusPairs.has(round.pairId))).toHaveLength(7);
		}
		const unfocused = draw(pack, options({ seed: 3, count: 7 }));
		expect(unfocused.rounds.some((round) => !focusPairs.has(round.pairId))).toBe(true);
	});

	test("every round carries its pair's fake's tell categories, once each, in taxonomy order", () => {
		const pack = buildPack([
			{ kind: 'image', category: 'eyes' },
			{ kind: 'image', category: 'hair-edges' },
			{ kind: 'audio', category: 'splice-jump' }
		]);
		// p000's fake: eyes, then blend-seam twice; p001's real item has no tells to add.
		const tell = pack.items[1].tells![0];
		pack.items[1].tells!.push(
			{ ...tell, category: 'blend-seam' },
			{ ...tell, category: 'blend-seam' }
		);
		const expected: Record<string, string[]> = {
			p000: ['blend-seam', 'eyes'],
			p001: ['hair-edges'],
			p002: ['splice-jump']
		};
		for (const mode of ['pairs', 'single', 'mixed'] as const) {
			for (let seed = 0; seed < 20; seed++) {
				const run = draw(pack, options({ seed, mode }));
				expect(run.rounds).toHaveLength(3);
				for (const round of run.rounds) {
					// The same for a single round showing the real item: it is not the answer.
					expect(round.categories).toEqual(expected[round.pairId]);
				}
			}
		}
	});
});

describe('the draw of a pack version never changes', () => {
	test('draws today what it drew when runs were stored: the draw is part of every stored run', () => {
		// Runs and score links are rebuilt from their options on the pack version they were
		// played on. If this fails, the draw changed: ship it with new pack versions, then update.
		const drawn = buildRun(MIXED_PACK, options({ seed: 2026, mode: 'mixed', count: 8 })).rounds.map(
			(round) => `${round.type} ${round.type === 'pair' ? round.items.join(' ') : round.itemId}`
		);
		expect(drawn).toMatchInlineSnapshot(`
			[
			  "single i003r",
			  "single i042r",
			  "single i043r",
			  "pair i046r i046s",
			  "pair i040s i040r",
			  "pair i017s i017r",
			  "single i047r",
			  "pair i038r i038s",
			]
		`);
	});
	test("draws today what the 'kind-shares' rule drew when it shipped (default pack 1.8.0)", () => {
		const drawn = buildRun(
			{ ...MIXED_PACK, draw: 'kind-shares' },
			options({ seed: 2026, mode: 'mixed', count: 8 })
		).rounds.map(
			(round) => `${round.type} ${round.type === 'pair' ? round.items.join(' ') : round.itemId}`
		);
		expect(drawn).toMatchInlineSnapshot(`
			[
			  "pair i003r i003s",
			  "single i021s",
			  "single i043r",
			  "single i040r",
			  "pair i028s i028r",
			  "pair i017r i017s",
			  "single i038r",
			  "pair i020s i020r",
			]
		`);
	});
});

describe("the 'kind-shares' draw", () => {
	/** A pack of `image`, `audio` and `video` pairs drawn by 'kind-shares'. */
	const poolsOf = (image: number, audio: number, video: number): Pack => ({
		...buildPack([
			...Array.from({ length: image }, () => ({ kind: 'image' as const })),
			...Array.from({ length: audio }, () => ({ kind: 'audio' as const })),
			...Array.from({ length: video }, () => ({ kind: 'video' as const }))
		]),
		draw: 'kind-shares'
	});
	const kindsIn = (run: Run) =>
		Object.fromEntries(
			MEDIA_KINDS.map((kind) => [kind, run.rounds.filter((round) => round.kind === kind).length])
		) as Record<MediaKind, number>;

	test('shares 10 rounds of 27 picture, 67 voice and 6 video pairs fairly: 4 or 5 pictures, 5 or 4 voices, 1 video', () => {
		// The default pack's online pools, each photo in one pair only. By the old rule a run
		// follows the pool (about 6 voices); here 6 videos allow 1 a run, the rest is split evenly.
		const pack = poolsOf(27, 67, 6);
		const pictures: number[] = [];
		for (let seed = 0; seed < 1000; seed++) {
			const kinds = kindsIn(buildRun(pack, options({ seed })));
			expect(kinds.video).toBe(1);
			expect([4, 5]).toContain(kinds.image);
			expect(kinds.image + kinds.audio).toBe(9);
			pictures.push(kinds.image);
		}
		// The odd round goes to either kind alike.
		const mean = pictures.reduce((sum, n) => sum + n, 0) / pictures.length;
		expect(Math.abs(mean - 4.5)).toBeLessThan(0.06);
		const old = Array.from({ length: 200 }, (_, seed) =>
			kindsIn(buildRun({ ...pack, draw: undefined }, options({ seed })))
		);
		expect(old.reduce((sum, kinds) => sum + kinds.audio, 0) / old.length).toBeGreaterThan(5.5);
	});

	test('counts pairs that reuse a photo once: 27 picture pairs showing 18 real photos deal 3 pictures', () => {
		// Default pack 1.8.0 online: 9 of its 27 picture pairs show a real photo another pair
		// shows too; a player who met it as real in one run would know it in the next.
		const pack = poolsOf(27, 67, 6);
		for (let n = 18; n < 27; n++) {
			const pair = pack.pairs[n];
			const real = pair.items.find((id) => id.endsWith('r'))!;
			const reused = pack.pairs[n - 18].items.find((id) => id.endsWith('r'))!;
			pair.items = pair.items.map((id) => (id === real ? reused : id)) as [string, string];
			pack.items = pack.items.filter((item) => item.id !== real);
		}
		for (let seed = 0; seed < 300; seed++) {
			const kinds = kindsIn(buildRun(pack, options({ seed })));
			expect(kinds).toEqual({ image: 3, audio: 6, video: 1 });
		}
	});

	test('gives each kind an even share, never more than a fifth of its pool (one at least), the rest in shuffled order', () => {
		const arbitraryRun = fc.record({
			pools: fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 }), fc.nat({ max: 40 })),
			seed: fc.nat({ max: 0xffffffff }),
			count: fc.integer({ min: 1, max: MAX_ROUNDS }),
			mode: fc.constantFrom('pairs' as const, 'single' as const, 'mixed' as const)
		});
		fc.assert(
			fc.property(arbitraryRun, ({ pools: [image, audio, video], seed, count, mode }) => {
				fc.pre(image + audio + video > 0);
				const pool: Record<MediaKind, number> = { image, audio, video };
				const run = buildRun(poolsOf(image, audio, video), options({ seed, count, mode }));
				const kinds = kindsIn(run);
				const present = MEDIA_KINDS.filter((kind) => pool[kind] > 0);
				const cap = (kind: MediaKind) => Math.max(1, Math.floor(pool[kind] / FRESH_RUNS));
				// Room left under its cap, and candidates left to fill it.
				const short = (kind: MediaKind) => kinds[kind] < Math.min(cap(kind), pool[kind]);
				expect(run.rounds).toHaveLength(Math.min(count, image + audio + video));
				if (count >= present.length) {
					for (const kind of present) expect(kinds[kind]).toBeGreaterThan(0);
				}
				for (const a of present) {
					for (const b of present) {
						// A kind short of its cap is never out-shared by more than the odd round.
						if (short(a)) expect(kinds[b]).toBeLessThanOrEqual(Math.max(1, kinds[a] + 1));
					}
					// Beyond its cap only with rounds no kind could take within its own.
					if (kinds[a] > cap(a)) expect(present.some(short)).toBe(false);
				}
			}),
			{ numRuns: 500 }
		);
	});

	test('keeps a small kind to what five runs can show without repeating it: 6 videos give 1 a run, 12 give 2', () => {
		for (let seed = 0; seed < 200; seed++) {
			expect(kindsIn(buildRun(poolsOf(40, 40, 6), options({ seed }))).video).toBe(1);
			expect(kindsIn(buildRun(poolsOf(40, 40, 12), options({ seed }))).video).toBe(2);
			expect(kindsIn(buildRun(poolsOf(40, 40, 12), options({ seed, count: 3 })))).toEqual({
				image: 1,
				audio: 1,
				video: 1
			});
		}
	});

	test('with a difficulty, shares the rounds by the pools of that tier', () => {
		// Tier 1 holds a third of each kind: 10 pictures, 10 voices, 2 videos.
		const pack = poolsOf(30, 30, 6);
		for (let seed = 0; seed < 100; seed++) {
			const run = buildRun(pack, options({ seed, difficulty: 1 }));
			expect(run.rounds.every((round) => round.tier === 1)).toBe(true);
			const kinds = kindsIn(run);
			// Caps 2, 2 and 1 leave 5 rounds to the shuffled order, all of tier 1.
			expect(kinds.image).toBeGreaterThanOrEqual(2);
			expect(kinds.audio).toBeGreaterThanOrEqual(2);
			expect(kinds.video).toBeGreaterThanOrEqual(1);
			expect(run.rounds).toHaveLength(10);
		}
	});

	test('with a focus, shares the rounds among the kinds in focus; a kind with none shows once', () => {
		const pack: Pack = {
			...buildPack([
				...Array.from({ length: 20 }, () => ({
					kind: 'image' as const,
					category: 'eyes' as const
				})),
				...Array.from({ length: 20 }, () => ({ kind: 'image' as const })),
				...Array.from({ length: 30 }, () => ({ kind: 'audio' as const })),
				...Array.from({ length: 10 }, () => ({ kind: 'video' as const, category: 'eyes' as const }))
			]),
			draw: 'kind-shares'
		};
		for (let seed = 0; seed < 100; seed++) {
			const run = buildRun(pack, options({ seed, focus: ['eyes'] }));
			const kinds = kindsIn(run);
			expect(kinds.audio).toBe(1);
			expect(run.rounds.filter((round) => round.categories.includes('eyes'))).toHaveLength(9);
			// 9 rounds in focus: caps 4 pictures and 2 videos, the other 3 in shuffled order.
			expect(kinds.image).toBeGreaterThanOrEqual(4);
			expect(kinds.video).toBeGreaterThanOrEqual(2);
		}
	});

	test('a pack of one kind draws exactly as the old rule: its shuffled order', () => {
		fc.assert(
			fc.property(arbitraryOptions, (opts) => {
				const pack = packOf(30, 'audio');
				expect(buildRun({ ...pack, draw: 'kind-shares' }, opts).rounds).toEqual(
					buildRun(pack, opts).rounds
				);
			})
		);
	});
});

describe('buildRun with singles', () => {
	const pack = withSingle(withSingle(packOf(4), '900', 'synthetic', { tier: 2 }), '901', 'real');
	const singleIds = new Set(['s900', 's901']);

	test("'pairs' mode ignores singles: the draw is the pack's without them", () => {
		fc.assert(
			fc.property(arbitraryOptions, (opts) => {
				const pairs = { ...opts, mode: 'pairs' as const };
				expect(buildRun(pack, pairs).rounds).toEqual(buildRun(packOf(4), pairs).rounds);
			})
		);
	});

	test("'single' and 'mixed' modes draw singles among the pairs, each item at most once", () => {
		for (const mode of ['single', 'mixed'] as const) {
			const run = buildRun(pack, options({ mode, count: 50 }));
			expect(run.rounds).toHaveLength(6);
			expect(run.rounds.filter((round) => singleIds.has(round.pairId))).toEqual([
				expect.objectContaining({ type: 'single', pairId: 's901', itemId: 'i901x', tier: 1 }),
				expect.objectContaining({
					type: 'single',
					pairId: 's900',
					itemId: 'i900x',
					tier: 2,
					kind: 'image',
					categories: ['blend-seam']
				})
			]);
			const shown = shownItems(pack, options({ mode, count: 50 }));
			expect(new Set(shown).size).toBe(shown.length);
		}
	});

	test("a real single's round counts toward no tell category", () => {
		const run = buildRun(pack, options({ mode: 'single', count: 50 }));
		expect(run.rounds.find((round) => round.pairId === 's901')?.categories).toEqual([]);
	});

	test('a pack of singles alone plays them in single mode, is deterministic, and honours the filters', () => {
		const alone = withSingle(
			withSingle({ ...packOf(1), items: [], pairs: [] }, '900', 'synthetic', { tier: 2 }),
			'901',
			'real',
			{ kind: 'audio' }
		);
		const run = buildRun(alone, options({ mode: 'single', seed: 7 }));
		expect(run.rounds.map((round) => round.pairId).sort()).toEqual(['s900', 's901']);
		expect(buildRun(alone, options({ mode: 'single', seed: 7 }))).toEqual(run);
		expect(buildRun(alone, options({ mode: 'pairs' })).rounds).toEqual([]);
		expect(
			buildRun(alone, options({ mode: 'single', kinds: ['audio'] })).rounds.map((r) => r.pairId)
		).toEqual(['s901']);
		expect(
			buildRun(alone, options({ mode: 'mixed', difficulty: 2 })).rounds.map((r) => r.pairId)
		).toEqual(['s900']);
	});

	test('focus puts a single with a tell in the focus category first', () => {
		const focused = withSingle(packOf(6), '900', 'synthetic', { kind: 'audio' });
		for (const seed of [1, 2, 3]) {
			const run = buildRun(
				focused,
				options({ seed, mode: 'single', count: 1, difficulty: 1, focus: ['splice-jump'] })
			);
			expect(run.rounds.map((round) => round.pairId)).toEqual(['s900']);
		}
	});
});

describe('parseRunOptions', () => {
	test('fills defaults and normalises the order of kinds and focus', () => {
		expect(parseRunOptions({ seed: 7 })).toEqual({
			ok: true,
			options: {
				seed: 7,
				mode: 'pairs',
				count: 10,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video']
			}
		});
		expect(
			parseRunOptions({
				seed: '4294967295',
				mode: 'mixed',
				count: '20',
				difficulty: '2',
				kinds: ['video', 'image', 'video'],
				focus: ['lip-sync', 'eyes', 'eyes']
			})
		).toEqual({
			ok: true,
			options: {
				seed: 4294967295,
				mode: 'mixed',
				count: 20,
				difficulty: 2,
				kinds: ['image', 'video'],
				focus: ['eyes', 'lip-sync']
			}
		});
		expect(parseRunOptions({ seed: 0, focus: [] })).toEqual({
			ok: true,
			options: {
				seed: 0,
				mode: 'pairs',
				count: 10,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video']
			}
		});
	});

	test.each([
		[{}, 'seed: is required'],
		[{ seed: -1 }, 'seed: must be between 0 and 4294967295'],
		[{ seed: 2 ** 32 }, 'seed: must be between 0 and 4294967295'],
		[{ seed: 1.5 }, 'seed: must be a whole number'],
		[{ seed: 1, count: 0 }, 'count: must be between 1 and 50'],
		[{ seed: 1, count: 51 }, 'count: must be between 1 and 50'],
		[{ seed: 1, count: 'many' }, 'count: must be a whole number'],
		[{ seed: 1, mode: 'blitz' }, 'mode: must be one of "pairs", "single", "mixed"'],
		[{ seed: 1, difficulty: 4 }, 'difficulty: must be "any", 1, 2 or 3'],
		[{ seed: 1, kinds: [] }, 'kinds: must name at least one media kind'],
		[{ seed: 1, kinds: ['text'] }, 'kinds[0]: must be one of "image", "audio", "video"'],
		[{ seed: 1, focus: ['glitter'] }, 'focus[0]: unknown tell category "glitter"'],
		[{ seed: 1, cheat: true }, 'cheat: is not a known field'],
		[null, 'must be an object'],
		['seed=1', 'must be an object']
	])('rejects %j with a clear error', (input, error) => {
		expect(parseRunOptions(input)).toEqual({ ok: false, error });
	});

	test('names every problem at once', () => {
		const result = parseRunOptions({ seed: -1, count: 99 });
		expect(result).toEqual({
			ok: false,
			error: 'seed: must be between 0 and 4294967295; count: must be between 1 and 50'
		});
	});

	test('never throws and only accepts what buildRun can use', () => {
		fc.assert(
			fc.property(fc.anything(), (input) => {
				const result = parseRunOptions(input);
				if (result.ok) buildRun(MIXED_PACK, result.options);
			})
		);
	});
});
