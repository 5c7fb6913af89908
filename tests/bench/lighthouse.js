#!/usr/bin/env node
// Solo play performance budget, in one command: `node tests/bench/lighthouse.js`.
//
// Against the production build (built first by `node src/start.js` if the sources changed) on a
// local port with a fresh data folder, with Debian's chromium:
//   1. Lighthouse 12 (mobile emulation, simulated throttling) on `/` and on a round page showing
//      an image pair, RUNS times each, median reported: performance score, LCP, CLS, TBT (each
//      run's performance, LCP and TBT kept beside it). Each page is opened from the page a player
//      comes from (`/` from the About page, the round from `/`), and, reported beside it, from
//      Lighthouse's default about:blank. Also reported: a round showing the heaviest picture pair
//      that online runs use, opened from `/` (the worst case for LCP).
//   2. JavaScript for the first round: gzip size of every script the round page loads
//      (Lighthouse's network log, sized from the build's own .gz files).
//   3. Media for one image pair on a phone: bytes of pictures the round page loaded, and the
//      worst pair of the whole pack at the rendition a phone's srcset picks.
//   4. Verdict tap to reveal drawn: performance marks in the browser over whole runs on a phone
//      viewport (p50, p95, max).
//   5. Start-up work (reported, not budgeted): the long tasks of fresh loads of the control with
//      the app's headers, `/` and the round, with DevTools' CPU throttling (solo-startup.js).
//   6. Where each budget page's TBT comes from: every task Lighthouse's simulation counted, by
//      kind of work, from each run's saved artifacts (blocking-sources.js).
// Prints the numbers against the budget, writes them as JSON to bench-results/, and exits 1 if
// a budget is missed. On a machine shared with other builds, run it under the build lock.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { blockingSources } from './blocking-sources.js';
import { measureReveal } from './solo-reveal.js';
import { measureStartUp } from './solo-startup.js';
import { median } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT ?? 4390);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const STARTUP_LOADS = Number(process.env.STARTUP_LOADS ?? 10);
const CONTROL_PORT = PORT + 1;
// Controls: a static page without any script, served plain, served with the app's own security
// headers, and served plain but opened from another site. What Lighthouse reports for them is this
// machine's floor at that moment (a loaded machine gives even a blank page blocking time), and
// they show what a new renderer process costs: Lighthouse opens a page from about:blank, whose
// renderer it reuses, unless the page sets Cross-Origin-Opener-Policy (a new browsing context
// group) or comes from another site (site isolation); then the new process's start-up lands in
// the page's trace. They are reported, not held to the budget.
const CONTROL_PAGE =
	'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Control</title></head><body><h1>Control page</h1><p>Static text, no script, no images.</p></body></html>';
const SECURITY_HEADERS = [
	'content-security-policy',
	'cross-origin-opener-policy',
	'cross-origin-resource-policy',
	'permissions-policy',
	'referrer-policy',
	'x-content-type-options',
	'x-frame-options'
];

/**
 * The control page's server: `/with-app-headers` with the security headers the app sent for its
 * own home page, any other path plain (`/elsewhere`, on `localhost`, is the other site).
 * @param {Headers} appHeaders
 */
function controlServer(appHeaders) {
	/** @type {Record<string, string>} */
	const security = {};
	for (const name of SECURITY_HEADERS) {
		const value = appHeaders.get(name);
		if (value) security[name] = value;
	}
	return createServer((request, response) => {
		response.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			...(request.url === '/with-app-headers' ? security : {})
		});
		response.end(CONTROL_PAGE);
	}).listen(CONTROL_PORT, '127.0.0.1');
}

export const BUDGET = {
	performance: 0.95,
	lcpMs: 2000,
	cls: 0.02,
	tbtMs: 100,
	firstRoundJsGzipBytes: 90 * 1024,
	imagePairBytes: 250 * 1024,
	revealP95Ms: 150
};

/** Starts `npm start`'s script on a spare port with an empty data folder; resolves when ready. */
async function startServer() {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-bench-'));
	const child = spawn(process.execPath, [path.join(root, 'src/start.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let attempt = 0; attempt < 600; attempt++) {
		if (child.exitCode !== null) throw new Error('the server exited before it was ready');
		try {
			if ((await fetch(`${ORIGIN}/healthz`)).ok) return child;
		} catch {
			// not listening yet (it may be building)
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('the server did not answer /healthz');
}

/**
 * Starts a run of picture pairs through the play form, as the page does; returns its round page.
 * @param {string} difficulty `any` (Quick play's) or a tier
 */
async function quickPlayRun(difficulty) {
	const response = await fetch(`${ORIGIN}/play?/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: ORIGIN,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: `mode=pairs&count=10&difficulty=${difficulty}`
	});
	const location = response.headers.get('location');
	if (response.status !== 303 || !location) throw new Error(`start: HTTP ${response.status}`);
	return new URL(location, ORIGIN).href;
}

/**
 * A round page whose first round's HTML passes `shows`, from new runs of that difficulty.
 * @param {(html: string) => boolean} shows
 * @param {string} what for the error
 * @param {string} [difficulty]
 */
async function roundShowing(shows, what, difficulty = 'any') {
	for (let attempt = 0; attempt < 200; attempt++) {
		const url = await quickPlayRun(difficulty);
		if (await shows(await (await fetch(url)).text())) return url;
	}
	throw new Error(`no run started with ${what} in 200 tries`);
}

/**
 * One Lighthouse run (mobile, simulated throttling), its JSON report parsed. `from` is the page
 * Lighthouse opens first (its `blankPage` setting, about:blank by default): storage and caches are
 * still cleared after it, so the page under test loads cold. With `artifacts`, the run's trace and
 * network log are kept in that folder for blocking-sources.js.
 * @param {string} url
 * @param {string} output
 * @param {string} from
 * @param {string} [artifacts]
 * @returns {Promise<any>}
 */
function lighthouse(url, output, from, artifacts) {
	const flags = ['--headless=new', ...chromiumArgs].join(' ');
	const config = `${output}.config.json`;
	writeFileSync(
		config,
		JSON.stringify({ extends: 'lighthouse:default', settings: { blankPage: from } })
	);
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				path.join(root, 'node_modules/lighthouse/cli/index.js'),
				url,
				'--quiet',
				'--only-categories=performance',
				'--output=json',
				`--output-path=${output}`,
				`--chrome-flags=${flags}`,
				`--config-path=${config}`,
				...(artifacts ? [`-GA=${artifacts}`] : [])
			],
			{ env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: 'inherit' }
		);
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(readFileSync(output, 'utf8')))
				: reject(new Error(`lighthouse exited ${code}`))
		);
	});
}

/**
 * Where run `run` of target `index` keeps its report.
 * @param {number} index
 * @param {number} run
 */
function reportPath(index, run) {
	return path.join(tmpdir(), `telltale-lh-${index}-${run}.json`);
}

/**
 * Where that run keeps its artifacts, when it keeps them (budget pages).
 * @param {number} index
 * @param {number} run
 */
function artifactsPath(index, run) {
	return `${reportPath(index, run)}.artifacts`;
}

/**
 * Lighthouse now and then fails to record its own trace (NO_NAVSTART) on a busy machine: such a
 * run measured nothing, so it is run again, at most twice.
 * @template T
 * @param {() => Promise<T>} attempt
 * @returns {Promise<T>}
 */
async function withRetries(attempt, retries = 2) {
	for (let tried = 0; ; tried++) {
		try {
			return await attempt();
		} catch (error) {
			if (tried >= retries) throw error;
			console.error(`${error instanceof Error ? error.message : error}; running it again`);
		}
	}
}

/**
 * gzip size of a built file, from adapter-node's precompressed copy (or compressed here).
 * @param {string} pathname
 */
function gzipSize(pathname) {
	const file = path.join(root, 'build/client', pathname);
	if (existsSync(`${file}.gz`)) return readFileSync(`${file}.gz`).length;
	return gzipSync(readFileSync(file), { level: 9 }).length;
}

/**
 * The medians of a page's Lighthouse runs, and what its last run loaded.
 * @param {any[]} reports
 * @param {string} label
 * @param {string} from the page Lighthouse opened first
 * @param {Array<Awaited<ReturnType<typeof blockingSources>>>} [blocking] per run, for budget pages
 */
function summarise(reports, label, from, blocking) {
	/** @param {string} audit */
	const pick = (audit) =>
		median(reports.map((/** @type {any} */ report) => report.audits[audit].numericValue));
	const last = reports[reports.length - 1];
	/** @type {Array<{ url: string; resourceType: string; transferSize: number }>} */
	const requests = last.audits['network-requests'].details.items;
	const scripts = requests.filter(
		(request) => request.resourceType === 'Script' && request.url.startsWith(ORIGIN)
	);
	const media = requests.filter((request) =>
		/^\/(packs|media)\//.test(new URL(request.url).pathname)
	);
	return {
		page: label,
		url: last.finalDisplayedUrl,
		from,
		performance: median(reports.map((report) => report.categories.performance.score)),
		// Lighthouse's own measure of how fast this machine was during the run (higher is faster).
		benchmarkIndex: median(reports.map((report) => report.environment.benchmarkIndex)),
		lcpMs: pick('largest-contentful-paint'),
		cls: pick('cumulative-layout-shift'),
		tbtMs: pick('total-blocking-time'),
		totalBytes: pick('total-byte-weight'),
		// Each run as well as the median: on a shared machine single runs of one build spread
		// widely (BENCHMARKS.md), and the spread says how much a median can be trusted.
		runs: reports.map((/** @type {any} */ report) => ({
			performance: report.categories.performance.score,
			lcpMs: Math.round(report.audits['largest-contentful-paint'].numericValue),
			tbtMs: Math.round(report.audits['total-blocking-time'].numericValue)
		})),
		// What the simulation counted, by kind of work: the mean over the runs, then each run.
		...(blocking && {
			blockingByKind: meanByKind(blocking.map((run) => run.byKind)),
			blockingRuns: blocking
		}),
		scripts: scripts.map((request) => ({
			url: new URL(request.url).pathname,
			gzipBytes: gzipSize(new URL(request.url).pathname)
		})),
		media: media.map((request) => ({
			url: new URL(request.url).pathname,
			transferBytes: request.transferSize
		}))
	};
}

/**
 * The mean of each kind's blocking time over runs (a run without that kind counts 0), largest first.
 * @param {Array<Record<string, number>>} runs
 */
function meanByKind(runs) {
	/** @type {Record<string, number>} */
	const sums = {};
	for (const run of runs) {
		for (const [kind, ms] of Object.entries(run)) sums[kind] = (sums[kind] ?? 0) + ms;
	}
	return Object.fromEntries(
		Object.entries(sums)
			.map(([kind, ms]) => /** @type {[string, number]} */ ([kind, Math.round(ms / runs.length)]))
			.sort((a, b) => b[1] - a[1])
	);
}

/**
 * The largest picture pair of the pack as a phone loads it: screens narrower than 36rem get each
 * item's smallest (phone) rendition, whatever their pixel density (see ImageView.svelte).
 * `online`: only pairs that online runs use (practice pairs are played offline only).
 */
function worstImagePair(online = false) {
	const packDir = path.join(root, 'static/packs/default');
	/** @type {{ items: Array<{ id: string; kind: string; media: Array<{ src: string; width: number }> }>; pairs: Array<{ id: string; items: string[]; tier: number; practice?: boolean }> }} */
	const pack = JSON.parse(readFileSync(path.join(packDir, 'manifest.json'), 'utf8'));
	const items = new Map(pack.items.map((item) => [item.id, item]));
	/** @param {(typeof pack.items)[number]} item */
	const chosen = (item) => [...item.media].sort((a, b) => a.width - b.width)[0];
	let worst = { pair: '', bytes: 0, tier: 0, srcs: /** @type {string[]} */ ([]) };
	for (const pair of pack.pairs.filter((pair) => !(online && pair.practice))) {
		const [a, b] = pair.items.map(
			(id) => /** @type {(typeof pack.items)[number]} */ (items.get(id))
		);
		if (a.kind !== 'image') continue;
		const srcs = [a, b].map((item) => chosen(item).src);
		const bytes = srcs.reduce((sum, src) => sum + readFileSync(path.join(packDir, src)).length, 0);
		if (bytes > worst.bytes) worst = { pair: pair.id, bytes, tier: pair.tier, srcs };
	}
	return worst;
}

/**
 * Whether a round page's pictures are these pack files. Online rounds show media at addresses
 * made for their run alone (src/lib/server/packs/media-links.ts), so the bench knows the pair by its
 * bytes, as anyone who has seen the pictures could.
 * @param {string} html
 * @param {string[]} srcs pack-relative paths of the pair's phone renditions
 */
async function showsFiles(html, srcs) {
	const packDir = path.join(root, 'static/packs/default');
	const wanted = srcs.map((src) => readFileSync(path.join(packDir, src)).length);
	const addresses = [...html.matchAll(/<img[^>]+src="(\/media\/r\/[^"]+)"/g)].map((m) => m[1]);
	const sizes = await Promise.all(
		addresses.map(async (address) =>
			Number((await fetch(`${ORIGIN}${address}`, { method: 'HEAD' })).headers.get('content-length'))
		)
	);
	return wanted.every((size) => sizes.includes(size));
}

async function main() {
	const server = await startServer();
	try {
		const outDir = path.join(root, 'bench-results');
		mkdirSync(outDir, { recursive: true });
		const roundUrl = await roundShowing(
			(html) => /<img[^>]+src="\/media\/r\//.test(html),
			'a pair of pictures'
		);
		// The heaviest pair an online round shows, opened like the round: the worst case for LCP.
		const worstOnline = worstImagePair(true);
		const worstRoundUrl = await roundShowing(
			(html) => showsFiles(html, worstOnline.srcs),
			`the pair ${worstOnline.pair}`,
			String(worstOnline.tier)
		);
		const control = controlServer((await fetch(`${ORIGIN}/`)).headers);
		const home = `${ORIGIN}/`;
		const controlPage = `http://127.0.0.1:${CONTROL_PORT}/`;
		const controlWithHeaders = `http://127.0.0.1:${CONTROL_PORT}/with-app-headers`;
		const BLANK = 'about:blank';
		// The budget holds for the pages as a player opens them, from another page of the game
		// (same site, same headers: the renderer that showed that page shows this one). The same
		// pages from about:blank, and the controls, are reported beside them (BENCHMARKS.md).
		const targets = [
			{ page: 'control', url: controlPage, from: BLANK },
			{ page: "control with the app's headers", url: controlWithHeaders, from: BLANK },
			{
				page: 'control from another site',
				url: controlPage,
				from: `http://localhost:${CONTROL_PORT}/elsewhere`
			},
			{ page: 'home from about:blank', url: home, from: BLANK },
			{ page: 'round from about:blank', url: roundUrl, from: BLANK },
			{ page: `round with the largest pair (${worstOnline.pair})`, url: worstRoundUrl, from: home },
			{ page: 'home', url: home, from: `${ORIGIN}/about`, budget: true },
			{ page: 'round', url: roundUrl, from: home, budget: true }
		];
		// Taken in turns, so a change in the machine's load falls on every page alike.
		/** @type {any[][]} */
		const reports = targets.map(() => []);
		for (let run = 0; run < RUNS; run++) {
			for (const [index, { url, from, budget }] of targets.entries()) {
				// Only the budget pages' blocking time is broken down: only theirs keep artifacts.
				const artifacts = budget ? artifactsPath(index, run) : undefined;
				reports[index].push(
					await withRetries(() => lighthouse(url, reportPath(index, run), from, artifacts))
				);
			}
		}
		const startUp = await measureStartUp(
			[
				["control with the app's headers", controlWithHeaders],
				['home', home],
				['round', roundUrl]
			],
			{ loads: STARTUP_LOADS }
		);
		control.close();
		/** @type {Array<Array<Awaited<ReturnType<typeof blockingSources>>> | undefined>} */
		const blocking = [];
		for (const [index, target] of targets.entries()) {
			if (!target.budget) continue;
			blocking[index] = [];
			for (let run = 0; run < RUNS; run++) {
				blocking[index].push(await blockingSources(artifactsPath(index, run)));
			}
		}
		const summaries = targets.map(({ page, from }, index) =>
			summarise(reports[index], page, from, blocking[index])
		);
		const pages = summaries.filter((_, index) => targets[index].budget);
		const others = summaries.filter((_, index) => !targets[index].budget);
		const round = /** @type {ReturnType<typeof summarise>} */ (
			pages.find((page) => page.page === 'round')
		);
		const firstRoundJs = round.scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
		const pairMedia = round.media.reduce((sum, media) => sum + media.transferBytes, 0);
		const worstPair = worstImagePair();
		const reveal = await measureReveal(ORIGIN, { runs: 5 });

		const checks = [
			...pages.flatMap((page) => [
				[`${page.page}: Lighthouse performance`, page.performance, BUDGET.performance, '>='],
				[`${page.page}: LCP (ms)`, page.lcpMs, BUDGET.lcpMs, '<='],
				[`${page.page}: CLS`, page.cls, BUDGET.cls, '<='],
				[`${page.page}: TBT (ms)`, page.tbtMs, BUDGET.tbtMs, '<=']
			]),
			['first round: JavaScript (gzip bytes)', firstRoundJs, BUDGET.firstRoundJsGzipBytes, '<='],
			['first round: picture pair loaded (bytes)', pairMedia, BUDGET.imagePairBytes, '<='],
			[
				`pack: largest picture pair on a phone (bytes, ${worstPair.pair})`,
				worstPair.bytes,
				BUDGET.imagePairBytes,
				'<='
			],
			['verdict tap to reveal drawn: p95 (ms)', reveal.p95, BUDGET.revealP95Ms, '<=']
		].map((check) => {
			const [name, value, budget, op] = /** @type {[string, number, number, string]} */ (check);
			return { name, value, budget, pass: op === '>=' ? value >= budget : value <= budget };
		});

		const result = {
			date: new Date().toISOString(),
			machine: {
				cpus: cpus().length,
				cpu: cpus()[0]?.model,
				memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
				node: process.version
			},
			lighthouseRuns: RUNS,
			pages,
			others,
			firstRoundJsGzipBytes: firstRoundJs,
			pairMediaBytes: pairMedia,
			worstImagePair: worstPair,
			reveal,
			startUp,
			checks
		};
		const file = path.join(outDir, `solo-${result.date.replace(/[:.]/g, '-')}.json`);
		writeFileSync(file, JSON.stringify(result, null, 2));

		console.log('\nSolo play performance budget');
		for (const check of checks) {
			const value = Number.isInteger(check.value) ? check.value : check.value.toFixed(3);
			console.log(
				`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${value} (budget ${check.budget})`
			);
		}
		console.log(
			`reveal: p50 ${reveal.p50.toFixed(1)} ms, p95 ${reveal.p95.toFixed(1)} ms, max ${reveal.max.toFixed(1)} ms over ${reveal.samples} verdicts; of which the verdict request: p50 ${reveal.request.p50.toFixed(1)} ms, p95 ${reveal.request.p95.toFixed(1)} ms`
		);
		for (const page of [...pages, ...others]) {
			console.log(
				`${page.page} (opened from ${page.from}): performance ${page.performance}, LCP ${Math.round(page.lcpMs)} ms, CLS ${page.cls.toFixed(3)}, TBT ${Math.round(page.tbtMs)} ms (runs: ${page.runs.map((run) => run.tbtMs).join(', ')}); machine speed (Lighthouse benchmarkIndex) ${page.benchmarkIndex}`
			);
		}
		for (const page of pages) {
			const sources = Object.entries(page.blockingByKind ?? {})
				.map(([kind, ms]) => `${kind} ${ms}`)
				.join(', ');
			console.log(`${page.page}: TBT by kind of work, mean of the runs (ms): ${sources || 'none'}`);
		}
		for (const page of startUp) {
			console.log(
				`${page.page}, start-up with DevTools 4x CPU throttling over ${page.loads} loads: longest task after first paint p50 ${Math.round(page.longestTaskMs.p50)} ms (max ${Math.round(page.longestTaskMs.max)}), blocking p50 ${Math.round(page.blockingMs.p50)} ms (max ${Math.round(page.blockingMs.max)})`
			);
		}
		console.log(`JSON: ${path.relative(root, file)}`);
		console.log(JSON.stringify({ checks }, null, 2));
		process.exitCode = checks.every((check) => check.pass) ? 0 : 1;
	} finally {
		server.kill('SIGTERM');
	}
}

await main();
