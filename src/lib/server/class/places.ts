/**
 * Where each class session is: the networks (client addresses, IPv6 by /64) its host or one of
 * its seats used lately. A whole class usually sits behind one school address, and so may a
 * student sending wrong join codes; the right code of a session that is already at that address
 * is let through even when the address's allowance of wrong codes is spent. Answering it tells a
 * guesser nothing new: only codes of classes in the guesser's own room pass, and those are on
 * the projector anyway.
 */
import { addressKey } from './rate-limit';

export interface ClassPlacesOptions {
	/** How long an address stays a session's after its last request there. */
	keepMs: number;
	/** The most addresses remembered per session (the least recently seen go first). */
	perSession: number;
	/** The clock, in milliseconds; injectable for tests. */
	now?: () => number;
}

export class ClassPlaces {
	readonly #keepMs: number;
	readonly #perSession: number;
	readonly #now: () => number;
	/** Session id -> address key -> last seen; each inner map in order of last sighting. */
	#seen = new Map<string, Map<string, number>>();

	constructor({ keepMs, perSession, now = Date.now }: ClassPlacesOptions) {
		this.#keepMs = keepMs;
		this.#perSession = perSession;
		this.#now = now;
	}

	/** Notes that the session's host or one of its seats made a request from `address`. */
	saw(sessionId: string, address: string): void {
		const key = addressKey(address);
		let places = this.#seen.get(sessionId);
		if (!places) this.#seen.set(sessionId, (places = new Map()));
		places.delete(key);
		places.set(key, this.#now());
		if (places.size > this.#perSession) places.delete(places.keys().next().value!);
	}

	/** Whether the session was seen at `address` lately. */
	isAt(sessionId: string, address: string): boolean {
		const at = this.#seen.get(sessionId)?.get(addressKey(address));
		return at !== undefined && this.#now() - at <= this.#keepMs;
	}

	/** Forgets sightings older than keepMs; call now and then. */
	sweep(): void {
		const oldest = this.#now() - this.#keepMs;
		for (const [sessionId, places] of this.#seen) {
			for (const [key, at] of places) if (at < oldest) places.delete(key);
			if (places.size === 0) this.#seen.delete(sessionId);
		}
	}
}
