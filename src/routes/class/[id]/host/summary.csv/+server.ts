import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { hostSession } from '$lib/server/class/http';
import { summaryCsv } from '$lib/server/class/csv';

/** One row per student: accuracy, d', calibration, points, pre/post (host only). */
export const GET: RequestHandler = async (event) => {
	const host = await hostSession(event);
	if (!host.ok) error(host.status, host.message);
	return new Response(summaryCsv(host.session.report()), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="telltale-class-${host.session.code}-summary.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
