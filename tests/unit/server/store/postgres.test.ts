import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, postgresSchemaVersion, type Pg } from '$lib/server/store/postgres';
import { postgresMigrations } from '$lib/server/store/postgres-migrations';
import { sharedSigningSecret } from '$lib/server/store/secret';
import { databaseUrl, signingSecretSetting } from '$lib/server/config';
import { startPostgres, type ThrowawayPostgres } from '../../../support/postgres';
import { postgresSkipped } from '../../../support/engines';

describe.skipIf(postgresSkipped() !== null)('PostgreSQL shared by several servers', () => {
	let server: ThrowawayPostgres;
	const pools: Pg[] = [];
	/** A server's connection pool, opened as a starting server opens it (migrations included). */
	const open = async () => {
		const pool = await openPostgres(server.url);
		pools.push(pool);
		return pool;
	};

	beforeAll(async () => {
		server = await startPostgres();
	}, 60_000);
	afterAll(async () => {
		await Promise.all(pools.map((pool) => pool.end()));
		server?.stop();
	});

	it('creates the schema once, however many servers start at the same moment', async () => {
		const started = await Promise.all([open(), open(), open()]);
		for (const pool of started) {
			expect(await postgresSchemaVersion(pool)).toBe(postgresMigrations.length);
		}
		const { rows } = await started[0].query(
			`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`
		);
		expect(rows.map((row) => row.table_name)).toEqual([
			'app_meta',
			'class_owners',
			'class_seats',
			'class_sessions',
			'class_verdicts',
			'run_rounds',
			'run_verdicts',
			'runs',
			'schema_version',
			'teacher_pack_media',
			'teacher_pack_versions',
			'teacher_packs'
		]);
		// A restart finds nothing left to do.
		expect(await postgresSchemaVersion(await open())).toBe(postgresMigrations.length);
	});

	it('refuses a database migrated by a newer version of the app', async () => {
		const pool = await open();
		await pool.query('UPDATE schema_version SET version = version + 1');
		try {
			await expect(openPostgres(server.url)).rejects.toThrow(/newer than this app/);
		} finally {
			await pool.query('UPDATE schema_version SET version = version - 1');
		}
	});

	it('gives every server the signing secret the first one stored', async () => {
		const servers = await Promise.all([open(), open(), open()]);
		const secrets = await Promise.all(servers.map((pool) => sharedSigningSecret(pool)));
		expect(secrets[0]).toHaveLength(32);
		for (const secret of secrets) expect(secret).toEqual(secrets[0]);
		// Restarted, a server reads the same one.
		expect(await sharedSigningSecret(await open())).toEqual(secrets[0]);
	});
});

describe('DATABASE_URL and SIGNING_SECRET', () => {
	it('choose PostgreSQL only for a postgres:// address', () => {
		expect(databaseUrl(undefined)).toBeUndefined();
		expect(databaseUrl(' ')).toBeUndefined();
		expect(databaseUrl('postgres://u:p@db:5432/telltale')).toBe('postgres://u:p@db:5432/telltale');
		expect(databaseUrl('postgresql://db/telltale')).toBe('postgresql://db/telltale');
		expect(() => databaseUrl('mysql://db/telltale')).toThrow(/postgres:\/\//);
		expect(() => databaseUrl('./data/telltale.sqlite')).toThrow(/postgres:\/\//);
	});

	it('take a signing secret of 64 hex characters, and nothing else', () => {
		expect(signingSecretSetting(undefined)).toBeUndefined();
		const hex = 'ab'.repeat(32);
		expect(signingSecretSetting(hex)).toEqual(Uint8Array.from(Buffer.from(hex, 'hex')));
		expect(() => signingSecretSetting('ab'.repeat(16))).toThrow(/64 hex characters/);
		expect(() => signingSecretSetting('zz'.repeat(32))).toThrow(/64 hex characters/);
	});
});
