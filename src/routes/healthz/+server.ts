import { json } from '@sveltejs/kit';
import { version as build } from '$app/environment';
import pkg from '../../../package.json';
import { app } from '$lib/server/store/app';
import { schemaVersion } from '$lib/server/store/db';

/** Liveness for hosts and tests: the app version and whether the database answers a query. */
export function GET() {
	let database: { ok: boolean; schemaVersion?: number; error?: string };
	try {
		const { db } = app();
		db.prepare('SELECT 1').get();
		database = { ok: true, schemaVersion: schemaVersion(db) };
	} catch (error) {
		database = { ok: false, error: (error as Error).message };
	}
	return json(
		{ app: 'telltale', version: pkg.version, build, database },
		{ status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
}
