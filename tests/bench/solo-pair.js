#!/usr/bin/env node
// Two builds of the round page, measured in pairs: `node tests/bench/solo-pair.js <checkout A>
// <checkout B>` (each a checkout with its node_modules; each is built by `npm start`'s script if
// its sources changed). On a shared machine a lone Lighthouse run moves with everyone else's
// load, so a change is judged by pairs taken back to back in one session rather than by two
// benchmark runs hours apart.
//
// Both servers run at once (ports 4396 and 4397, empty data folders). Each shows the same picture
// pair in the first round of a run (the pictures are matched by their bytes). Then PAIRS times
// (default 10): Lighthouse on A's round and on B's, opened from its own `/` as in lighthouse.js,
// one after the other, the order alternating from pair to pair. Prints each pair's total blocking
// time, both medians, the median of the differences (B - A) and in how many pairs B was lower;
// writes them as JSON to bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lighthouse, withRetries } from './lighthouse-run.js';
import { pictureSizes, roundShowing, startServer } from './solo-server.js';
import { median } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAIRS = Number(process.env.PAIRS ?? 10);
const [checkoutA, checkoutB] = process.argv.slice(2).map((checkout) => path.resolve(checkout));
if (!checkoutA || !checkoutB) {
	console.error('usage: node tests/bench/solo-pair.js <checkout A> <checkout B>');
	process.exit(2);
}

const sides = [
	{ name: 'A', checkout: checkoutA, origin: 'http://127.0.0.1:4396' },
	{ name: 'B', checkout: checkoutB, origin: 'http://127.0.0.1:4397' }
];
const servers = [];
try {
	for (const side of sides)
		servers.push(await startServer(side.checkout, Number(side.origin.split(':')[2])));
	/** @type {number[]} */
	let pictures = [];
	const rounds = [];
	for (const side of sides) {
		rounds.push(
			await roundShowing(
				side.origin,
				async (html) => {
					const sizes = await pictureSizes(side.origin, html);
					if (sizes.length === 0) return false;
					if (pictures.length === 0) pictures = sizes;
					return pictures.every((size) => sizes.includes(size));
				},
				'the same picture pair'
			)
		);
	}
	/** @type {Array<{ A: any; B: any }>} */
	const pairs = [];
	for (let pair = 0; pair < PAIRS; pair++) {
		const order = pair % 2 === 0 ? [0, 1] : [1, 0];
		/** @type {Record<string, any>} */
		const measured = {};
		for (const index of order) {
			const { name, origin } = sides[index];
			const report = await withRetries(() =>
				lighthouse(rounds[index], path.join(tmpdir(), `telltale-pair-${name}.json`), `${origin}/`)
			);
			measured[name] = {
				tbtMs: Math.round(report.audits['total-blocking-time'].numericValue),
				lcpMs: Math.round(report.audits['largest-contentful-paint'].numericValue),
				performance: report.categories.performance.score
			};
		}
		pairs.push(/** @type {{ A: any; B: any }} */ (measured));
		console.log(`pair ${pair + 1}: TBT A ${measured.A.tbtMs} ms, B ${measured.B.tbtMs} ms`);
	}
	/** @param {'A' | 'B'} name @param {'tbtMs' | 'lcpMs' | 'performance'} what */
	const medianOf = (name, what) => median(pairs.map((pair) => pair[name][what]));
	const result = {
		date: new Date().toISOString(),
		checkouts: { A: checkoutA, B: checkoutB },
		pairs,
		median: {
			A: {
				tbtMs: medianOf('A', 'tbtMs'),
				lcpMs: medianOf('A', 'lcpMs'),
				performance: medianOf('A', 'performance')
			},
			B: {
				tbtMs: medianOf('B', 'tbtMs'),
				lcpMs: medianOf('B', 'lcpMs'),
				performance: medianOf('B', 'performance')
			},
			differenceTbtMs: median(pairs.map((pair) => pair.B.tbtMs - pair.A.tbtMs))
		},
		bLower: pairs.filter((pair) => pair.B.tbtMs < pair.A.tbtMs).length
	};
	const outDir = path.join(root, 'bench-results');
	mkdirSync(outDir, { recursive: true });
	const file = path.join(outDir, `solo-pair-${result.date.replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify(result, null, 2));
	console.log(
		`\nround TBT over ${PAIRS} pairs: median A ${result.median.A.tbtMs} ms, B ${result.median.B.tbtMs} ms; median of B - A ${result.median.differenceTbtMs} ms; B lower in ${result.bLower}\n` +
			`LCP median A ${result.median.A.lcpMs} ms, B ${result.median.B.lcpMs} ms; performance median A ${result.median.A.performance}, B ${result.median.B.performance}\nJSON: ${path.relative(root, file)}`
	);
} finally {
	for (const server of servers) server.kill('SIGTERM');
}
