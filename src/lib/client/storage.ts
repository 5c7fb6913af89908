/**
 * Where the browser keeps small things (mute, history). localStorage when the browser lets us
 * use it; a plain in-memory map when it does not (private modes, blocked storage, SSR), so the
 * game always works and only forgets on reload.
 */

/** A string key-value store with the part of the Storage API the game uses. */
export interface KeyValueStore {
	get(key: string): string | null;
	set(key: string, value: string): void;
	remove(key: string): void;
	/** False when values only live until the page is closed. */
	readonly persistent: boolean;
}

/** A store that forgets everything when the page goes away. */
export function memoryStore(): KeyValueStore {
	const values = new Map<string, string>();
	return {
		get: (key) => values.get(key) ?? null,
		set: (key, value) => void values.set(key, value),
		remove: (key) => void values.delete(key),
		persistent: false
	};
}

/** Wraps a Storage; a write that throws (quota, blocked) falls back to memory for that key. */
export function storageStore(storage: Storage): KeyValueStore {
	const fallback = memoryStore();
	return {
		get(key) {
			try {
				return fallback.get(key) ?? storage.getItem(key);
			} catch {
				return fallback.get(key);
			}
		},
		set(key, value) {
			try {
				storage.setItem(key, value);
				fallback.remove(key);
			} catch {
				fallback.set(key, value);
			}
		},
		remove(key) {
			fallback.remove(key);
			try {
				storage.removeItem(key);
			} catch {
				// Blocked storage has nothing to remove.
			}
		},
		persistent: true
	};
}

const PROBE = 'telltale:probe';

/** localStorage if it can be written and read back, else memory. */
function probedStore(): KeyValueStore {
	try {
		const storage = globalThis.localStorage;
		storage.setItem(PROBE, '1');
		const works = storage.getItem(PROBE) === '1';
		storage.removeItem(PROBE);
		if (works) return storageStore(storage);
	} catch {
		// Accessing localStorage throws when the browser blocks it.
	}
	return memoryStore();
}

/**
 * localStorage if it can be written and read back, else memory; found out on first use. A page's
 * first touch of localStorage waits for the browser to hand over the whole origin's storage
 * (8 ms typical, over 30 ms at worst on our test machine), so it stays out of the page's start-up
 * unless something there needs a stored value.
 */
export function browserStore(): KeyValueStore {
	let backing: KeyValueStore | undefined;
	const store = () => (backing ??= probedStore());
	return {
		get: (key) => store().get(key),
		set: (key, value) => store().set(key, value),
		remove: (key) => store().remove(key),
		get persistent() {
			return store().persistent;
		}
	};
}
