import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundClock } from '$lib/client/round-clock.svelte';
import Countdown from '$lib/components/class/Countdown.svelte';

let clock: RoundClock | undefined;
/** A screen's round clock, counting to `deadline` by `serverNow`. */
function clockTo(deadline: number, serverNow: () => number): RoundClock {
	clock = new RoundClock(serverNow, () => {});
	clock.see({ round: 0, phase: 'open', deadline });
	return clock;
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(1_000_000);
});
afterEach(() => {
	cleanup();
	clock?.stop();
	vi.useRealTimers();
});

const secondsLeft = () => screen.getByRole('timer').getAttribute('aria-label');

describe('Countdown', () => {
	it('counts the seconds down to the deadline and stops at 0', async () => {
		render(Countdown, { clock: clockTo(Date.now() + 20_000, () => Date.now()), total: 20 });
		expect(secondsLeft()).toBe('20 seconds left');
		await vi.advanceTimersByTimeAsync(5_000);
		expect(secondsLeft()).toBe('15 seconds left');
		await vi.advanceTimersByTimeAsync(14_000);
		expect(secondsLeft()).toBe('1 second left');
		await vi.advanceTimersByTimeAsync(5_000);
		expect(secondsLeft()).toBe('0 seconds left');
		expect(screen.getByText("Time's up.")).toBeTruthy();
	});

	it('follows the server clock, not the device clock', () => {
		// The device is 4 s behind the server: 10 s left by the server's clock.
		render(Countdown, { clock: clockTo(Date.now() + 14_000, () => Date.now() + 4_000), total: 20 });
		expect(secondsLeft()).toBe('10 seconds left');
	});
});
