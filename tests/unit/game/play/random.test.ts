import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32, randomInt, randomSeed, shuffled } from '$lib/game/play/random';

describe('mulberry32', () => {
	test('is pinned: changing it would change every saved run and share link', () => {
		// Same as the reference implementation (bryc/code, PRNGs.md): mulberry32(1)() = 0.6270739405881613.
		expect(mulberry32(1)()).toBe(0.6270739405881613);
		const random = mulberry32(1);
		const first = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32));
		expect(first).toEqual([2693262067, 11749833, 2265367787, 4213581821]);
		const zero = mulberry32(0);
		expect(Math.floor(zero() * 2 ** 32)).toBe(1144304738);
	});

	test('is deterministic per seed and stays in [0, 1)', () => {
		fc.assert(
			fc.property(fc.nat({ max: 0xffffffff }), (seed) => {
				const a = mulberry32(seed);
				const b = mulberry32(seed);
				for (let i = 0; i < 20; i++) {
					const value = a();
					expect(value).toBe(b());
					expect(value).toBeGreaterThanOrEqual(0);
					expect(value).toBeLessThan(1);
				}
			})
		);
	});

	test('is roughly uniform (chi-squared over 10 buckets)', () => {
		const random = mulberry32(12345);
		const buckets = new Array(10).fill(0);
		const n = 100_000;
		for (let i = 0; i < n; i++) buckets[Math.floor(random() * 10)] += 1;
		const chi = buckets.reduce((sum, count) => sum + (count - n / 10) ** 2 / (n / 10), 0);
		// 9 degrees of freedom: 27.9 is the 0.999 quantile.
		expect(chi).toBeLessThan(27.9);
	});
});

describe('shuffled and randomInt', () => {
	test('shuffled returns a permutation and leaves the input alone', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.nat(), (items, seed) => {
				const copy = [...items];
				const out = shuffled(mulberry32(seed), items);
				expect(items).toEqual(copy);
				expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
			})
		);
	});

	test('every position is reachable', () => {
		const firsts = new Set<number>();
		for (let seed = 0; seed < 200; seed++)
			firsts.add(shuffled(mulberry32(seed), [0, 1, 2, 3, 4])[0]);
		expect(firsts.size).toBe(5);
	});

	test('randomInt stays in range', () => {
		const random = mulberry32(5);
		for (let i = 0; i < 1000; i++) {
			const n = randomInt(random, 7);
			expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
		}
	});
});

describe('randomSeed', () => {
	test('gives uint32 values that differ', () => {
		const seeds = Array.from({ length: 20 }, randomSeed);
		for (const seed of seeds)
			expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
		expect(new Set(seeds).size).toBeGreaterThan(15);
	});
});
