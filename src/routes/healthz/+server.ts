import { json } from '@sveltejs/kit';
import { version as build } from '$app/environment';
import pkg from '../../../package.json';
import { app } from '$lib/server/store/app';
import { schemaVersion } from '$lib/server/store/db';
import { postgresSchemaVersion } from '$lib/server/store/postgres';

type DatabaseHealth = { ok: boolean; schemaVersion?: number; error?: string };

/**
 * Liveness for hosts, load balancers and tests: the app version and whether each database
 * answers a query (SQLite always; PostgreSQL too when DATABASE_URL is set).
 */
export async function GET() {
	let database: DatabaseHealth;
	let postgres: DatabaseHealth | undefined;
	try {
		const { db } = app();
		db.prepare('SELECT 1').get();
		database = { ok: true, schemaVersion: schemaVersion(db) };
	} catch (error) {
		database = { ok: false, error: (error as Error).message };
	}
	const { pg } = app();
	if (pg) {
		try {
			postgres = { ok: true, schemaVersion: await postgresSchemaVersion(pg) };
		} catch (error) {
			postgres = { ok: false, error: (error as Error).message };
		}
	}
	const ok = database.ok && (postgres?.ok ?? true);
	return json(
		{ app: 'telltale', version: pkg.version, build, database, ...(postgres && { postgres }) },
		{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
}
