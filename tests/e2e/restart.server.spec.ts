import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from './support/fixtures';
import { startServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

test('a restart keeps the signing secret and the database contents', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-restart-'));
	const secretFile = path.join(dataDir, 'signing-secret');

	const first = await startServer({ port: SPARE_PORT_BASE, dataDir });
	const secret = readFileSync(secretFile, 'utf8');
	expect(secret.trim()).toMatch(/^[0-9a-f]{64}$/);
	expect(statSync(secretFile).mode & 0o777).toBe(0o600);
	await first.stop();

	// Write a row while the server is down, as data from an earlier class would be.
	const db = new Database(path.join(dataDir, 'telltale.sqlite'));
	const created = db.prepare(`SELECT value FROM app_meta WHERE key = 'created_at'`).get() as {
		value: string;
	};
	// The data migrations ran once, at the first start; the restart finds them done.
	const migrated = db.prepare(`SELECT value FROM app_meta WHERE key = 'data_version'`).get() as {
		value: string;
	};
	expect(Number(migrated.value)).toBeGreaterThan(0);
	db.prepare(`INSERT INTO app_meta (key, value) VALUES ('restart-probe', 'kept')`).run();
	db.close();

	const second = await startServer({ port: SPARE_PORT_BASE, dataDir });
	try {
		expect(readFileSync(secretFile, 'utf8')).toBe(secret);
		const health = await (await fetch(`${second.url}/healthz`)).json();
		expect(health.database.ok).toBe(true);
	} finally {
		await second.stop();
	}
	const reopened = new Database(path.join(dataDir, 'telltale.sqlite'), { readonly: true });
	const rows = reopened.prepare(`SELECT key, value FROM app_meta ORDER BY key`).all();
	reopened.close();
	expect(rows).toEqual([
		{ key: 'created_at', value: created.value },
		{ key: 'data_version', value: migrated.value },
		{ key: 'restart-probe', value: 'kept' }
	]);
});
