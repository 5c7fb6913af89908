/**
 * PostgreSQL, when DATABASE_URL is set: one connection pool per process, its schema brought up
 * to date at start-up (postgres-migrations.ts), and transactions on one connection. Several
 * servers share it, so everything they must agree on is decided by the database (a unique key,
 * a row lock), never by a process's memory.
 */
import pg from 'pg';
import { postgresMigrations } from './postgres-migrations';
import { SettingProblem } from '../setting-problem';

export type Pg = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * Times are kept in ms since the epoch as bigint, and counts come back as bigint: both read as
 * numbers (ms stay exact up to the year 287,396; counts are far below 2^53).
 */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/** Any fixed number: the advisory lock that lets one starting server at a time migrate. */
const MIGRATION_LOCK = 7_146_101;

/** Opens a pool on `url` and applies the migrations this database has not seen yet. */
export async function openPostgres(url: string): Promise<Pg> {
	// Idle connections must not keep a stopping server alive: it exits once its requests are done.
	const pool = new pg.Pool({ connectionString: url, max: 10, types, allowExitOnIdle: true });
	// A connection the server dropped while idle is replaced on the next query; it must not
	// take the process down with an unhandled 'error' event.
	pool.on('error', (error) => console.error('PostgreSQL connection lost:', error.message));
	try {
		await migratePostgres(pool);
	} catch (error) {
		await pool.end();
		if (error instanceof SettingProblem) throw error;
		throw new SettingProblem(
			`the PostgreSQL database in DATABASE_URL could not be opened (${(error as Error).message})`,
			{ cause: error }
		);
	}
	return pool;
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back if it throws. */
export async function inTransaction<T>(
	pool: Pg,
	work: (client: PgClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const result = await work(client);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/**
 * Applies every migration the database has not run, in one transaction under an advisory lock:
 * servers starting together wait for the first, then find nothing left to do.
 */
async function migratePostgres(pool: Pg): Promise<void> {
	await inTransaction(pool, async (client) => {
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
		const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
		if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
		const current = rows[0]?.version ?? 0;
		if (current > postgresMigrations.length) {
			throw new SettingProblem(
				`database schema version ${current} is newer than this app (${postgresMigrations.length}); upgrade Telltale`
			);
		}
		for (let version = current; version < postgresMigrations.length; version++) {
			await client.query(postgresMigrations[version]);
		}
		await client.query('UPDATE schema_version SET version = $1', [postgresMigrations.length]);
	});
}

/** The schema version the database is at, for /healthz. */
export async function postgresSchemaVersion(pool: Pg): Promise<number> {
	const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_version');
	return rows[0]?.version ?? 0;
}
