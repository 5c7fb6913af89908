/**
 * A solo verdict sent the way the round page's script sends it: the page's `?/verdict` form
 * action, asking for its result as JSON (SvelteKit's action result, its data in devalue's format).
 * For setting up runs and for checking what the action answers without a browser.
 */
import { parse } from 'devalue';

export interface VerdictReply {
	/** 'success', 'failure' (the action refused it), 'redirect' or 'error'. */
	type: string;
	/** The action's status: 200 for an outcome, 400, 404 or 409 for a refusal. */
	status: number;
	outcome?: { reveal: { answer: string }; answer: string; confidence: number; correct: boolean };
	finished?: boolean;
	replayed?: boolean;
	error?: string;
}

export async function postVerdict(
	baseURL: string,
	runId: string,
	verdict: { round: number; answer: string; confidence: number }
): Promise<VerdictReply> {
	const response = await fetch(new URL(`/play/${runId}?/verdict`, baseURL), {
		method: 'POST',
		headers: { origin: new URL(baseURL).origin, accept: 'application/json' },
		body: new URLSearchParams({
			round: String(verdict.round),
			answer: verdict.answer,
			confidence: String(verdict.confidence)
		})
	});
	const result = (await response.json()) as { type: string; status?: number; data?: string };
	const data = result.data === undefined ? {} : (parse(result.data) as Partial<VerdictReply>);
	return { ...data, type: result.type, status: result.status ?? response.status };
}
