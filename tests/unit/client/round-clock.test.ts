import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundClock, TimeUpWatch, type RoundDeadline } from '$lib/client/round-clock.svelte';

const open = (round: number, deadline: number): RoundDeadline => ({
	round,
	phase: 'open',
	deadline
});
const closed = (round: number): RoundDeadline => ({ round, phase: 'closed', deadline: null });

describe('TimeUpWatch', () => {
	it('cues once when the device counts to the deadline, then ignores the server closing', () => {
		const cue = vi.fn();
		const watch = new TimeUpWatch(cue);
		watch.see(open(0, 20_000), 0);
		// A state event mid-round (a reconnect) re-arms the same round.
		watch.see(open(0, 20_000), 5_000);
		expect(cue).not.toHaveBeenCalled();
		watch.due();
		expect(cue).toHaveBeenCalledTimes(1);
		watch.see(closed(0), 20_010);
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
		watch.see(open(0, 20_000), 21_000);
		watch.see(closed(0), 21_100);
		expect(cue).not.toHaveBeenCalled();
		// A round without a timer is never timed.
		watch.see({ round: 1, phase: 'open', deadline: null }, 22_000);
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

describe('RoundClock', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(1_000_000);
	});
	afterEach(() => vi.useRealTimers());

	/** A clock on a server 4 s ahead of the device, recording its cues. */
	function serverClock() {
		const cue = vi.fn();
		const serverNow = () => Date.now() + 4_000;
		return { cue, serverNow, clock: new RoundClock(serverNow, cue) };
	}

	it('counts the open round down to the deadline by the server clock, then cues once', async () => {
		const { cue, serverNow, clock } = serverClock();
		expect(clock.msLeft).toBeNull();
		clock.see(open(0, serverNow() + 20_000));
		expect(clock.msLeft).toBe(20_000);
		expect(clock.timeUp).toBe(false);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(clock.msLeft).toBe(15_000);
		// A millisecond before the deadline it shows the last tick's count (every 250 ms).
		await vi.advanceTimersByTimeAsync(14_999);
		expect(clock.msLeft).toBe(250);
		expect(clock.timeUp).toBe(false);
		expect(cue).not.toHaveBeenCalled();
		// The count reaches the deadline on the millisecond, not at the next tick.
		await vi.advanceTimersByTimeAsync(1);
		expect(clock.msLeft).toBe(0);
		expect(clock.timeUp).toBe(true);
		expect(cue).toHaveBeenCalledTimes(1);
		// The server's close that follows neither cues again nor leaves the time running.
		clock.see(closed(0));
		expect(clock.msLeft).toBeNull();
		expect(clock.timeUp).toBe(false);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(cue).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('stops counting while the host pauses, and counts to the new deadline after', async () => {
		const { cue, serverNow, clock } = serverClock();
		clock.see(open(2, serverNow() + 20_000));
		await vi.advanceTimersByTimeAsync(8_000);
		// Paused: the server sends no deadline until the host resumes.
		clock.see({ round: 2, phase: 'open', deadline: null });
		expect(clock.msLeft).toBeNull();
		expect(vi.getTimerCount()).toBe(0);
		await vi.advanceTimersByTimeAsync(30_000);
		clock.see(open(2, serverNow() + 12_000));
		expect(clock.msLeft).toBe(12_000);
		await vi.advanceTimersByTimeAsync(12_000);
		expect(clock.timeUp).toBe(true);
		expect(cue).toHaveBeenCalledTimes(1);
	});

	it('is silent when the host reveals early, and stops with the screen', async () => {
		const { cue, serverNow, clock } = serverClock();
		clock.see(open(0, serverNow() + 20_000));
		await vi.advanceTimersByTimeAsync(3_000);
		clock.see({ round: 0, phase: 'revealed', deadline: null });
		await vi.advanceTimersByTimeAsync(30_000);
		expect(cue).not.toHaveBeenCalled();
		clock.see(open(1, serverNow() + 20_000));
		clock.stop();
		expect(vi.getTimerCount()).toBe(0);
	});
});
