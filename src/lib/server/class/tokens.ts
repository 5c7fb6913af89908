/**
 * Identifiers and secrets of class sessions. Tokens are bearer secrets (the host's, a seat's):
 * only their SHA-256 is stored, so a copy of the database cannot take over a session.
 */
import { hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PlayerRound } from '$lib/game/play/round';

/** A URL-safe random string of `bytes` random bytes. */
export function randomToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

/**
 * The stored form of a token. Every request of a seat looks its seat up by it: the one-shot
 * hash costs about a third of a Hash object's.
 */
export function hashToken(token: string): string {
	return hash('sha256', token, 'hex');
}

/**
 * The seat token of a join sent with an attempt key (seat-join.ts): the same for every resend of
 * one attempt, so a resend whose first answer was lost finds the seat that answer made, as its
 * cookie would, and sets the same cookie (joining.ts). One-way and scoped to the session; only
 * its hash is stored, like every seat token's, so the records give neither it nor the key away.
 */
export function attemptSeatToken(sessionId: string, attempt: string): string {
	return hash('sha256', `telltale seat token\n${sessionId}\n${attempt}`, 'base64url');
}

/** Whether `token` is the one whose hash is `hash`, in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
	const given = Buffer.from(hashToken(token), 'hex');
	const stored = Buffer.from(hash, 'hex');
	return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A session id: 128 random bits, so a session's pages cannot be found by guessing. */
export function newSessionId(): string {
	return randomToken(16);
}

// Lowercase letters and digits without the look-alikes 0/o, 1/l: 32 symbols. A seat id goes
// into CSV files, where a cell that starts with = + - @ would be a formula; none of these can.
const SEAT_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A seat id (60 random bits): shown to the host (to remove a seat), never a credential. */
export function newSeatId(): string {
	// 256 is a multiple of 32, so each byte's low five bits pick a symbol uniformly.
	return [...randomBytes(12)].map((byte) => SEAT_ID_ALPHABET[byte & 31]).join('');
}

/** A 6-digit join code, uniformly random (never sequential), leading zeros kept. */
export function newJoinCode(): string {
	return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Whether a string looks like a join code; anything else is refused before a lookup. */
export function isJoinCode(value: string): boolean {
	return /^\d{6}$/.test(value);
}

/** Whether a string could be a token made by randomToken (bounded, URL-safe). */
export function isTokenShaped(value: string): boolean {
	return /^[A-Za-z0-9_-]{8,64}$/.test(value);
}

/**
 * The name of what a round shows: a short hash of its place in the session and of the media
 * addresses the phones get. A verdict names it back, so one tapped on a pair the host has since
 * swapped (or skipped) is refused instead of landing on the pair that took its place. The
 * addresses are already opaque, made for this session alone (media-links.ts), so the name says
 * nothing about the answer; it is the same after a restart, as the round is.
 */
export function shownToken(round: PlayerRound): string {
	const media = round.items.flatMap((item) => item.media.map((rendition) => rendition.src));
	return hash('sha256', [round.index, ...media].join('\n'), 'base64url').slice(0, 16);
}
