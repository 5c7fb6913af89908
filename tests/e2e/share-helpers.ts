/** Helpers of the score-link tests. */
import type { APIRequestContext } from '@playwright/test';
import { expect } from './support/fixtures';
import { postVerdict } from './support/verdicts';

/** "Telltale 3/10 · pairs · 82% sure", the ✅/❌ rows, then the URL. */
export function parseShareText(text: string) {
	const lines = text.split('\n');
	const header = /^Telltale (\d+)\/(\d+) · (pairs|real or fake|mixed) · (\d+)% sure$/.exec(
		lines[0]
	);
	expect(header, `share text header: ${lines[0]}`).not.toBeNull();
	const rounds = [...lines.slice(1, -1).join('').replace(/\s/g, '')].map((symbol) => {
		expect(['✅', '❌']).toContain(symbol);
		return symbol === '✅';
	});
	return {
		right: Number(header![1]),
		total: Number(header![2]),
		mode: header![3],
		rounds,
		url: lines[lines.length - 1]
	};
}

/**
 * Test setup: starts a pairs run and answers every round through the app's own endpoints, as its
 * pages do, and returns the run's share link. The main test plays through the UI instead.
 */
export async function sharedRun(request: APIRequestContext, baseURL: string) {
	const started = await request.post('/play?/start', {
		form: { mode: 'pairs' },
		// As a browser's plain form post: Kit answers with a redirect rather than JSON.
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(started.status()).toBe(303);
	const runId = started.headers()['location'].split('/').pop()!;
	expect((await request.get(`/api/share/runs/${runId}`)).status()).toBe(409);
	for (let round = 0; ; round++) {
		// Loading the round page serves the round; a verdict is only taken for a served round.
		expect((await request.get(`/play/${runId}`)).ok()).toBe(true);
		const verdict = await postVerdict(baseURL, runId, {
			round,
			answer: round % 3 ? 'left' : 'right',
			confidence: 0.9
		});
		expect(verdict.type).toBe('success');
		if (verdict.finished) break;
	}
	const link = await request.get(`/api/share/runs/${runId}`);
	expect(link.ok()).toBe(true);
	return { runId, ...((await link.json()) as { code: string; url: string; text: string }) };
}
