import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { parseHostCommand } from '$lib/game/class/commands';
import { hostSession, jsonBody } from '$lib/server/class/http';
import { problem } from '$lib/server/http/problem';
import { limits } from '$lib/server/class/limits';
import { commandProblemMessage, commandStatus } from '$lib/server/class/problems';

/** The host's commands (start, close, reveal, next, end, kick, ban, unban, late-join) as JSON. */
export const POST: RequestHandler = async (event) => {
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const host = await hostSession(event);
	if (!host.ok) return problem(host.status, host.code, host.message);
	const allowance = await limits.commands.take(host.session.id);
	if (!allowance.ok) {
		return problem(429, 'rate-limited', m.class_rate_limited(), {
			'Retry-After': String(allowance.retryAfter)
		});
	}
	const parsed = parseHostCommand(body.body);
	if (!parsed.ok) return problem(400, 'invalid', m.host_command_invalid({ detail: parsed.error }));
	const result = host.session.command(parsed.command);
	const moving = { 'Retry-After': '1' };
	if (!result.ok) {
		const headers = result.problem === 'moving' ? moving : undefined;
		return problem(
			commandStatus(result.problem),
			result.problem,
			commandProblemMessage(result.problem),
			headers
		);
	}
	// The host hears of it once it is stored; if it was not, the command is sent again, to the
	// session loaded afresh.
	if (!(await host.session.stored())) {
		return problem(503, 'moving', commandProblemMessage('moving'), moving);
	}
	return json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
};
