import { describe, expect, it } from 'vitest';
import { describeTask } from '../../bench/blocking-sources.js';

/** A traced event; durations in microseconds, as in a Chromium trace. */
const event = (name: string, ms: number, url?: string) => ({
	name,
	dur: ms * 1000,
	...(url && { args: { data: { url } } })
});

describe('describeTask', () => {
	it('names hydration script work even though it ran a small layout', () => {
		const task = describeTask({
			childEvents: [
				event('RunMicrotasks', 30, 'http://127.0.0.1/_app/immutable/nodes/16.abc.js'),
				event('Layout', 0.5)
			]
		});
		expect(task.kind).toBe('script (evaluation, microtasks, calls)');
		expect(task.files).toEqual(['16.abc.js']);
		expect(task.events).toEqual(['RunMicrotasks']);
	});

	it('names a parsing task rendering when parsing took longer than its inline script', () => {
		const task = describeTask({
			childEvents: [event('ParseHTML', 15), event('EvaluateScript', 9)]
		});
		expect(task.kind).toBe('page rendering (commit, parse, style, layout, paint)');
	});

	it('names timers, requests and empty tasks', () => {
		expect(
			describeTask({ childEvents: [event('TimerFire', 40), event('FunctionCall', 39)] }).kind
		).toBe('timer callback');
		const request = describeTask({
			childEvents: [event('ResourceSendRequest', 0.2, 'http://127.0.0.1/_app/x/COM0RO_x.js?v=1')]
		});
		expect(request).toEqual({ kind: 'resource handling', events: [], files: ['COM0RO_x.js'] });
		expect(describeTask({ childEvents: [] }).kind).toBe('nothing traced inside');
	});
});
