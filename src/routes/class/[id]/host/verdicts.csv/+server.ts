import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { hostSession } from '$lib/server/class/http';
import { verdictsCsv } from '$lib/server/class/csv';

/** Every verdict of the session, one row each (host only). */
export const GET: RequestHandler = async (event) => {
	const host = await hostSession(event);
	if (!host.ok) error(host.status, host.message);
	const { session } = host;
	const csv = verdictsCsv({
		code: session.code,
		rounds: session.record.rounds,
		pack: session.pack,
		...session.records()
	});
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="telltale-class-${session.code}-verdicts.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
