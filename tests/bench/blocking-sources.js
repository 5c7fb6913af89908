// Where a page's Lighthouse total blocking time comes from. Lighthouse's simulated throttling
// (Lantern) does not time the page's tasks by the clock: it replays the trace's main-thread tasks
// four times slower (twice, if they ran a layout) on a simulated slow network, in an optimistic
// and a pessimistic simulation, and reports the mean of the two. The optimistic one counts
// blocking from the pessimistic estimate of first contentful paint on, the pessimistic one from
// the optimistic estimate, which can come before the page's own first layout and paint. This runs
// Lighthouse's own computation again on a run's saved artifacts (the CLI's `-GA`) and lists each
// task it counted, in which simulation, with what ran in it.
import { Audit } from 'lighthouse/core/audits/audit.js';
import { LanternFirstContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-first-contentful-paint.js';
import { LanternInteractive } from 'lighthouse/core/computed/metrics/lantern-interactive.js';
import { LanternTotalBlockingTime } from 'lighthouse/core/computed/metrics/lantern-total-blocking-time.js';
import { loadArtifacts } from 'lighthouse/core/lib/asset-saver.js';
import * as Lantern from 'lighthouse/core/lib/lantern/lantern.js';

const { calculateTbtImpactForEvent } = Lantern.Metrics.TBTUtils;

/** Kinds of main-thread work, by the trace events inside a task. */
const RENDERING = /^(ParseHTML|Layout|Paint|UpdateLayoutTree|DocumentLoader::CommitNavigation)$/;
const SCRIPT = /^(v8\.evaluateModule|RunMicrotasks|FunctionCall|EvaluateScript|v8\.compileModule)$/;

/**
 * What a task did, from its traced children: a kind, the notable events (1 ms or more) and the
 * files it touched (scripts run or requested, images decoded). A task with both rendering and
 * script (hydration reads the scroll position; parsing runs inline scripts) is named after the
 * one it spent longer in.
 * @param {{ childEvents: Array<{ name: string; dur?: number; args?: any }> }} node
 */
export function describeTask(node) {
	const files = new Set();
	let rendering = 0;
	let script = 0;
	for (const event of node.childEvents) {
		const url = event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url;
		if (typeof url === 'string' && url) files.add(url.split(/[?#]/)[0].split('/').pop());
		if (RENDERING.test(event.name)) rendering += event.dur ?? 0;
		if (SCRIPT.test(event.name)) script += event.dur ?? 0;
	}
	const timer = node.childEvents.some((event) => event.name === 'TimerFire');
	const kind = timer
		? 'timer callback'
		: rendering || script
			? rendering > script
				? 'page rendering (commit, parse, style, layout, paint)'
				: 'script (evaluation, microtasks, calls)'
			: files.size
				? 'resource handling'
				: 'nothing traced inside';
	const notable = node.childEvents.filter((event) => (event.dur ?? 0) >= 1000);
	return {
		kind,
		events: [...new Set(notable.map((event) => event.name))].slice(0, 6),
		files: [...files].slice(0, 6)
	};
}

/**
 * The tasks Lighthouse counted towards total blocking time in a run whose artifacts were saved
 * in `dir`, per simulation, and the blocking time per kind of task (the mean of the two
 * simulations, as Lighthouse reports it).
 * @param {string} dir
 */
export async function blockingSources(dir) {
	const artifacts = await loadArtifacts(dir);
	const context = { computedCache: new Map(), settings: artifacts.settings };
	const data = Audit.makeMetricComputationDataInput(artifacts, context);
	const [tbt, fcp, interactive] = await Promise.all([
		LanternTotalBlockingTime.request(data, context),
		LanternFirstContentfulPaint.request(data, context),
		LanternInteractive.request(data, context)
	]);
	// Lighthouse pairs each simulation's blocking window with the other's paint estimate.
	const simulations = [
		{
			name: 'optimistic',
			timings: tbt.optimisticEstimate.nodeTimings,
			fromMs: fcp.pessimisticEstimate.timeInMs,
			toMs: interactive.optimisticEstimate.timeInMs
		},
		{
			name: 'pessimistic',
			timings: tbt.pessimisticEstimate.nodeTimings,
			fromMs: fcp.optimisticEstimate.timeInMs,
			toMs: interactive.pessimisticEstimate.timeInMs
		}
	];
	// Lighthouse's own rule: the part of a task inside the window and over 50 ms (none if shorter).
	const counted = simulations.map(({ name, timings, fromMs, toMs }) => ({
		simulation: name,
		fromMs,
		toMs,
		tasks: [...timings]
			.filter(([node]) => node.type === 'cpu')
			.map(([node, timing]) => ({
				node,
				timing,
				blockingMs: calculateTbtImpactForEvent(
					{ start: timing.startTime, end: timing.endTime, duration: timing.duration },
					fromMs,
					toMs
				)
			}))
			.filter((task) => task.blockingMs > 0)
			.map((task) => ({ ...task, what: describeTask(task.node) }))
	}));
	/** @type {Record<string, number>} */
	const byKind = {};
	for (const { tasks } of counted) {
		for (const { what, blockingMs } of tasks) {
			byKind[what.kind] = (byKind[what.kind] ?? 0) + blockingMs / counted.length;
		}
	}
	return {
		tbtMs: Math.round(tbt.timing),
		byKind: Object.fromEntries(Object.entries(byKind).map(([kind, ms]) => [kind, Math.round(ms)])),
		simulations: counted.map(({ simulation, fromMs, toMs, tasks }) => ({
			simulation,
			fromMs: Math.round(fromMs),
			toMs: Math.round(toMs),
			tasks: tasks.map(({ node, timing, blockingMs, what }) => ({
				simulatedStartMs: Math.round(timing.startTime),
				observedMs: Math.round(node.event.dur / 100) / 10,
				blockingMs: Math.round(blockingMs),
				...what
			}))
		}))
	};
}
