import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Pack } from '$lib/game/pack/schema';
import { correctAnswer, type Answer } from '$lib/game/play/round';
import { pairSensitivity, sdt } from '$lib/game/play/scoring';
import { encodeShare, toBase64Url, fromBase64Url } from '$lib/game/share/codec';
import { type SharePayload } from '$lib/game/share/payload';
import { loadPackFromDir } from '$lib/server/packs/loader';
import { RunStore } from '$lib/server/play/runs';
import { ShareLinks } from '$lib/server/share/links';
import { describeOnEngines } from '../../../support/engines';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);

const TINY = path.resolve('tests/fixtures/packs/tiny');
const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);

function tinyPack(): Pack {
	const loaded = loadPackFromDir(TINY);
	if (!loaded.ok) throw new Error('the tiny fixture pack does not load');
	return loaded.pack;
}

describeOnEngines('share links', (engine) => {
	let packs: Map<string, Pack>;
	let store: RunStore;
	let links: ShareLinks;
	let clock: number;

	beforeEach(() => {
		const pack = tinyPack();
		packs = new Map([[pack.id, pack]]);
		clock = Date.UTC(2026, 10, 25, 12);
		store = new RunStore({
			records: engine().stores.runs,
			getPack: async (id) => packs.get(id),
			defaultPackId: pack.id,
			ttlDays: 30,
			mediaKey: MEDIA_KEY,
			now: () => clock
		});
		links = new ShareLinks({
			key: KEY,
			getRun: (id) => store.getRun(id),
			getPack: async (id) => packs.get(id),
			createRun: (input) => store.createRun(input)
		});
	});

	const flip: Record<Answer, Answer> = {
		left: 'right',
		right: 'left',
		real: 'synthetic',
		synthetic: 'real'
	};

	/** Plays a run to the end: round i right when `right[i]`, with confidence `confidence[i]`. */
	async function play(
		options: Record<string, unknown>,
		right: boolean[],
		confidence: number[] = []
	) {
		const created = await store.createRun({ options: { kinds: ['image'], ...options } });
		if (!created.ok) throw new Error(created.error);
		const id = created.run.id;
		const pack = packs.get(created.run.packId)!;
		for (const [index, wantRight] of right.entries()) {
			const served = await store.serveRound((await store.getRun(id))!, 'en');
			if (!served) break;
			const answer = correctAnswer(created.run.run.rounds[index], pack);
			const result = await store.recordVerdict({
				runId: id,
				verdict: {
					round: index,
					answer: wantRight ? answer : flip[answer],
					confidence: confidence[index] ?? 0.8
				},
				locale: 'en'
			});
			if (!result.ok) throw new Error(result.error);
		}
		return (await store.getRun(id))!;
	}

	describe('shareRun', () => {
		it('signs a finished run from the server record, and the code verifies to the same results', async () => {
			const run = await play({ count: 4, seed: 99 }, [true, false, true, true], [0.9, 0.5, 0.7, 1]);
			const shared = await links.shareRun(run.id);
			expect(shared.ok).toBe(true);
			if (!shared.ok) return;
			expect(shared.payload).toMatchObject({
				packId: 'tiny',
				packVersion: '1.2.3',
				seed: 99,
				mode: 'pairs',
				count: 4,
				day: '2026-11-25'
			});
			expect(shared.payload.results.map((result) => result.correct)).toEqual([
				true,
				false,
				true,
				true
			]);
			const decoded = await links.verify(shared.code);
			expect(decoded).toEqual({ ok: true, payload: shared.payload });
			// Stateless: another instance with the same key (a restarted server) verifies it too.
			const restarted = new ShareLinks({
				key: new Uint8Array(KEY),
				getRun: async () => null,
				getPack: async () => undefined,
				createRun: (input) => store.createRun(input)
			});
			expect((await restarted.verify(shared.code)).ok).toBe(true);
		});

		it('gives the same code every time for the same run', async () => {
			const run = await play({ count: 2, seed: 5 }, [true, true]);
			const first = await links.shareRun(run.id);
			clock += 3 * 86_400_000;
			const second = await links.shareRun(run.id);
			expect(first.ok && second.ok && first.code === second.code).toBe(true);
		});

		it('refuses an unfinished run and an unknown run', async () => {
			const run = await play({ count: 3, seed: 1 }, [true]);
			expect(await links.shareRun(run.id)).toEqual({ ok: false, reason: 'not-finished' });
			expect(await links.shareRun('AAAAAAAAAAAAAAAAAAAAAA')).toEqual({
				ok: false,
				reason: 'unknown-run'
			});
			expect(await links.shareRun('../../etc/passwd')).toEqual({
				ok: false,
				reason: 'unknown-run'
			});
		});
	});

	describe('verify', () => {
		let code: string;
		beforeEach(async () => {
			const shared = await links.shareRun(
				(await play({ count: 4, seed: 7 }, [true, true, false, true])).id
			);
			if (!shared.ok) throw new Error('not shared');
			code = shared.code;
		});

		const changeChar = (text: string, at: number) => {
			const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
			const next = alphabet[(alphabet.indexOf(text[at]) + 1) % alphabet.length];
			return text.slice(0, at) + next + text.slice(at + 1);
		};

		it('rejects every single-character change, in the payload and in the signature', async () => {
			for (let at = 0; at < code.length; at++) {
				const result = await links.verify(changeChar(code, at));
				expect(result.ok, `change at ${at}`).toBe(false);
			}
		});

		it('rejects truncation, garbage and unknown versions', async () => {
			for (let cut = 1; cut < code.length; cut++) {
				expect((await links.verify(code.slice(0, cut))).ok, `cut to ${cut}`).toBe(false);
			}
			for (const garbage of ['', 'x', 'not a code', '%%%%', '🎉', 'A'.repeat(5000), null, 42]) {
				expect((await links.verify(garbage)).ok).toBe(false);
			}
			const bytes = fromBase64Url(code)!;
			bytes[0] = 3;
			expect(await links.verify(toBase64Url(bytes))).toEqual({
				ok: false,
				reason: 'unknown-version'
			});
		});

		it('rejects a code signed with another key', async () => {
			const forged = new ShareLinks({
				key: OTHER_KEY,
				getRun: (id) => store.getRun(id),
				getPack: async (id) => packs.get(id),
				createRun: (input) => store.createRun(input)
			});
			const shared = await forged.shareRun((await play({ count: 2, seed: 3 }, [true, true])).id);
			expect(shared.ok).toBe(true);
			if (!shared.ok) return;
			expect(await links.verify(shared.code)).toEqual({ ok: false, reason: 'bad-signature' });
		});
	});

	describe('scoreFacts', () => {
		it('counts the score, confidence and pair sensitivity of a pairs run', async () => {
			const run = await play({ count: 4, seed: 11 }, [true, false, true, true], [0.9, 0.5, 0.7, 1]);
			const shared = await links.shareRun(run.id);
			if (!shared.ok) throw new Error('not shared');
			const facts = await links.scoreFacts(shared.code, shared.payload, 'en');
			expect(facts).toMatchObject({
				mode: 'pairs',
				packTitle: 'Fixture pack tiny',
				right: 3,
				total: 4,
				results: [true, false, true, true],
				replay: { status: 'same' }
			});
			// Bucket midpoints: 0.95, 0.55, 0.675, 0.95.
			expect(facts.meanConfidence).toBeCloseTo((0.95 + 0.55 + 0.675 + 0.95) / 4, 10);
			expect(facts.overconfidence).toBeCloseTo(facts.meanConfidence! - 0.75, 10);
			expect(facts.sensitivity).toEqual([
				{ type: 'pair', rounds: 4, dPrime: pairSensitivity(3, 4) }
			]);
		});

		it('computes single-round d′ from the pack while the server has its version, and says when it changed', async () => {
			const run = await play({ count: 4, seed: 12, mode: 'single' }, [true, true, false, true]);
			const shared = await links.shareRun(run.id);
			if (!shared.ok) throw new Error('not shared');
			const pack = packs.get('tiny')!;
			const counts = { hits: 0, misses: 0, falseAlarms: 0, correctRejections: 0 };
			for (const [index, round] of run.run.rounds.entries()) {
				if (round.type !== 'single') throw new Error('expected single rounds');
				const synthetic =
					pack.items.find((item) => item.id === round.itemId)!.truth === 'synthetic';
				const right = run.verdicts[index].correct;
				if (synthetic) counts[right ? 'hits' : 'misses'] += 1;
				else counts[right ? 'correctRejections' : 'falseAlarms'] += 1;
			}
			expect((await links.scoreFacts(shared.code, shared.payload, 'en')).sensitivity).toEqual([
				{ type: 'single', rounds: 4, dPrime: sdt(counts).dPrime }
			]);

			packs.set('tiny', { ...pack, version: '2.0.0' });
			const later = await links.scoreFacts(shared.code, shared.payload, 'en');
			expect(later.replay).toEqual({ status: 'changed', currentVersion: '2.0.0' });
			expect(later.sensitivity).toEqual([]);
			expect(later.right).toBe(3);

			packs.clear();
			expect(await links.scoreFacts(shared.code, shared.payload, 'en')).toMatchObject({
				packTitle: null,
				replay: { status: 'missing' }
			});
		});
	});

	describe('challenges', () => {
		it('starts a run with the same rounds in the same order, and compares both players', async () => {
			const theirs = await play({ count: 4, seed: 21, mode: 'mixed' }, [true, false, false, true]);
			const shared = await links.shareRun(theirs.id);
			if (!shared.ok) throw new Error('not shared');
			const started = await links.startChallenge(shared.code, shared.payload);
			expect(started.ok).toBe(true);
			if (!started.ok) return;
			const mine = (await store.getRun(started.runId))!;
			expect(mine.challengeOf).toBe(shared.code);
			expect(mine.run.rounds).toEqual(theirs.run.rounds);

			const pack = packs.get('tiny')!;
			const answer = async (index: number, right: boolean) => {
				await store.serveRound((await store.getRun(mine.id))!, 'en');
				const correct = correctAnswer(mine.run.rounds[index], pack);
				const result = await store.recordVerdict({
					runId: mine.id,
					verdict: {
						round: index,
						answer: right ? correct : flip[correct],
						confidence: 0.6
					},
					locale: 'en'
				});
				expect(result.ok).toBe(true);
			};
			for (const [index, right] of [true, true, false].entries()) await answer(index, right);
			// Before the last verdict the comparison would tell how they did on the round to come.
			expect(await links.compareChallenge((await store.getRun(mine.id))!)).toBeNull();
			await answer(3, false);
			expect(await links.compareChallenge((await store.getRun(mine.id))!)).toEqual({
				code: shared.code,
				yours: { right: 2 },
				theirs: { right: 2 },
				rounds: [
					{ index: 0, you: true, them: true },
					{ index: 1, you: true, them: false },
					{ index: 2, you: false, them: false },
					{ index: 3, you: false, them: true }
				]
			});
			// A run that answers no challenge has nothing to compare.
			expect(await links.compareChallenge(theirs)).toBeNull();
		});

		it("marks a replay's link and facts with the link it replayed, even a replay of one's own run", async () => {
			const first = await play({ count: 3, seed: 5 }, [false, true, false]);
			const shared = await links.shareRun(first.id);
			if (!shared.ok) throw new Error('not shared');
			expect((await links.scoreFacts(shared.code, shared.payload, 'en')).replayOf).toBeNull();

			/** Plays "the same rounds" of `code` with every answer right (the reveals were seen). */
			const replay = async (code: string) => {
				const decoded = await links.verify(code);
				if (!decoded.ok) throw new Error('does not verify');
				const started = await links.startChallenge(code, decoded.payload);
				if (!started.ok) throw new Error(started.reason);
				const run = (await store.getRun(started.runId))!;
				for (const [index, round] of run.run.rounds.entries()) {
					await store.serveRound((await store.getRun(run.id))!, 'en');
					await store.recordVerdict({
						runId: run.id,
						verdict: {
							round: index,
							answer: correctAnswer(round, packs.get('tiny')!),
							confidence: 1
						},
						locale: 'en'
					});
				}
				const again = await links.shareRun(run.id);
				if (!again.ok) throw new Error('not shared');
				return again;
			};
			const second = await replay(shared.code);
			const verified = await links.verify(second.code);
			expect(verified.ok).toBe(true);
			const facts = await links.scoreFacts(second.code, second.payload, 'en');
			expect(facts.right).toBe(3);
			expect(facts.replayOf).toEqual({ code: shared.code, right: 1, total: 3, day: '2026-11-25' });

			// A replay of the replay names the first link: the rounds' origin, not a chain.
			const third = await replay(second.code);
			expect((await links.scoreFacts(third.code, third.payload, 'en')).replayOf).toMatchObject({
				code: shared.code
			});
		});

		it('still marks a replay whose original code no longer verifies', async () => {
			const theirs = await play({ count: 2, seed: 8 }, [true, true]);
			const shared = await links.shareRun(theirs.id);
			if (!shared.ok) throw new Error('not shared');
			const forged = await encodeShare(shared.payload, OTHER_KEY);
			const created = await store.createRun({
				options: { kinds: ['image'], count: 2, seed: 8 },
				challengeOf: forged
			});
			if (!created.ok) throw new Error(created.error);
			for (const index of [0, 1]) {
				await store.serveRound((await store.getRun(created.run.id))!, 'en');
				await store.recordVerdict({
					runId: created.run.id,
					verdict: { round: index, answer: 'left', confidence: 0.8 },
					locale: 'en'
				});
			}
			const replayed = await links.shareRun(created.run.id);
			if (!replayed.ok) throw new Error('not shared');
			expect((await links.scoreFacts(replayed.code, replayed.payload, 'en')).replayOf).toEqual({
				code: null
			});
		});

		it('compares nothing when the code a finished run answers does not verify or has other rounds', async () => {
			const theirs = await play({ count: 2, seed: 8 }, [true, true]);
			const shared = await links.shareRun(theirs.id);
			if (!shared.ok) throw new Error('not shared');
			const forged = await encodeShare(shared.payload, OTHER_KEY);
			const otherSeed = await encodeShare({ ...shared.payload, seed: 9 }, KEY);
			for (const challengeOf of [forged, otherSeed, shared.code]) {
				const created = await store.createRun({
					options: { kinds: ['image'], count: 2, seed: 8 },
					challengeOf
				});
				if (!created.ok) throw new Error(created.error);
				for (const index of [0, 1]) {
					await store.serveRound((await store.getRun(created.run.id))!, 'en');
					const result = await store.recordVerdict({
						runId: created.run.id,
						verdict: { round: index, answer: 'left', confidence: 0.8 },
						locale: 'en'
					});
					expect(result.ok).toBe(true);
				}
				const finished = (await store.getRun(created.run.id))!;
				expect(finished.finishedAt).not.toBeNull();
				const comparison = await links.compareChallenge(finished);
				if (challengeOf === shared.code) expect(comparison?.rounds).toHaveLength(2);
				else expect(comparison, challengeOf).toBeNull();
			}
		});

		it('outlives the run it answers: after that run is purged, its code still starts and compares', async () => {
			const theirs = await play({ count: 2, seed: 13 }, [true, false]);
			const shared = await links.shareRun(theirs.id);
			if (!shared.ok) throw new Error('not shared');
			clock += 31 * 86_400_000;
			expect(await store.purgeExpired()).toBe(1);
			expect(await links.shareRun(theirs.id)).toEqual({ ok: false, reason: 'unknown-run' });

			// The code carries everything a challenge needs, signed; the purged record is not read.
			expect((await links.verify(shared.code)).ok).toBe(true);
			const started = await links.startChallenge(shared.code, shared.payload);
			if (!started.ok) throw new Error(started.reason);
			const pack = packs.get('tiny')!;
			for (const index of [0, 1]) {
				await store.serveRound((await store.getRun(started.runId))!, 'en');
				const result = await store.recordVerdict({
					runId: started.runId,
					verdict: {
						round: index,
						answer: correctAnswer((await store.getRun(started.runId))!.run.rounds[index], pack),
						confidence: 0.9
					},
					locale: 'en'
				});
				expect(result.ok).toBe(true);
			}
			expect(await links.compareChallenge((await store.getRun(started.runId))!)).toMatchObject({
				yours: { right: 2 },
				theirs: { right: 1 }
			});
		});

		it('refuses to start a challenge when the pack changed or is gone', async () => {
			const run = await play({ count: 2, seed: 4 }, [true, true]);
			const shared = await links.shareRun(run.id);
			if (!shared.ok) throw new Error('not shared');
			const pack = packs.get('tiny')!;
			packs.set('tiny', { ...pack, version: '2.0.0' });
			expect(await links.startChallenge(shared.code, shared.payload)).toEqual({
				ok: false,
				reason: 'pack-changed'
			});
			packs.clear();
			expect(await links.startChallenge(shared.code, shared.payload)).toEqual({
				ok: false,
				reason: 'pack-missing'
			});
		});
	});

	describe('link length', () => {
		it('keeps the score URL of a 20-round run under 120 characters', async () => {
			const payload: SharePayload = {
				packId: 'default',
				packVersion: '2026.11.25',
				seed: 0xffffffff,
				mode: 'mixed',
				count: 20,
				difficulty: 'any',
				kinds: ['image', 'audio', 'video'],
				results: Array.from({ length: 20 }, (_, i) => ({ correct: i % 3 > 0, bucket: 3 as const })),
				day: '2026-11-25'
			};
			const code = await encodeShare(payload, KEY);
			const url = `https://telltale.example.org/s/${code}`;
			expect(url.length).toBeLessThan(120);
		});
	});
});
