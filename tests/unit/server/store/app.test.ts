import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadSigningSecret } from '$lib/server/store/secret';
import { postgresSkipped } from '../../../support/engines';
import { startPostgres, type ThrowawayPostgres } from '../../../support/postgres';

/**
 * The app's modules afresh with these settings. Under Vite, $env/dynamic/private is an object
 * built when the module loads (not process.env), so the settings are set on that object.
 */
async function appWith(settings: Record<string, string | undefined>) {
	vi.resetModules();
	const { env } = await import('$env/dynamic/private');
	for (const [name, value] of Object.entries(settings)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return import('$lib/server/store/app');
}

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'telltale-app-'));

describe('openApp', () => {
	it('keeps everything in SQLite in DATA_DIR when DATABASE_URL is unset, as ever', async () => {
		const dir = freshDir();
		const { openApp, app } = await appWith({
			DATA_DIR: dir,
			DATABASE_URL: undefined,
			SIGNING_SECRET: undefined
		});
		expect(() => app()).toThrow(/before openApp/);
		const opened = await openApp();
		expect(app()).toBe(opened);
		expect(opened.pg).toBeUndefined();
		expect(opened.stores.runs.constructor.name).toBe('SqliteRunRecords');
		expect(opened.stores.teacherPacks.constructor.name).toBe('SqliteTeacherPackRecords');
		expect(opened.stores.classes.constructor.name).toBe('SqliteClassRecords');
		expect(opened.signingSecret).toEqual(loadSigningSecret(dir));
		opened.db.close();
	});

	it('signs with SIGNING_SECRET when it is set', async () => {
		const hex = '5a'.repeat(32);
		const { openApp } = await appWith({
			DATA_DIR: freshDir(),
			DATABASE_URL: undefined,
			SIGNING_SECRET: hex
		});
		const opened = await openApp();
		expect(opened.signingSecret).toEqual(Uint8Array.from(Buffer.from(hex, 'hex')));
		opened.db.close();
	});

	describe.skipIf(postgresSkipped() !== null)('with DATABASE_URL', () => {
		let server: ThrowawayPostgres | undefined;
		afterAll(() => server?.stop());

		it('keeps runs, teacher packs, class sessions and the signing secret in PostgreSQL, shared by every server', async () => {
			server = await startPostgres();
			const opened = [];
			// Two servers with their own data folders, started one after the other.
			for (let i = 0; i < 2; i++) {
				const { openApp } = await appWith({
					DATA_DIR: freshDir(),
					DATABASE_URL: server.url,
					SIGNING_SECRET: undefined
				});
				opened.push(await openApp());
			}
			for (const context of opened) {
				expect(context.pg).toBeDefined();
				expect(context.stores.runs.constructor.name).toBe('PostgresRunRecords');
				expect(context.stores.teacherPacks.constructor.name).toBe('PostgresTeacherPackRecords');
				expect(context.stores.classes.constructor.name).toBe('PostgresClassRecords');
			}
			expect(opened[1].signingSecret).toEqual(opened[0].signingSecret);
			// Kept in the database only: no data folder holds a key of its own.
			for (const context of opened) {
				expect(existsSync(path.join(context.dataDir, 'signing-secret'))).toBe(false);
			}
			for (const context of opened) {
				await context.pg!.end();
				context.db.close();
			}
		}, 60_000);
	});
});
