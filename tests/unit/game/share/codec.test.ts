import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_ROUNDS, buildRun, type RunOptions } from '$lib/game/play/run';
import {
	SHARE_FORMAT_VERSION,
	decodeShare,
	encodeShare,
	fromBase64Url,
	originalCode,
	originalOf,
	toBase64Url
} from '$lib/game/share/codec';
import {
	CONFIDENCE_BUCKET_BOUNDS,
	CONFIDENCE_BUCKET_MIDPOINTS,
	confidenceBucket,
	sharePayload,
	shareRunOptions,
	utcDay,
	type SharePayload
} from '$lib/game/share/payload';
import { MEDIA_KINDS, TELL_CATEGORIES } from '$lib/game/pack/taxonomy';
import { buildPack } from '../pack-builder';
import { twentyRounds } from './payloads';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 2);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const day = fc
	.date({
		min: new Date('2020-01-01T00:00:00Z'),
		max: new Date('2199-01-01T00:00:00Z'),
		noInvalidDate: true
	})
	.map(utcDay);

const result = fc.record({
	correct: fc.boolean(),
	bucket: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)
});

/** Payloads as runs produce them: canonical kinds and focus order, results no more than count. */
const payload: fc.Arbitrary<SharePayload> = fc
	.record({
		packId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
		packVersion: fc.stringMatching(/^\d{1,3}\.\d{1,3}\.\d{1,3}(-[a-z0-9.]{1,8})?$/),
		seed: fc.nat({ max: 0xffffffff }),
		mode: fc.constantFrom('pairs' as const, 'single' as const, 'mixed' as const),
		count: fc.integer({ min: 1, max: MAX_ROUNDS }),
		difficulty: fc.constantFrom('any' as const, 1 as const, 2 as const, 3 as const),
		kinds: fc.subarray([...MEDIA_KINDS], { minLength: 1 }),
		focus: fc.option(fc.subarray([...TELL_CATEGORIES], { minLength: 1 }), { nil: undefined }),
		results: fc.array(result, { maxLength: MAX_ROUNDS }),
		day,
		// Fresh rounds, a replay of a named link, or of one that can no longer be named.
		replay: fc.option(
			fc.option(
				fc.record({
					version: fc.constantFrom(1, 2),
					day,
					results: fc.array(result, { maxLength: MAX_ROUNDS }),
					signature: fc.uint8Array({ minLength: 12, maxLength: 12 }).map(toBase64Url)
				}),
				{ nil: null }
			),
			{ nil: undefined }
		)
	})
	.map(({ focus, replay, ...rest }) => {
		const value: SharePayload = { ...rest, results: rest.results.slice(0, rest.count) };
		if (focus) value.focus = focus;
		if (replay !== undefined) {
			value.replay = {
				original: replay && { ...replay, results: replay.results.slice(0, rest.count) }
			};
		}
		return value;
	});

describe('confidenceBucket', () => {
	test('splits 0.5..1 at the exported bounds', () => {
		expect(CONFIDENCE_BUCKET_BOUNDS).toEqual([0.6, 0.75, 0.9]);
		expect([0.5, 0.59, 0.6, 0.7, 0.75, 0.8, 0.89, 0.9, 1].map(confidenceBucket)).toEqual([
			0, 0, 1, 1, 2, 2, 2, 3, 3
		]);
		// Each midpoint falls in its own bucket.
		CONFIDENCE_BUCKET_MIDPOINTS.forEach((mid, bucket) =>
			expect(confidenceBucket(mid)).toBe(bucket)
		);
	});
});

describe('encodeShare / decodeShare', () => {
	test('round-trips any payload a run can produce', async () => {
		await fc.assert(
			fc.asyncProperty(payload, async (value) => {
				const code = await encodeShare(value, KEY);
				expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
				expect(await decodeShare(code, KEY)).toEqual({ ok: true, payload: value });
			}),
			{ numRuns: 300 }
		);
	});

	test('round-trips a real run and replays the same rounds', async () => {
		const pack = buildPack(
			Array.from({ length: 12 }, (_, i) => ({
				kind: i % 2 ? ('audio' as const) : ('image' as const)
			})),
			'default'
		);
		const options: RunOptions = {
			seed: 99,
			mode: 'mixed',
			count: 8,
			difficulty: 'any',
			kinds: ['image', 'audio'],
			focus: ['blend-seam']
		};
		const run = buildRun(pack, options);
		const value = sharePayload(
			run,
			run.rounds.map((_, i) => ({ correct: i % 2 === 0, confidence: 0.5 + i / 16 })),
			new Date('2026-03-04T23:59:59Z')
		);
		expect(value.day).toBe('2026-03-04');
		expect(value.results.map((r) => r.bucket)).toEqual([0, 0, 1, 1, 2, 2, 2, 3]);
		const decoded = await decodeShare(await encodeShare(value, KEY), KEY);
		expect(decoded.ok).toBe(true);
		if (decoded.ok) expect(buildRun(pack, shareRunOptions(decoded.payload))).toEqual(run);
	});

	test('a 20-round code for the default pack fits in a URL under 120 characters', async () => {
		const code = await encodeShare(twentyRounds(), KEY);
		const url = `https://example.org/s/${code}`;
		expect(url.length).toBeLessThan(120);
		// The signature carries 96 bits: 12 of the decoded bytes.
		expect(fromBase64Url(code)!.length).toBeGreaterThanOrEqual(12 + 1);
	});

	test('rejects every single-character change to a code', async () => {
		const code = await encodeShare(twentyRounds(), KEY);
		for (let at = 0; at < code.length; at++) {
			for (const char of ALPHABET + '=+/.~ ') {
				if (char === code[at]) continue;
				const changed = code.slice(0, at) + char + code.slice(at + 1);
				const decoded = await decodeShare(changed, KEY);
				expect(decoded.ok, `changed ${at} to ${char}`).toBe(false);
			}
		}
	});

	test('rejects single-character changes, deletions and insertions for random payloads', async () => {
		await fc.assert(
			fc.asyncProperty(
				payload,
				fc.nat(),
				fc.constantFrom(...ALPHABET),
				fc.constantFrom('change' as const, 'delete' as const, 'insert' as const),
				async (value, position, char, edit) => {
					const code = await encodeShare(value, KEY);
					const at = position % code.length;
					if (edit === 'change' && code[at] === char) return;
					const edited =
						edit === 'change'
							? code.slice(0, at) + char + code.slice(at + 1)
							: edit === 'delete'
								? code.slice(0, at) + code.slice(at + 1)
								: code.slice(0, at) + char + code.slice(at);
					expect((await decodeShare(edited, KEY)).ok).toBe(false);
				}
			),
			{ numRuns: 500 }
		);
	});

	test('a code signed with another key is a bad signature', async () => {
		const code = await encodeShare(twentyRounds(), OTHER_KEY);
		expect(await decodeShare(code, KEY)).toEqual({ ok: false, reason: 'bad-signature' });
	});

	test('a tampered body is a bad signature', async () => {
		const bytes = fromBase64Url(await encodeShare(twentyRounds(), KEY))!;
		bytes[12] ^= 1; // a seed bit
		expect(await decodeShare(toBase64Url(bytes), KEY)).toEqual({
			ok: false,
			reason: 'bad-signature'
		});
	});

	test('another format version is unknown', async () => {
		const bytes = fromBase64Url(await encodeShare(twentyRounds(), KEY))!;
		expect(bytes[0]).toBe(SHARE_FORMAT_VERSION);
		for (const version of [0, 3, 255]) {
			bytes[0] = version;
			expect(await decodeShare(toBase64Url(bytes), KEY)).toEqual({
				ok: false,
				reason: 'unknown-version'
			});
		}
	});

	test('validly signed bytes that are not a payload are malformed', async () => {
		// Sign arbitrary bodies with the real key, as only a bug on the server could.
		const sign = async (body: number[]) => {
			const key = await crypto.subtle.importKey(
				'raw',
				KEY,
				{ name: 'HMAC', hash: 'SHA-256' },
				false,
				['sign']
			);
			const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, Uint8Array.from(body)));
			return toBase64Url(Uint8Array.from([...body, ...mac.subarray(0, 12)]));
		};
		const good = [...fromBase64Url(await encodeShare(twentyRounds(), KEY))!].slice(0, -12);
		expect((await decodeShare(await sign(good), KEY)).ok).toBe(true);
		expect(await decodeShare(await sign([1]), KEY)).toEqual({ ok: false, reason: 'malformed' });
		expect(await decodeShare(await sign([...good, 0]), KEY)).toEqual({
			ok: false,
			reason: 'malformed'
		});
		expect(await decodeShare(await sign(good.slice(0, -1)), KEY)).toEqual({
			ok: false,
			reason: 'malformed'
		});
	});

	test('never throws, and rejects anything it was not given', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,120}$/), fc.anything()),
				async (input) => {
					const decoded = await decodeShare(input, KEY);
					expect(decoded.ok).toBe(false);
					if (!decoded.ok)
						expect(['malformed', 'unknown-version', 'bad-signature']).toContain(decoded.reason);
				}
			),
			{ numRuns: 500 }
		);
		for (const input of [
			'',
			'A',
			'====',
			'\u0000',
			'AQ',
			'x'.repeat(100_000),
			null,
			undefined,
			42,
			{},
			[]
		]) {
			expect((await decodeShare(input, KEY)).ok).toBe(false);
		}
		expect(await decodeShare(await encodeShare(twentyRounds(), KEY), new Uint8Array(0))).toEqual({
			ok: false,
			reason: 'malformed'
		});
	});

	test('refuses to encode what it could not decode', async () => {
		const bad: Array<Partial<SharePayload>> = [
			{ packId: 'Bad Id' },
			{ seed: -1 },
			{ seed: 2 ** 32 },
			{ count: 0 },
			{ count: 51 },
			{ kinds: [] },
			{ results: Array.from({ length: 21 }, () => ({ correct: true, bucket: 0 as const })) },
			{ day: '2019-12-31' },
			{ day: '2026-02-30' },
			{ day: 'today' }
		];
		for (const change of bad) {
			await expect(encodeShare({ ...twentyRounds(), ...change }, KEY)).rejects.toThrow(TypeError);
		}
	});
});

describe('base64url', () => {
	test('matches Node and rejects non-canonical strings', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
				const text = toBase64Url(bytes);
				expect(text).toBe(Buffer.from(bytes).toString('base64url'));
				expect(fromBase64Url(text)).toEqual(bytes);
			})
		);
		expect(fromBase64Url('AR')).toBeNull(); // stray low bits: 'AQ' is the canonical form of [1]
		expect(fromBase64Url('AQ')).toEqual(Uint8Array.from([1]));
		expect(fromBase64Url('A')).toBeNull();
		expect(fromBase64Url('AQ==')).toBeNull();
	});
});

describe('replays', () => {
	// Made by the version-1 encoder (before replays were marked) with a key of 32 bytes of 9.
	const V1_KEY = new Uint8Array(32).fill(9);
	const V1_CODE = 'AQdkZWZhdWx0BTEuMi4wB1vNFfAKCd0BCAoXOVeE0xH8-JduRlivSt5A';

	test('a version-1 link still verifies, as fresh rounds', async () => {
		const decoded = await decodeShare(V1_CODE, V1_KEY);
		expect(decoded.ok).toBe(true);
		if (!decoded.ok) return;
		expect(decoded.payload).toMatchObject({
			packId: 'default',
			packVersion: '1.2.0',
			seed: 123456789,
			count: 10,
			focus: ['eyes'],
			day: '2026-11-30'
		});
		expect(decoded.payload.replay).toBeUndefined();
	});

	test('a replay names its original link, whose code it rebuilds exactly', async () => {
		for (const [key, code] of [
			[V1_KEY, V1_CODE],
			[KEY, await encodeShare(twentyRounds(), KEY)]
		] as const) {
			const original = await decodeShare(code, key);
			if (!original.ok) throw new Error('the original does not verify');
			const replay: SharePayload = {
				...original.payload,
				results: original.payload.results.map((r) => ({ ...r, correct: true })),
				day: '2026-12-05',
				replay: { original: originalOf(code, original.payload) }
			};
			const replayCode = await encodeShare(replay, key);
			const decoded = await decodeShare(replayCode, key);
			expect(decoded).toEqual({ ok: true, payload: replay });
			if (!decoded.ok) return;
			expect(originalCode(decoded.payload)).toBe(code);

			// A replay of the replay names the first link, so a code carries one original at most.
			const again: SharePayload = {
				...decoded.payload,
				replay: { original: originalOf(replayCode, decoded.payload) }
			};
			const againCode = await encodeShare(again, key);
			const reread = await decodeShare(againCode, key);
			expect(reread.ok && originalCode(reread.payload)).toBe(code);
			expect(againCode.length).toBe(replayCode.length);
		}
	});

	test('a replay whose original cannot be named still says it is a replay', async () => {
		const value: SharePayload = { ...twentyRounds(), replay: { original: null } };
		const decoded = await decodeShare(await encodeShare(value, KEY), KEY);
		expect(decoded).toEqual({ ok: true, payload: value });
		expect(decoded.ok && originalCode(decoded.payload)).toBeNull();
	});

	test('the replay mark cannot be taken off: the code changes and its signature fails', async () => {
		const code = await encodeShare({ ...twentyRounds(), replay: { original: null } }, KEY);
		const bytes = fromBase64Url(code)!;
		const body = [...bytes.subarray(0, bytes.length - 12)];
		body[body.length - 1] = 0; // replay: 2 -> 0 (fresh)
		const tampered = toBase64Url(Uint8Array.from([...body, ...bytes.subarray(bytes.length - 12)]));
		expect(await decodeShare(tampered, KEY)).toEqual({ ok: false, reason: 'bad-signature' });
	});

	test('fresh rounds are written in the current version with the replay field at 0', async () => {
		const bytes = fromBase64Url(await encodeShare(twentyRounds(), KEY))!;
		expect(bytes[0]).toBe(2);
		expect(bytes[bytes.length - 13]).toBe(0);
	});
});
