/**
 * Contract tests of the stores run on both engines: SQLite always, PostgreSQL when a throwaway
 * server can start here (tests/support/postgres.ts). On CI PostgreSQL is installed, so its tests
 * never skip there: a server that cannot start fails them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type Db } from '$lib/server/store/db';
import { openPostgres, type Pg } from '$lib/server/store/postgres';
import { SqliteRunRecords } from '$lib/server/play/store';
import { PostgresRunRecords } from '$lib/server/play/store-postgres';
import { SqliteTeacherPackRecords } from '$lib/server/packs/teacher/records';
import { PostgresTeacherPackRecords } from '$lib/server/packs/teacher/records-postgres';
import { SqliteClassRecords } from '$lib/server/class/store';
import { PostgresClassRecords } from '$lib/server/class/store-postgres';
import type { Stores } from '$lib/server/store/app';
import { postgresUnavailable, startPostgres, type ThrowawayPostgres } from './postgres';

export type EngineName = 'sqlite' | 'postgres';

/** One engine's stores, emptied before each test, and a look at its rows. */
export interface Engine {
	name: EngineName;
	stores: Stores;
	/** How many rows of `table` have `column` = `value` (every row when no column is given). */
	count(table: string, column?: string, value?: unknown): Promise<number>;
	/** The row of `table` with `column` = `value`. */
	row(table: string, column: string, value: unknown): Promise<Record<string, unknown> | undefined>;
	/** A fresh SQLite database (the stores' on that engine). */
	db: Db;
	/** PostgreSQL's pool, on that engine. */
	pg?: Pg;
}

const TABLES = [
	'runs',
	'run_rounds',
	'run_verdicts',
	'teacher_packs',
	'teacher_pack_versions',
	'teacher_pack_media',
	'class_sessions',
	'class_seats',
	'class_verdicts',
	'app_meta'
];

/** Why PostgreSQL's tests skip here, or null when they run (always on CI). */
export function postgresSkipped(): string | null {
	return process.env.CI ? null : postgresUnavailable();
}

/**
 * Declares `suite` once per engine (`title on sqlite`, `title on postgres`); `engine()` gives
 * the current test's engine. PostgreSQL's server starts once per file.
 */
export function describeOnEngines(title: string, suite: (engine: () => Engine) => void): void {
	for (const name of ['sqlite', 'postgres'] as const) {
		const skipped = name === 'postgres' ? postgresSkipped() : null;
		describe.skipIf(skipped !== null)(`${title} on ${name}`, () => {
			let server: ThrowawayPostgres | undefined;
			let pg: Pg | undefined;
			let current: Engine;

			if (name === 'postgres') {
				beforeAll(async () => {
					server = await startPostgres();
					pg = await openPostgres(server.url);
				}, 60_000);
				afterAll(async () => {
					await pg?.end();
					server?.stop();
				});
			}

			beforeEach(async () => {
				const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'telltale-engine-')));
				if (name === 'sqlite') {
					current = {
						name,
						db,
						stores: {
							runs: new SqliteRunRecords(db),
							teacherPacks: new SqliteTeacherPackRecords(db),
							classes: new SqliteClassRecords(db)
						},
						count: async (table, column, value) =>
							(
								db
									.prepare(
										`SELECT count(*) AS n FROM ${table}${column ? ` WHERE ${column} = ?` : ''}`
									)
									.get(...(column ? [value] : [])) as { n: number }
							).n,
						row: async (table, column, value) =>
							db.prepare(`SELECT * FROM ${table} WHERE ${column} = ?`).get(value) as
								Record<string, unknown> | undefined
					};
					return;
				}
				await pg!.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
				current = {
					name,
					db,
					pg,
					stores: {
						runs: new PostgresRunRecords(pg!),
						teacherPacks: new PostgresTeacherPackRecords(pg!),
						classes: new PostgresClassRecords(pg!)
					},
					count: async (table, column, value) => {
						const { rows } = await pg!.query<{ n: number }>(
							`SELECT count(*) AS n FROM ${table}${column ? ` WHERE ${column} = $1` : ''}`,
							column ? [value] : []
						);
						return rows[0].n;
					},
					row: async (table, column, value) => {
						const { rows } = await pg!.query(`SELECT * FROM ${table} WHERE ${column} = $1`, [
							value
						]);
						return rows[0];
					}
				};
			});

			afterEach(() => current.db.close());

			suite(() => current);
		});
	}
}
