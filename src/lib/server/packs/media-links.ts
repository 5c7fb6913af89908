/**
 * Opaque media addresses. Online rounds never show a pack's media at their own path: each
 * rendition gets an address made for one run or one class session, an HMAC of (owner, pack,
 * rendition) under a key derived from the signing secret, and the server resolves it back by
 * recomputing the addresses of that owner's rounds. So an address seen in one run says nothing
 * about the item in another run or session: collecting addresses and reveals across runs (the
 * "answer key by URL") predicts nothing. The pictures themselves can still be recognised.
 * Offline practice and the Learn page use the practice pool's public paths: their answers are
 * public anyway.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getItem, type Pack, type Rendition } from '$lib/game/pack/schema';
import { itemIdsOf, type Round } from '$lib/game/play/run';

/** Whose rounds an address belongs to: a solo run or a class session. */
export interface MediaOwner {
	scope: MediaScope;
	id: string;
}

/** The path segment naming an owner's kind: r(un) or c(lass session). */
export type MediaScope = 'r' | 'c';

const TOKEN_BYTES = 16;

/** The key for media addresses, derived from the signing secret so it never signs anything else. */
export function mediaKey(signingSecret: Uint8Array): Buffer {
	return createHmac('sha256', signingSecret).update('telltale media addresses v1').digest();
}

function token(key: Uint8Array, owner: MediaOwner, packId: string, src: string): Buffer {
	return createHmac('sha256', key)
		.update(`${owner.scope}\0${owner.id}\0${packId}\0${src}`)
		.digest()
		.subarray(0, TOKEN_BYTES);
}

/** The address of a pack rendition (`media/<hash>.<ext>`) for one run or session. */
export function mediaAddress(
	key: Uint8Array,
	owner: MediaOwner,
	packId: string,
	src: string
): string {
	return `/media/${owner.scope}/${owner.id}/${token(key, owner, packId, src).toString('base64url')}`;
}

/** The renditions an owner's rounds show, each once. */
function renditionsOf(pack: Pack, rounds: readonly Round[]): Rendition[] {
	const seen = new Set<string>();
	const out: Rendition[] = [];
	for (const round of rounds) {
		for (const id of itemIdsOf(round)) {
			if (seen.has(id)) continue;
			seen.add(id);
			out.push(...getItem(pack, id).media);
		}
	}
	return out;
}

/**
 * The rendition behind `given` (the address's last segment) among the renditions of the owner's
 * rounds, or undefined if it is none of them.
 */
export function resolveMedia(
	key: Uint8Array,
	owner: MediaOwner,
	pack: Pack,
	rounds: readonly Round[],
	given: string
): Rendition | undefined {
	if (!/^[A-Za-z0-9_-]{22}$/.test(given)) return undefined;
	const wanted = Buffer.from(given, 'base64url');
	if (wanted.length !== TOKEN_BYTES) return undefined;
	return renditionsOf(pack, rounds).find((rendition) =>
		timingSafeEqual(token(key, owner, pack.id, rendition.src), wanted)
	);
}
