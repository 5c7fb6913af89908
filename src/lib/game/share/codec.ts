/**
 * The share codec: a finished run as a short, URL-safe, signed code.
 *
 * Layout of format version 2 (bytes; each version only appends fields before the signature, and
 * every version stays readable, so old links keep verifying):
 *
 * | field        | size          | notes                                                        |
 * | ------------ | ------------- | ------------------------------------------------------------ |
 * | version      | 1             | 1                                                            |
 * | pack id      | 1 + n         | length, then ASCII                                           |
 * | pack version | 1 + n         | length, then ASCII                                           |
 * | seed         | 4             | uint32, big-endian                                           |
 * | flags        | 1             | bits 0-1 mode, 2-3 difficulty (0 = any), 4-6 kinds, 7 focus  |
 * | count        | 1             | rounds asked for                                             |
 * | day          | 2             | UTC days since 2020-01-01                                    |
 * | focus        | 1 + n         | only if flag 7: mask length, then a bit mask over            |
 * |              |               | TELL_CATEGORIES (bit i = category i, least significant first) |
 * | results      | 1 + ceil(3r/8)| count r, then 3 bits a round: correct, confidence bucket (2) |
 * | replay       | 1             | version 2 on: 0 fresh rounds, 1 replayed the rounds of the   |
 * |              |               | original link below, 2 replayed those of a link not named    |
 * | original     | 3 + results   | only if replay is 1: its version (1), its day (2), its       |
 * |              | + 12          | results (as above) and its signature (12)                    |
 * | signature    | 12            | HMAC-SHA256 of everything before it, first 96 bits           |
 *
 * Version 1 is version 2 without the replay field (fresh rounds, or a replay made before replays
 * were marked). The original link shares every other field with the replay (same pack, seed and
 * options: the same rounds), so those few bytes rebuild its code exactly. A replay of a replay
 * names the first link, so a code carries at most one original.
 *
 * Then base64url without padding. Decoding accepts only the canonical encoding, so every
 * changed character changes the bytes and fails the signature (or the parse).
 */
import { MAX_ROUNDS, RUN_MODES } from '../play/run';
import {
	utcDay,
	type ConfidenceBucket,
	type OriginalLink,
	type SharePayload,
	type ShareResult
} from './payload';
import { fromBase64Url, toBase64Url } from './base64url';
import { MEDIA_KINDS, TELL_CATEGORIES, type TellCategory } from '../pack/taxonomy';

export { fromBase64Url, toBase64Url };

export const SHARE_FORMAT_VERSION = 2;
/** Every version decodeShare reads. */
const READABLE_VERSIONS = [1, 2];
/** Signature bytes kept from the HMAC-SHA256 (96 bits). */
export const SIGNATURE_BYTES = 12;

export type DecodeFailure = 'malformed' | 'unknown-version' | 'bad-signature';
export type DecodeResult =
	{ ok: true; payload: SharePayload } | { ok: false; reason: DecodeFailure };

const EPOCH_DAY = Date.UTC(2020, 0, 1) / 86_400_000;
const MAX_DAY = 0xffff;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const VERSION_PATTERN = /^[0-9A-Za-z.+-]{1,64}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Why a payload cannot be encoded, or null if it can. */
function payloadProblem(payload: SharePayload): string | null {
	if (!ID_PATTERN.test(payload.packId)) return 'packId is not a pack id';
	if (!VERSION_PATTERN.test(payload.packVersion)) return 'packVersion is not a version';
	if (!Number.isInteger(payload.seed) || payload.seed < 0 || payload.seed > 0xffffffff) {
		return 'seed is not a uint32';
	}
	if (!RUN_MODES.includes(payload.mode)) return 'mode is unknown';
	if (!Number.isInteger(payload.count) || payload.count < 1 || payload.count > MAX_ROUNDS) {
		return `count is not 1..${MAX_ROUNDS}`;
	}
	if (!(payload.difficulty === 'any' || [1, 2, 3].includes(payload.difficulty))) {
		return 'difficulty is unknown';
	}
	if (payload.kinds.length === 0 || payload.kinds.some((kind) => !MEDIA_KINDS.includes(kind))) {
		return 'kinds must name known media kinds';
	}
	if (payload.focus?.some((category) => !TELL_CATEGORIES.includes(category))) {
		return 'focus names an unknown category';
	}
	if (payload.results.length > payload.count) return 'more results than rounds';
	if (resultsProblem(payload.results)) return 'results must be { correct: boolean, bucket: 0..3 }';
	const day = dayNumber(payload.day);
	if (day === null) return 'day must be a UTC day YYYY-MM-DD from 2020 on';
	const original = payload.replay?.original;
	if (original) {
		if (!READABLE_VERSIONS.includes(original.version)) return 'replay.original.version is unknown';
		if (dayNumber(original.day) === null) return 'replay.original.day is not a UTC day';
		if (original.results.length > payload.count || resultsProblem(original.results)) {
			return 'replay.original.results do not fit the rounds';
		}
		if (fromBase64Url(original.signature)?.length !== SIGNATURE_BYTES) {
			return 'replay.original.signature is not a signature';
		}
	}
	return null;
}

function resultsProblem(results: readonly ShareResult[]): boolean {
	return results.some((r) => typeof r.correct !== 'boolean' || ![0, 1, 2, 3].includes(r.bucket));
}

function dayNumber(day: string): number | null {
	if (!DAY_PATTERN.test(day)) return null;
	const ms = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(ms) || utcDay(new Date(ms)) !== day) return null;
	const n = ms / 86_400_000 - EPOCH_DAY;
	return n >= 0 && n <= MAX_DAY ? n : null;
}

function maskOf<T>(values: readonly T[], order: readonly T[]): number {
	let mask = 0;
	order.forEach((value, index) => {
		if (values.includes(value)) mask |= 1 << index;
	});
	return mask >>> 0;
}

function fromMask<T>(mask: number, order: readonly T[]): T[] {
	return order.filter((_, index) => (mask >>> index) & 1);
}

function ascii(text: string): number[] {
	return [text.length, ...Array.from(text, (char) => char.charCodeAt(0))];
}

/** Appends a result count and the results, 3 bits each, zero-padded to a whole byte. */
function pushResults(out: number[], results: readonly ShareResult[]): void {
	out.push(results.length);
	let bits = 0;
	let width = 0;
	for (const result of results) {
		bits = (bits << 3) | ((result.correct ? 4 : 0) | result.bucket);
		width += 3;
		while (width >= 8) {
			width -= 8;
			out.push((bits >>> width) & 0xff);
		}
	}
	if (width > 0) out.push((bits << (8 - width)) & 0xff);
}

/**
 * The unsigned bytes of a payload (version byte included) in format `version`. Version 1 has no
 * replay field, so only a payload without `replay` can be written in it.
 */
function payloadBytes(payload: SharePayload, version = SHARE_FORMAT_VERSION): Uint8Array {
	const out: number[] = [version, ...ascii(payload.packId), ...ascii(payload.packVersion)];
	const seed = payload.seed >>> 0;
	out.push(seed >>> 24, (seed >>> 16) & 0xff, (seed >>> 8) & 0xff, seed & 0xff);
	const focus = payload.focus?.length ? maskOf(payload.focus, TELL_CATEGORIES) : 0;
	const difficulty = payload.difficulty === 'any' ? 0 : payload.difficulty;
	out.push(
		RUN_MODES.indexOf(payload.mode) |
			(difficulty << 2) |
			(maskOf(payload.kinds, MEDIA_KINDS) << 4) |
			(focus ? 0x80 : 0)
	);
	out.push(payload.count);
	const day = dayNumber(payload.day)!;
	out.push(day >>> 8, day & 0xff);
	if (focus) {
		const bytes: number[] = [];
		for (let rest = focus; rest > 0; rest = Math.floor(rest / 256)) bytes.push(rest & 0xff);
		out.push(bytes.length, ...bytes);
	}
	pushResults(out, payload.results);
	if (version >= 2) {
		const original = payload.replay?.original;
		if (!payload.replay) out.push(REPLAY_NONE);
		else if (!original) out.push(REPLAY_UNNAMED);
		else {
			const originalDay = dayNumber(original.day)!;
			out.push(REPLAY_NAMED, original.version, originalDay >>> 8, originalDay & 0xff);
			pushResults(out, original.results);
			out.push(...fromBase64Url(original.signature)!);
		}
	}
	return Uint8Array.from(out);
}

const REPLAY_NONE = 0;
const REPLAY_NAMED = 1;
const REPLAY_UNNAMED = 2;

/** Reads the body of a code (version 1 or 2); null if it is not exactly a valid payload. */
function parsePayload(bytes: Uint8Array): SharePayload | null {
	const version = bytes[0];
	let at = 1;
	const take = (n: number): Uint8Array | null => {
		if (at + n > bytes.length) return null;
		const slice = bytes.subarray(at, at + n);
		at += n;
		return slice;
	};
	const text = (): string | null => {
		const length = take(1);
		if (!length) return null;
		const chars = take(length[0]);
		return chars ? String.fromCharCode(...chars) : null;
	};
	const packId = text();
	const packVersion = text();
	const fixed = take(8);
	if (packId === null || packVersion === null || !fixed) return null;
	const seed = ((fixed[0] << 24) | (fixed[1] << 16) | (fixed[2] << 8) | fixed[3]) >>> 0;
	const flags = fixed[4];
	const mode = RUN_MODES[flags & 0b11];
	const difficultyBits = (flags >>> 2) & 0b11;
	const kinds = fromMask((flags >>> 4) & 0b111, MEDIA_KINDS);
	const count = fixed[5];

	let focus: TellCategory[] | undefined;
	if (flags & 0x80) {
		const length = take(1);
		const mask = length && length[0] > 0 && length[0] <= 4 ? take(length[0]) : null;
		if (!mask || mask[mask.length - 1] === 0) return null;
		let value = 0;
		mask.forEach((byte, index) => (value += byte * 2 ** (8 * index)));
		if (value >= 2 ** TELL_CATEGORIES.length) return null;
		focus = fromMask(value, TELL_CATEGORIES);
	}

	/** A result count and its results; null if cut short or the padding bits are not zero. */
	const readResults = (): ShareResult[] | null => {
		const resultCount = take(1);
		if (!resultCount) return null;
		const n = resultCount[0];
		const packed = take(Math.ceil((3 * n) / 8));
		if (!packed) return null;
		const results: ShareResult[] = [];
		for (let i = 0; i < n; i++) {
			let value = 0;
			for (let b = 0; b < 3; b++) {
				const bit = 3 * i + b;
				value = (value << 1) | ((packed[bit >>> 3] >>> (7 - (bit & 7))) & 1);
			}
			results.push({ correct: (value & 4) !== 0, bucket: (value & 3) as ConfidenceBucket });
		}
		// Padding bits must be zero, so each payload has exactly one encoding.
		const usedBits = 3 * n;
		if (usedBits % 8 !== 0 && (packed[packed.length - 1] & (0xff >>> (usedBits % 8))) !== 0)
			return null;
		return results;
	};
	const dayOf = (high: number, low: number) =>
		utcDay(new Date((EPOCH_DAY + ((high << 8) | low)) * 86_400_000));

	const results = readResults();
	if (!results) return null;
	let replay: SharePayload['replay'];
	if (version >= 2) {
		const flag = take(1);
		if (!flag || flag[0] > REPLAY_UNNAMED) return null;
		if (flag[0] === REPLAY_UNNAMED) replay = { original: null };
		if (flag[0] === REPLAY_NAMED) {
			const head = take(3);
			const originalResults = head && readResults();
			const signature = originalResults && take(SIGNATURE_BYTES);
			if (!head || !originalResults || !signature) return null;
			replay = {
				original: {
					version: head[0],
					day: dayOf(head[1], head[2]),
					results: originalResults,
					signature: toBase64Url(signature)
				}
			};
		}
	}
	if (at !== bytes.length) return null;

	const payload: SharePayload = {
		packId,
		packVersion,
		seed,
		mode,
		count,
		difficulty: difficultyBits === 0 ? 'any' : (difficultyBits as 1 | 2 | 3),
		kinds,
		...(focus ? { focus } : {}),
		results,
		day: dayOf(fixed[6], fixed[7]),
		...(replay ? { replay } : {})
	};
	return payloadProblem(payload) === null ? payload : null;
}

async function signature(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
	const cryptoKey = await globalThis.crypto.subtle.importKey(
		'raw',
		new Uint8Array(key),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const mac = await globalThis.crypto.subtle.sign('HMAC', cryptoKey, new Uint8Array(data));
	return new Uint8Array(mac, 0, SIGNATURE_BYTES);
}

/** Signs and encodes a payload. Throws a TypeError if the payload is not encodable (a bug). */
export async function encodeShare(payload: SharePayload, key: Uint8Array): Promise<string> {
	const problem = payloadProblem(payload);
	if (problem) throw new TypeError(`cannot encode share payload: ${problem}`);
	const body = payloadBytes(payload);
	const signed = new Uint8Array(body.length + SIGNATURE_BYTES);
	signed.set(body);
	signed.set(await signature(key, body), body.length);
	return toBase64Url(signed);
}

/** Decodes and verifies a share code. Never throws: any input gives a result. */
export async function decodeShare(code: unknown, key: Uint8Array): Promise<DecodeResult> {
	try {
		const bytes = typeof code === 'string' ? fromBase64Url(code) : null;
		if (!bytes || bytes.length < 1 + SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
		if (!READABLE_VERSIONS.includes(bytes[0])) return { ok: false, reason: 'unknown-version' };
		const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
		const given = bytes.subarray(bytes.length - SIGNATURE_BYTES);
		const expected = await signature(key, body);
		// Compare every byte, so the time taken says nothing about where a forgery went wrong.
		let difference = 0;
		for (let i = 0; i < SIGNATURE_BYTES; i++) difference |= given[i] ^ expected[i];
		if (difference !== 0) return { ok: false, reason: 'bad-signature' };
		const payload = parsePayload(body);
		return payload ? { ok: true, payload } : { ok: false, reason: 'malformed' };
	} catch {
		return { ok: false, reason: 'malformed' };
	}
}

/**
 * The original link a replay of `code` names: the original of `payload` if it is a replay itself
 * (so chains name the first link), else `code` itself. `code` must be a verified code.
 */
export function originalOf(code: string, payload: SharePayload): OriginalLink | null {
	if (payload.replay) return payload.replay.original;
	const bytes = fromBase64Url(code)!;
	return {
		version: bytes[0],
		day: payload.day,
		results: payload.results.map((result) => ({ ...result })),
		signature: toBase64Url(bytes.subarray(bytes.length - SIGNATURE_BYTES))
	};
}

/**
 * The code of the link a replay names, rebuilt from the replay's own fields (the same pack and
 * options) and the original's day, results and signature; null for fresh rounds or an unnamed
 * original. Verify it before trusting it: only its signature says it was issued.
 */
export function originalCode(payload: SharePayload): string | null {
	const original = payload.replay?.original;
	if (!original) return null;
	const fresh: SharePayload = { ...payload, day: original.day, results: original.results };
	delete fresh.replay;
	const body = payloadBytes(fresh, original.version);
	const signature = fromBase64Url(original.signature)!;
	const signed = new Uint8Array(body.length + signature.length);
	signed.set(body);
	signed.set(signature, body.length);
	return toBase64Url(signed);
}
