/**
 * Pages rendered a few at a time. A render holds a few hundred KB until its answer is made (the
 * HTML several times over). When a class's phones all wait for the same thing (on a fresh
 * server, the session page's code being read while the whole class joins), their pages would
 * otherwise all render in one go and hold a class's worth of pages in memory at once, most of
 * it old enough by then that only a full collection frees it (BENCHMARKS.md, class). In turn,
 * each render's garbage dies young, before the next few start.
 */
export const AT_ONCE = 8;

let rendering = 0;
const waiting: Array<() => void> = [];

/** Runs `render` once fewer than AT_ONCE others are running, in the order asked. */
export async function inTurn<T>(render: () => T | Promise<T>): Promise<T> {
	if (rendering < AT_ONCE) rendering += 1;
	else await new Promise<void>((start) => waiting.push(start));
	try {
		return await render();
	} finally {
		// The turn passes straight to the next render waiting, or is given back.
		const next = waiting.shift();
		if (next) next();
		else rendering -= 1;
	}
}
