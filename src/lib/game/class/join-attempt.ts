/**
 * The key of one join attempt: made by the phone's script when "Join" is tapped, or by the
 * server for each render of the nickname form (a hidden field, for a phone without JavaScript),
 * and sent with every resend of it, so a resend whose first answer was lost (its seat stored,
 * the cookie never received) gets that seat back instead of a second one or "that nickname is
 * taken" (server/class/joining.ts). Apart from the join's schema (seat-join.ts) so the phone's
 * script makes one without loading zod.
 */
import { fromBase64Url, toBase64Url } from '../share/base64url';

/** An attempt key's random bytes: 128 bits, so nobody finds another phone's by guessing. */
const ATTEMPT_BYTES = 16;

/** A new attempt key, from the platform's cryptographic random source (browser and Node). */
export function newJoinAttempt(): string {
	return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(ATTEMPT_BYTES)));
}

/** Whether `text` is an attempt key: exactly ATTEMPT_BYTES in canonical unpadded base64url. */
export function isJoinAttempt(text: string): boolean {
	return fromBase64Url(text)?.length === ATTEMPT_BYTES;
}

/**
 * Whether a join's answer of HTTP `status` ends its attempt: a seat, or a refusal that made
 * none. A server fault or "moving" (5xx) may come after the seat was stored, so the next tap
 * sends the same key again.
 */
export function endsJoinAttempt(status: number): boolean {
	return status < 500;
}
