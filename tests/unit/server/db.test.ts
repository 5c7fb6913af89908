import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '$lib/server/db';
import { migrations } from '$lib/server/migrations';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'telltale-db-'));

describe('openDatabase', () => {
	it('applies every migration and records the schema version', () => {
		const db = openDatabase(freshDir());
		expect(schemaVersion(db)).toBe(migrations.length);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		db.close();
	});

	it('keeps data and does not re-run migrations when reopened', () => {
		const dir = freshDir();
		const db = openDatabase(dir);
		db.prepare(`INSERT INTO app_meta (key, value) VALUES ('probe', 'kept')`).run();
		db.close();
		const again = openDatabase(dir);
		expect(again.prepare(`SELECT value FROM app_meta WHERE key = 'probe'`).get()).toEqual({
			value: 'kept'
		});
		expect(schemaVersion(again)).toBe(migrations.length);
		again.close();
	});

	it('refuses a database from a newer version of the app', () => {
		const dir = freshDir();
		const raw = new Database(path.join(dir, 'telltale.sqlite'));
		raw.pragma(`user_version = ${migrations.length + 1}`);
		raw.close();
		expect(() => openDatabase(dir)).toThrow(/newer than this app/);
	});
});
