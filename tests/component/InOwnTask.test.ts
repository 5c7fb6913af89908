import { cleanup, render, screen } from '@testing-library/svelte';
import { createRawSnippet, settled } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { pageStarted } from '$lib/client/start-up';
import InOwnTask from '$lib/components/InOwnTask.svelte';

const child = createRawSnippet(() => ({ render: () => '<p>The pictures</p>' }));

afterEach(cleanup);

/** Settles every queued microtask (but no timer or other task). */
async function drainMicrotasks() {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

// In this order: whether the page has started is module state, and only ever becomes true.
describe('InOwnTask', () => {
	it('shows its children a task later while the page starts', async () => {
		render(InOwnTask, { children: child });
		await drainMicrotasks();
		expect(screen.queryByText('The pictures')).toBeNull();
		await new Promise((resume) => setTimeout(resume, 0));
		await settled();
		expect(screen.getByText('The pictures')).toBeTruthy();
	});

	it('shows them without waiting for a task once the page has started', async () => {
		pageStarted();
		render(InOwnTask, { children: child });
		await drainMicrotasks();
		expect(screen.getByText('The pictures')).toBeTruthy();
	});
});
