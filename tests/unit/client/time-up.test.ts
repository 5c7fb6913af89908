import { describe, expect, it, vi } from 'vitest';
import { TimeUpWatch, type RoundClock } from '$lib/client/time-up.svelte';

const open = (round: number, deadline: number): RoundClock => ({ round, phase: 'open', deadline });
const closed = (round: number): RoundClock => ({ round, phase: 'closed', deadline: null });

describe('TimeUpWatch', () => {
	it('cues once when the device counts to the deadline, then ignores the server closing', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		expect(watch.see(open(0, 20_000), 0)).toBe(20_000);
		// A state event mid-round (a reconnect) re-arms the same round.
		expect(watch.see(open(0, 20_000), 5_000)).toBe(15_000);
		watch.due();
		expect(cue).toHaveBeenCalledTimes(1);
		expect(watch.see(closed(0), 20_010)).toBeNull();
		expect(cue).toHaveBeenCalledTimes(1);
	});

	it('cues when the server closes the round at its deadline before the device counts there', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		watch.see(open(3, 20_000), 0);
		// The device's estimate of the server clock lags by a few milliseconds.
		watch.see(closed(3), 19_995);
		expect(cue).toHaveBeenCalledTimes(1);
		watch.due();
		expect(cue).toHaveBeenCalledTimes(1);
	});

	it('stays quiet when the host closes or reveals the round early', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		watch.see(open(0, 20_000), 0);
		watch.see({ round: 0, phase: 'revealed', deadline: null }, 8_000);
		watch.due();
		expect(cue).not.toHaveBeenCalled();
	});

	it('stays quiet for a round whose time ran out before the page saw it open', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		expect(watch.see(open(0, 20_000), 21_000)).toBeNull();
		watch.see(closed(0), 21_100);
		expect(cue).not.toHaveBeenCalled();
		// A round without a timer is never timed.
		expect(watch.see({ round: 1, phase: 'open', deadline: null }, 22_000)).toBeNull();
		watch.see(closed(1), 60_000);
		expect(cue).not.toHaveBeenCalled();
	});

	it('cues every timed round once', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		watch.see(open(0, 20_000), 0);
		watch.due();
		watch.see(closed(0), 20_001);
		watch.see(open(1, 50_000), 30_000);
		watch.see(open(1, 50_000), 50_002);
		watch.see(closed(1), 50_003);
		expect(cue).toHaveBeenCalledTimes(2);
	});
});
