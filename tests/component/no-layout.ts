import { cleanup } from '@testing-library/svelte';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * jsdom has no layout: a narrow screen (no media query matches, so pairs stack), a no-op
 * scroll, and a ResizeObserver that never reports. Registers the stubs before each test of the
 * calling file and removes them, with the rendered components, after it.
 */
export function withoutLayout(): void {
	beforeEach(() => {
		vi.stubGlobal('matchMedia', (query: string) => ({
			matches: false,
			media: query,
			addEventListener: () => {},
			removeEventListener: () => {}
		}));
		vi.stubGlobal(
			'ResizeObserver',
			class {
				observe() {}
				unobserve() {}
				disconnect() {}
			}
		);
		Element.prototype.scrollIntoView = () => {};
	});
	afterEach(() => {
		cleanup();
		vi.unstubAllGlobals();
	});
}
