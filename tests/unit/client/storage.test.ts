import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserStore, memoryStore, storageStore } from '$lib/client/storage';

/** A Storage whose writes can be made to fail, like a full or blocked localStorage. */
function fakeStorage(options: { failWrites?: boolean; failReads?: boolean } = {}): Storage {
	const values = new Map<string, string>();
	return {
		get length() {
			return values.size;
		},
		clear: () => values.clear(),
		key: (index) => [...values.keys()][index] ?? null,
		getItem(key) {
			if (options.failReads) throw new DOMException('blocked', 'SecurityError');
			return values.get(key) ?? null;
		},
		setItem(key, value) {
			if (options.failWrites) throw new DOMException('full', 'QuotaExceededError');
			values.set(key, value);
		},
		removeItem: (key) => void values.delete(key)
	};
}

afterEach(() => vi.unstubAllGlobals());

describe('memoryStore', () => {
	it('keeps values until the page goes away', () => {
		const store = memoryStore();
		expect(store.get('a')).toBeNull();
		store.set('a', '1');
		expect(store.get('a')).toBe('1');
		store.remove('a');
		expect(store.get('a')).toBeNull();
		expect(store.persistent).toBe(false);
	});
});

describe('storageStore', () => {
	it('reads and writes the storage', () => {
		const storage = fakeStorage();
		const store = storageStore(storage);
		store.set('k', 'v');
		expect(storage.getItem('k')).toBe('v');
		expect(store.get('k')).toBe('v');
		expect(store.persistent).toBe(true);
	});

	it('keeps a value in memory when the write throws', () => {
		const store = storageStore(fakeStorage({ failWrites: true }));
		store.set('k', 'v');
		expect(store.get('k')).toBe('v');
	});

	it('does not throw when reads are blocked', () => {
		const store = storageStore(fakeStorage({ failReads: true }));
		expect(store.get('k')).toBeNull();
	});
});

describe('browserStore', () => {
	it('uses localStorage when it works', () => {
		const storage = fakeStorage();
		vi.stubGlobal('localStorage', storage);
		const store = browserStore();
		store.set('k', 'v');
		expect(storage.getItem('k')).toBe('v');
		expect(store.persistent).toBe(true);
	});

	it('falls back to memory when localStorage is blocked', () => {
		vi.stubGlobal('localStorage', fakeStorage({ failWrites: true }));
		const store = browserStore();
		store.set('k', 'v');
		expect(store.get('k')).toBe('v');
		expect(store.persistent).toBe(false);
	});

	it('falls back to memory when there is no localStorage at all', () => {
		vi.stubGlobal('localStorage', undefined);
		expect(browserStore().persistent).toBe(false);
	});

	it('touches localStorage only when first used', () => {
		const storage = fakeStorage();
		storage.setItem('k', 'kept');
		const reads = vi.spyOn(storage, 'getItem');
		const writes = vi.spyOn(storage, 'setItem');
		vi.stubGlobal('localStorage', storage);
		const store = browserStore();
		expect(reads).not.toHaveBeenCalled();
		expect(writes).not.toHaveBeenCalled();
		expect(store.get('k')).toBe('kept');
		expect(store.persistent).toBe(true);
		// The probe runs once, whatever is asked after it.
		expect(writes).toHaveBeenCalledTimes(1);
	});
});
