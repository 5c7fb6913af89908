import { beforeEach, describe, expect, it } from 'vitest';
import { validatePack, type Pack } from '$lib/game/pack/schema';
import { correctAnswer, type Answer } from '$lib/game/play/round';
import { FRESH_RUNS, itemIdsOf } from '$lib/game/play/run';
import { runTtlDays } from '$lib/server/config';
import { isRunId, RunStore } from '$lib/server/play/runs';
import { describeOnEngines } from '../../../support/engines';
import { buildPack } from '../../game/pack-builder';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);

/** A small valid pack: `imagePairs` image pairs and `audioPairs` voice pairs, tiers 1-3. */
function testPack(version = '1.0.0', imagePairs = 8, audioPairs = 4): Pack {
	const items: unknown[] = [];
	const pairs: unknown[] = [];
	const provenance = (truth: 'real' | 'synthetic') => ({
		source: 'test',
		author: 'tests',
		licence: 'CC0-1.0',
		digitalSourceType: `http://cv.iptc.org/newscodes/digitalsourcetype/${truth === 'real' ? 'digitalCapture' : 'compositeSynthetic'}`,
		...(truth === 'synthetic' ? { method: 'a test method' } : {})
	});
	const add = (n: number, kind: 'image' | 'audio') => {
		for (let i = 0; i < n; i++) {
			const base = `${kind}${i}`;
			const hex = (j: number) =>
				(kind === 'image' ? 'a' : 'b') + String(i * 2 + j).padStart(9, '0');
			const media =
				kind === 'image'
					? (j: number) => [
							{ src: `media/${hex(j)}.webp`, type: 'image/webp', width: 64, height: 64 }
						]
					: (j: number) => [{ src: `media/${hex(j)}.opus`, type: 'audio/ogg', duration: 2 }];
			items.push({
				id: `${base}r`,
				kind,
				media: media(0),
				truth: 'real',
				provenance: provenance('real')
			});
			items.push({
				id: `${base}s`,
				kind,
				media: media(1),
				truth: 'synthetic',
				provenance: provenance('synthetic'),
				tells: [
					kind === 'image'
						? {
								category: i % 2 ? 'eyes' : 'blend-seam',
								region: { type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2 },
								explanation: 'look here'
							}
						: {
								category: 'flat-intonation',
								region: { type: 'time', start: 0.5, end: 1 },
								explanation: 'listen here'
							}
				]
			});
			pairs.push({
				id: `p-${base}`,
				items: [`${base}r`, `${base}s`],
				tier: (i % 3) + 1,
				topic: kind === 'image' ? 'face' : 'voice',
				independent: true
			});
		}
	};
	add(imagePairs, 'image');
	add(audioPairs, 'audio');
	const validation = validatePack(
		{
			formatVersion: 1,
			id: 'test',
			version,
			title: 'Test pack',
			language: 'en',
			licence: 'CC0-1.0',
			credits: [{ name: 'tests', role: 'everything', licence: 'CC0-1.0' }],
			items,
			pairs
		},
		'test/manifest.json'
	);
	if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
	return validation.pack;
}

describeOnEngines('solo runs', (engine) => {
	let pack: Pack;
	let clock: number;
	let store: RunStore;

	/** A run store on this engine's database, as each server opens its own. */
	const openStore = () =>
		new RunStore({
			records: engine().stores.runs,
			getPack: async (id) => (id === pack.id ? pack : undefined),
			defaultPackId: 'test',
			ttlDays: 30,
			mediaKey: MEDIA_KEY,
			now: () => clock
		});

	beforeEach(() => {
		pack = testPack();
		clock = 1_700_000_000_000;
		store = openStore();
	});

	async function started(options: Record<string, unknown> = {}) {
		const created = await store.createRun({ options: { count: 5, kinds: ['image'], ...options } });
		if (!created.ok) throw new Error(created.error);
		return created.run;
	}

	/** Serves the run's next round, as its round page does, in English. */
	async function serveNext(runId: string) {
		return await store.serveRound((await store.getRun(runId))!, 'en');
	}

	/** The right (or, with `wrong`, the other) answer to round `index` of a run. */
	async function answerFor(runId: string, index: number, wrong = false): Promise<Answer> {
		const round = (await store.getRun(runId))!.run.rounds[index];
		const right = correctAnswer(round, pack);
		if (!wrong) return right;
		return { left: 'right', right: 'left', real: 'synthetic', synthetic: 'real' }[right] as Answer;
	}

	describe('createRun', () => {
		it('stores a run with a server-chosen seed and an unguessable id', async () => {
			const a = await started();
			const b = await started();
			expect(isRunId(a.id)).toBe(true);
			expect(a.id).not.toBe(b.id);
			expect(a.run.rounds).toHaveLength(5);
			const row = (await engine().row('runs', 'id', a.id))!;
			expect(row.seed).toBe(a.options.seed);
			expect(row.pack_version).toBe('1.0.0');
			expect(row.finished_at).toBeNull();
		});

		it('keeps a seed that is given (challenges) and records the share code', async () => {
			const created = await store.createRun({
				options: { seed: 42, count: 3, kinds: ['image'] },
				challengeOf: 'CODE'
			});
			expect(created.ok).toBe(true);
			if (!created.ok) return;
			expect(created.run.options.seed).toBe(42);
			expect((await store.getRun(created.run.id))!.challengeOf).toBe('CODE');
		});

		it('refuses invalid options with a readable error', async () => {
			expect(await store.createRun({ options: { count: 500 } })).toEqual({
				ok: false,
				error: expect.stringContaining('count'),
				problem: 'invalid'
			});
			expect(await store.createRun({ options: { mode: 'chaos' } })).toMatchObject({ ok: false });
			expect(await store.createRun({ options: {}, packId: 'nope' })).toMatchObject({
				ok: false,
				error: expect.stringContaining('nope')
			});
		});

		it('refuses a run with no rounds', async () => {
			expect(await store.createRun({ options: { kinds: ['video'] } })).toEqual({
				ok: false,
				error: expect.stringContaining('no rounds'),
				problem: 'invalid'
			});
		});

		it('prefers what the player has not just seen, and the stored seed rebuilds that run', async () => {
			const itemsOf = async (runId: string) =>
				(await store.getRun(runId))!.run.rounds.flatMap(itemIdsOf);
			for (let attempt = 0; attempt < 20; attempt++) {
				const first = await started({ count: 3 });
				const seen = await store.itemsShownIn([first.id]);
				expect(seen).toEqual(new Set(await itemsOf(first.id)));
				const created = await store.createRun({
					options: { count: 3, kinds: ['image'] },
					seenItems: seen
				});
				if (!created.ok) throw new Error(created.error);
				// Of 8 picture pairs, 5 were not seen: three of them can always be drawn.
				expect((await itemsOf(created.run.id)).filter((id) => seen.has(id))).toEqual([]);
				expect((await store.getRun(created.run.id))!.run).toEqual(created.run.run);
			}
		});

		it('deals five Quick play runs in a row without a repeat when the pack allows, each kind its share', async () => {
			// Plenty of pictures and voices, and 6 videos: 'kind-shares' deals one video a run, so
			// five runs can show five different ones (two a run could not).
			pack = {
				...buildPack([
					...Array.from({ length: 150 }, () => ({ kind: 'image' as const })),
					...Array.from({ length: 150 }, () => ({ kind: 'audio' as const })),
					...Array.from({ length: 6 }, () => ({ kind: 'video' as const }))
				]),
				draw: 'kind-shares'
			};
			for (let series = 0; series < 4; series++) {
				const runIds: string[] = [];
				const shown = new Set<string>();
				for (let run = 0; run < FRESH_RUNS; run++) {
					// As the play page does: the runs this browser remembers are the ones to avoid.
					const seenItems = await store.itemsShownIn(runIds.slice(-(FRESH_RUNS - 1)));
					const created = await store.createRun({ options: {}, seenItems });
					if (!created.ok) throw new Error(created.error);
					const { rounds } = created.run.run;
					const count = (kind: string) => rounds.filter((round) => round.kind === kind).length;
					expect(rounds).toHaveLength(10);
					expect(count('video')).toBe(1);
					expect([4, 5]).toContain(count('image'));
					for (const id of rounds.flatMap(itemIdsOf)) {
						expect(shown.has(id)).toBe(false);
						shown.add(id);
					}
					runIds.push(created.run.id);
				}
			}
		});

		it('shows as few seen items as it can when the pack has too few new ones', async () => {
			// 8 picture pairs, 6 seen, 4 drawn: at least 2 repeated pairs, and a seed with 2 is found.
			const seen = new Set(
				pack.pairs
					.filter((pair) => pair.id.startsWith('p-image'))
					.slice(0, 6)
					.flatMap((pair) => pair.items)
			);
			expect(seen.size).toBe(12);
			const created = await store.createRun({
				options: { count: 4, kinds: ['image'] },
				seenItems: seen
			});
			if (!created.ok) throw new Error(created.error);
			expect(created.run.run.rounds.flatMap(itemIdsOf).filter((id) => seen.has(id))).toHaveLength(
				4
			);
		});

		it('keeps a given seed (a challenge) whatever the player has seen', async () => {
			const original = await started({ count: 3 });
			const challenge = await store.createRun({
				options: { ...original.options },
				challengeOf: 'code',
				seenItems: await store.itemsShownIn([original.id])
			});
			if (!challenge.ok) throw new Error(challenge.error);
			expect(challenge.run.run.rounds).toEqual(original.run.rounds);
		});

		it('passes over run ids it does not have when reading what was seen', async () => {
			const run = await started({ count: 3 });
			expect(await store.itemsShownIn(['A'.repeat(22), 'not a run id', run.id])).toEqual(
				new Set(run.run.rounds.flatMap(itemIdsOf))
			);
		});
	});

	describe('serveRound and recordVerdict', () => {
		it('serves rounds in order without answers, and measures response time on the server', async () => {
			const run = await started();
			const served = (await serveNext(run.id))!;
			expect(served.index).toBe(0);
			const json = JSON.stringify(served);
			for (const item of pack.items) expect(json).not.toContain(item.id);
			expect(json).not.toMatch(/synthetic|real|tells|categories|provenance/);

			clock += 4321;
			const answer = await answerFor(run.id, 0);
			// A client's own idea of its response time is refused, not trusted.
			expect(
				await store.recordVerdict({
					runId: run.id,
					verdict: { round: 0, answer, confidence: 0.85, responseMs: 1 },
					locale: 'en'
				})
			).toMatchObject({ ok: false, status: 400, error: expect.stringContaining('responseMs') });
			const result = await store.recordVerdict({
				runId: run.id,
				verdict: { round: 0, answer, confidence: 0.85 },
				locale: 'en'
			});
			expect(result).toMatchObject({ ok: true, replayed: false, finished: false });
			if (!result.ok) return;
			expect(result.verdict.responseMs).toBe(4321);
			expect(result.verdict.correct).toBe(true);
			expect(result.outcome).toMatchObject({ answer, confidence: 0.85, correct: true });
			expect(result.outcome.reveal.index).toBe(0);
			expect(result.outcome.reveal.synthetic?.tells.length).toBeGreaterThan(0);
			expect((await serveNext(run.id))!.index).toBe(1);
		});

		it('does not restart the clock when a round is served again (reload)', async () => {
			const run = await started();
			await serveNext(run.id);
			clock += 1000;
			await serveNext(run.id);
			clock += 500;
			const result = await store.recordVerdict({
				runId: run.id,
				verdict: { round: 0, answer: await answerFor(run.id, 0), confidence: 0.5 },
				locale: 'en'
			});
			expect(result.ok && result.verdict.responseMs).toBe(1500);
		});

		it('keeps the first verdict: a replay returns it and records nothing new', async () => {
			const run = await started();
			await serveNext(run.id);
			const first = await store.recordVerdict({
				runId: run.id,
				verdict: { round: 0, answer: await answerFor(run.id, 0, true), confidence: 1 },
				locale: 'en'
			});
			const again = await store.recordVerdict({
				runId: run.id,
				verdict: { round: 0, answer: await answerFor(run.id, 0), confidence: 0.5 },
				locale: 'en'
			});
			expect(first).toMatchObject({ ok: true, replayed: false });
			expect(again).toMatchObject({ ok: true, replayed: true });
			if (!first.ok || !again.ok) return;
			expect(again.verdict).toEqual(first.verdict);
			expect(again.verdict.correct).toBe(false);
			expect(await engine().count('run_verdicts')).toBe(1);
		});

		it('keeps one verdict when two servers take the same round at the same moment', async () => {
			const run = await started();
			await serveNext(run.id);
			// Another server on the same database: its own store, its own pack lookup.
			const other = openStore();
			const right = await answerFor(run.id, 0);
			const wrong = await answerFor(run.id, 0, true);
			const [first, second] = await Promise.all([
				store.recordVerdict({
					runId: run.id,
					verdict: { round: 0, answer: right, confidence: 0.9 },
					locale: 'en'
				}),
				other.recordVerdict({
					runId: run.id,
					verdict: { round: 0, answer: wrong, confidence: 0.6 },
					locale: 'en'
				})
			]);
			if (!first.ok || !second.ok) throw new Error('a verdict was refused');
			expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
			expect(second.verdict).toEqual(first.verdict);
			expect(await engine().count('run_verdicts')).toBe(1);
		});

		it('refuses rounds out of order, unserved rounds and malformed verdicts', async () => {
			const run = await started();
			const verdict = (round: number, extra: Record<string, unknown> = {}) => ({
				round,
				answer: 'left',
				confidence: 0.7,
				...extra
			});
			expect(
				await store.recordVerdict({ runId: run.id, verdict: verdict(0), locale: 'en' })
			).toMatchObject({
				ok: false,
				status: 409,
				error: expect.stringContaining('not been served')
			});
			await serveNext(run.id);
			expect(
				await store.recordVerdict({ runId: run.id, verdict: verdict(1), locale: 'en' })
			).toMatchObject({
				ok: false,
				status: 409,
				error: expect.stringContaining('not the current round')
			});
			expect(
				await store.recordVerdict({ runId: run.id, verdict: verdict(9), locale: 'en' })
			).toMatchObject({
				ok: false,
				status: 400,
				error: expect.stringContaining('rounds 0 to 4')
			});
			expect(
				await store.recordVerdict({
					runId: run.id,
					verdict: verdict(0, { answer: 'real' }),
					locale: 'en'
				})
			).toMatchObject({ ok: false, status: 400, error: expect.stringContaining('pair round') });
			expect(
				await store.recordVerdict({
					runId: run.id,
					verdict: verdict(0, { confidence: 2 }),
					locale: 'en'
				})
			).toMatchObject({ ok: false, status: 400, error: expect.stringContaining('confidence') });
			expect(
				await store.recordVerdict({ runId: run.id, verdict: 'nonsense', locale: 'en' })
			).toMatchObject({
				ok: false,
				status: 400
			});
			expect(
				await store.recordVerdict({ runId: 'x'.repeat(22), verdict: verdict(0), locale: 'en' })
			).toMatchObject({
				ok: false,
				status: 404
			});
		});

		it('marks the run finished with its last verdict and scores it on the server', async () => {
			const run = await started({ mode: 'single', count: 4 });
			for (let index = 0; index < 4; index++) {
				await serveNext(run.id);
				const result = await store.recordVerdict({
					runId: run.id,
					verdict: {
						round: index,
						answer: await answerFor(run.id, index, index === 3),
						confidence: 0.9
					},
					locale: 'en'
				});
				expect(result.ok && result.finished).toBe(index === 3);
			}
			expect(await serveNext(run.id)).toBeNull();
			expect((await store.getRun(run.id))!.finishedAt).not.toBeNull();
			const scored = (await store.runSummary(run.id))!;
			expect(scored.summary.answered).toBe(4);
			expect(scored.summary.correct).toBe(3);
			expect(scored.summary.accuracy).toBe(0.75);
			expect(scored.summary.sdt).not.toBeNull();
		});

		it('lets an answered round be revisited, but not one still to answer', async () => {
			const run = await started();
			await serveNext(run.id);
			await store.recordVerdict({
				runId: run.id,
				verdict: { round: 0, answer: await answerFor(run.id, 0), confidence: 0.7 },
				locale: 'en'
			});
			const stored = (await store.getRun(run.id))!;
			const review = (await store.reviewRound(stored, 0, 'en'))!;
			expect(review.outcome.confidence).toBe(0.7);
			expect(review.outcome.reveal.index).toBe(0);
			expect(review.round.index).toBe(0);
			expect(await store.reviewRound(stored, 1, 'en')).toBeNull();
		});
	});

	describe('getRun', () => {
		it('rebuilds the same rounds from the stored options', async () => {
			const run = await started({ count: 6, kinds: ['image', 'audio'], mode: 'mixed' });
			expect((await store.getRun(run.id))!.run).toEqual(run.run);
		});

		it('does not rebuild a run whose pack version the server no longer has', async () => {
			const run = await started();
			pack = testPack('2.0.0');
			expect(await store.getRun(run.id)).toBeNull();
			expect(await store.recordVerdict({ runId: run.id, verdict: {}, locale: 'en' })).toMatchObject(
				{
					status: 404
				}
			);
		});

		it('refuses ids that are not run ids without a query', async () => {
			expect(await store.getRun("'; DROP TABLE runs; --")).toBeNull();
			expect(await store.getRun('')).toBeNull();
		});
	});

	describe('expiry', () => {
		const DAY = 86_400_000;

		/** How many rows of each run table belong to this run. */
		async function rowsOf(runId: string) {
			return {
				runs: await engine().count('runs', 'id', runId),
				run_rounds: await engine().count('run_rounds', 'run_id', runId),
				run_verdicts: await engine().count('run_verdicts', 'run_id', runId)
			};
		}

		async function answer(runId: string, index: number) {
			await serveNext(runId);
			const result = await store.recordVerdict({
				runId,
				verdict: { round: index, answer: await answerFor(runId, index), confidence: 0.7 },
				locale: 'en'
			});
			expect(result.ok).toBe(true);
		}

		it('deletes a run with its rounds and verdicts once it was last played longer ago than the TTL', async () => {
			const old = await started({ count: 3 });
			await answer(old.id, 0);
			// Playing on keeps it: the TTL counts from the last verdict, not from the start.
			clock += 20 * DAY;
			await answer(old.id, 1);
			clock += 5 * DAY;
			const recent = await started({ count: 3 });
			await answer(recent.id, 0);
			expect(await rowsOf(old.id)).toEqual({ runs: 1, run_rounds: 2, run_verdicts: 2 });

			clock += 25 * DAY;
			// Exactly 30 days after its last verdict: still kept.
			expect(await store.purgeExpired()).toBe(0);
			expect((await store.getRun(old.id))?.verdicts).toHaveLength(2);

			clock += 1;
			// Expired but not purged yet (the purge is hourly): already gone for every reader.
			expect(await store.getRun(old.id)).toBeNull();
			expect(await store.runSummary(old.id)).toBeNull();
			expect(await store.recordVerdict({ runId: old.id, verdict: {}, locale: 'en' })).toMatchObject(
				{
					status: 404
				}
			);

			expect(await store.purgeExpired()).toBe(1);
			expect(await rowsOf(old.id)).toEqual({ runs: 0, run_rounds: 0, run_verdicts: 0 });
			expect(await rowsOf(recent.id)).toEqual({ runs: 1, run_rounds: 1, run_verdicts: 1 });
			expect((await store.getRun(recent.id))?.verdicts).toHaveLength(1);
		});

		it('counts serving a round as playing, but not looking at the results', async () => {
			const run = await started({ count: 2 });
			clock += 10 * DAY;
			// Opening the round page serves the round, even with no verdict yet.
			await serveNext(run.id);
			clock += 10 * DAY;
			await answer(run.id, 0);
			await answer(run.id, 1);
			const finished = (await store.getRun(run.id))!;
			expect(finished.finishedAt).not.toBeNull();
			for (let day = 0; day < 30; day++) {
				clock += DAY;
				await store.runSummary(run.id);
				await store.reviewRound((await store.getRun(run.id))!, 0, 'en');
			}
			clock += 1;
			expect(await store.purgeExpired()).toBe(1);
		});
	});
});

describe('RUN_TTL_DAYS', () => {
	it('defaults to 30 days and accepts a positive number of days', () => {
		expect(runTtlDays(undefined)).toBe(30);
		expect(runTtlDays(' ')).toBe(30);
		expect(runTtlDays('90')).toBe(90);
		expect(runTtlDays('0.25')).toBe(0.25);
		for (const bad of ['0', '-3', 'month', 'Infinity', 'NaN']) {
			expect(() => runTtlDays(bad), bad).toThrow(/RUN_TTL_DAYS must be a number of days/);
		}
	});
});
