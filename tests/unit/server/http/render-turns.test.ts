import { describe, expect, it } from 'vitest';
import { AT_ONCE, inTurn } from '$lib/server/http/render-turns';

/** A render that runs until `finish` is called; `started` says whether it began. */
function heldRender(log: string[], name: string) {
	const held: {
		started: boolean;
		finish: (value?: string) => void;
		fail: (error: Error) => void;
		result: Promise<string>;
	} = { started: false, finish: () => {}, fail: () => {}, result: Promise.resolve('') };
	held.result = inTurn(
		() =>
			new Promise<string>((resolve, reject) => {
				held.started = true;
				log.push(name);
				held.finish = (value = name) => resolve(value);
				held.fail = reject;
			})
	);
	return held;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets each render finish once it has started, in order. */
async function finishAll(renders: ReturnType<typeof heldRender>[]) {
	for (const render of renders) {
		await settle();
		expect(render.started).toBe(true);
		render.finish();
		await render.result;
	}
}

describe('render turns', () => {
	it('runs at most AT_ONCE renders at once, the others in the order asked', async () => {
		const log: string[] = [];
		const renders = Array.from({ length: AT_ONCE + 3 }, (_, i) => heldRender(log, `r${i}`));
		await settle();
		expect(renders.filter((render) => render.started)).toHaveLength(AT_ONCE);
		renders[2].finish();
		expect(await renders[2].result).toBe('r2');
		await settle();
		expect(log.at(-1)).toBe(`r${AT_ONCE}`);
		expect(renders.filter((render) => render.started)).toHaveLength(AT_ONCE + 1);
		await finishAll(renders);
		expect(log).toEqual(renders.map((_, i) => `r${i}`));
	});

	it('passes a failed render’s turn on, and gives every turn back when all are done', async () => {
		const log: string[] = [];
		const first = Array.from({ length: AT_ONCE + 1 }, (_, i) => heldRender(log, `a${i}`));
		await settle();
		first[0].fail(new Error('load failed'));
		await expect(first[0].result).rejects.toThrow('load failed');
		await settle();
		expect(first[AT_ONCE].started).toBe(true);
		await finishAll(first.slice(1));
		// All turns are free again: a new batch of AT_ONCE starts at once.
		const second = Array.from({ length: AT_ONCE }, (_, i) => heldRender(log, `b${i}`));
		await settle();
		expect(second.every((render) => render.started)).toBe(true);
		await finishAll(second);
	});
});
