import { describe, expect, it } from 'vitest';
import {
	ROUND_COMMANDS,
	allowedCommands,
	commandRule,
	type ControlState
} from '$lib/game/class/control';
import { replacementRound, withoutRound, onTopics } from '$lib/game/class/phases';
import { planSession } from '$lib/game/class/phases';
import { getItem, getPair } from '$lib/game/pack/schema';
import { mulberry32 } from '$lib/game/play/random';
import { buildRun } from '$lib/game/play/run';
import { classPack } from '../class-pack';
import { packOf, withSingle } from '../pack-builder';

const base: ControlState = {
	phase: 'open',
	round: 2,
	rounds: 5,
	part: 'training',
	timed: true,
	paused: false
};
const state = (overrides: Partial<ControlState> = {}): ControlState => ({ ...base, ...overrides });
const allowed = (overrides: Partial<ControlState> = {}) => [...allowedCommands(state(overrides))];

describe('commandRule', () => {
	it('offers, in each phase, the buttons a teacher expects', () => {
		expect(allowed({ phase: 'lobby', round: -1, part: null })).toEqual(['start', 'end']);
		expect(allowed()).toEqual(['pause', 'close', 'reveal', 'skip', 'swap', 'end']);
		expect(allowed({ paused: true })).toEqual(['resume', 'close', 'reveal', 'skip', 'swap', 'end']);
		expect(allowed({ timed: false })).toEqual(['close', 'reveal', 'skip', 'swap', 'end']);
		expect(allowed({ phase: 'closed' })).toEqual(['reveal', 'skip', 'swap', 'next', 'end']);
		expect(allowed({ phase: 'revealed' })).toEqual(['next', 'end']);
		expect(allowed({ phase: 'ended' })).toEqual([]);
	});

	it('never reveals a test round', () => {
		expect(commandRule('reveal', state({ part: 'pre' }), 2)).toBe('not-now');
		expect(commandRule('reveal', state({ part: 'post', phase: 'closed' }), 2)).toBe('not-now');
		expect(allowed({ part: 'post', phase: 'closed' })).toEqual(['skip', 'swap', 'next', 'end']);
	});

	it('calls a command about another round, or a repeat, stale', () => {
		expect(commandRule('next', state({ phase: 'revealed' }), 1)).toBe('stale');
		expect(commandRule('close', state(), 3)).toBe('stale');
		expect(commandRule('close', state({ phase: 'closed' }), 2)).toBe('stale');
		expect(commandRule('pause', state({ paused: true }), 2)).toBe('stale');
		expect(commandRule('resume', state(), 2)).toBe('stale');
		expect(commandRule('start', state(), undefined)).toBe('stale');
		expect(commandRule('end', state({ phase: 'ended' }))).toBe('stale');
	});

	it('refuses what makes no sense now', () => {
		expect(commandRule('pause', state({ timed: false }), 2)).toBe('not-now');
		expect(commandRule('next', state(), 2)).toBe('not-now');
		expect(commandRule('swap', state({ phase: 'revealed' }), 2)).toBe('not-now');
		expect(commandRule('skip', state({ rounds: 1, round: 0 }), 0)).toBe('not-now');
	});

	it('lets the lobby swap or drop any round of the preview, keeping at least one', () => {
		const lobby = state({ phase: 'lobby', round: -1, part: null });
		expect(commandRule('swap', lobby, 4)).toBe('ok');
		expect(commandRule('skip', lobby, 0)).toBe('ok');
		expect(commandRule('swap', lobby, 5)).toBe('stale');
		expect(commandRule('skip', lobby)).toBe('stale');
		expect(commandRule('skip', { ...lobby, rounds: 1 }, 0)).toBe('not-now');
		expect(commandRule('pause', lobby, -1)).toBe('stale');
	});

	it('answers for every command in every state without throwing', () => {
		for (const phase of ['lobby', 'open', 'closed', 'revealed', 'ended'] as const) {
			for (const command of ROUND_COMMANDS) {
				for (const target of [undefined, -1, 0, 2, 9]) {
					expect(['ok', 'stale', 'not-now']).toContain(
						commandRule(command, state({ phase, paused: phase === 'open' }), target)
					);
				}
			}
		}
	});
});

describe('swapping and skipping rounds', () => {
	const pack = classPack({ images: 12, audio: 6 });
	const run = buildRun(pack, {
		seed: 7,
		mode: 'mixed',
		count: 5,
		difficulty: 'any',
		kinds: ['image', 'audio']
	});
	const rounds = planSession(run, 1).rounds;

	it("puts an unused pair of the same kind, type and part in the round's place", () => {
		for (const old of rounds) {
			const stand = replacementRound(pack, rounds, old.index, mulberry32(old.index + 1));
			expect(stand).not.toBeNull();
			expect(stand).toMatchObject({
				index: old.index,
				kind: old.kind,
				type: old.type,
				part: old.part
			});
			const usedItems = rounds.flatMap((round) => getPair(pack, round.pairId).items);
			for (const id of getPair(pack, stand!.pairId).items) expect(usedItems).not.toContain(id);
			const shown = stand!.type === 'pair' ? stand!.items : [stand!.itemId];
			for (const id of shown) expect(getItem(pack, id).kind).toBe(old.kind);
		}
	});

	it('prefers the same tier, and says so when nothing of that kind is left', () => {
		const old = rounds[0];
		const stand = replacementRound(pack, rounds, 0, mulberry32(3))!;
		const sameTierFree = pack.pairs.some(
			(pair) =>
				pair.tier === old.tier &&
				getItem(pack, pair.items[0]).kind === old.kind &&
				!rounds.some((round) => round.pairId === pair.id)
		);
		expect(sameTierFree).toBe(true);
		expect(stand.tier).toBe(old.tier);
		const onlyThese = {
			...pack,
			pairs: pack.pairs.filter((pair) => rounds.some((r) => r.pairId === pair.id))
		};
		expect(replacementRound(onlyThese, rounds, 0, mulberry32(3))).toBeNull();
	});

	it('drops a round and numbers the rest in order', () => {
		const shorter = withoutRound(rounds, 1);
		expect(shorter.map((round) => round.index)).toEqual([0, 1, 2, 3]);
		expect(shorter.map((round) => round.pairId)).toEqual(
			rounds.filter((round) => round.index !== 1).map((round) => round.pairId)
		);
	});

	it('draws only from the chosen topics', () => {
		expect(onTopics(pack, ['voice']).pairs.every((pair) => pair.topic === 'voice')).toBe(true);
		expect(onTopics(pack, ['voice']).pairs).toHaveLength(6);
	});

	it("swaps a single's round for another single, or a pair's item; a pair round never for a single", () => {
		const singles = withSingle(
			withSingle({ ...packOf(1), items: [], pairs: [] }, '900', 'synthetic'),
			'901',
			'real'
		);
		const played = planSession(
			buildRun(singles, { seed: 1, mode: 'single', count: 1, difficulty: 'any', kinds: ['image'] }),
			0
		).rounds;
		const other = played[0].pairId === 's900' ? 's901' : 's900';
		expect(replacementRound(singles, played, 0, mulberry32(1))).toMatchObject({
			type: 'single',
			pairId: other,
			itemId: `i${other.slice(1)}x`,
			part: played[0].part
		});
		const mixed = withSingle(packOf(2), '900', 'real');
		const pairRound = planSession(
			buildRun(mixed, { seed: 1, mode: 'pairs', count: 1, difficulty: 'any', kinds: ['image'] }),
			0
		).rounds;
		for (let seed = 0; seed < 5; seed++) {
			expect(replacementRound(mixed, pairRound, 0, mulberry32(seed))).toMatchObject({
				type: 'pair',
				pairId: expect.stringMatching(/^p/)
			});
		}
	});

	it('keeps the singles on the chosen topics', () => {
		const singles = withSingle(withSingle(packOf(1), '900', 'real'), '901', 'real', {
			kind: 'audio'
		});
		expect(onTopics(singles, ['voice']).singles?.map((single) => single.id)).toEqual(['s901']);
	});
});
