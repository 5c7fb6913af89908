import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOVING_TRIES, sendWhileMoving } from '$lib/client/moving';

const moving = () =>
	new Response(JSON.stringify({ error: 'moving', message: 'moving' }), {
		status: 503,
		headers: { 'Retry-After': '1' }
	});
const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200 });

describe('sendWhileMoving', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('sends again after Retry-After while the answer is "moving", waiting meanwhile', async () => {
		const send = vi.fn().mockResolvedValueOnce(moving()).mockResolvedValueOnce(moving());
		send.mockResolvedValueOnce(ok());
		const waits: boolean[] = [];
		const answer = sendWhileMoving(send, (waiting) => waits.push(waiting));
		await vi.advanceTimersByTimeAsync(999);
		expect(send).toHaveBeenCalledTimes(1);
		expect(waits).toEqual([true]);
		await vi.advanceTimersByTimeAsync(1);
		expect(send).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(1000);
		expect((await answer).status).toBe(200);
		expect(send).toHaveBeenCalledTimes(3);
		expect(waits.at(-1)).toBe(false);
	});

	it('gives the "moving" answer back after its tries, bounded even if Retry-After is long', async () => {
		const send = vi.fn(async () => {
			const answer = moving();
			answer.headers.set('Retry-After', '3600');
			return answer;
		});
		const answer = sendWhileMoving(send, () => {});
		await vi.advanceTimersByTimeAsync(10_000);
		expect((await answer).status).toBe(503);
		expect(send).toHaveBeenCalledTimes(MOVING_TRIES);
	});

	it('does not send again an answer that is no "moving" (a refusal, a 503 without Retry-After)', async () => {
		for (const first of [
			new Response('{}', { status: 409 }),
			new Response('{}', { status: 503 }),
			new Response('{}', { status: 429, headers: { 'Retry-After': '1' } })
		]) {
			const send = vi.fn().mockResolvedValue(first);
			const waits: boolean[] = [];
			expect(await sendWhileMoving(send, (waiting) => waits.push(waiting))).toBe(first);
			expect(send).toHaveBeenCalledTimes(1);
			expect(waits).toEqual([false]);
		}
	});
});
