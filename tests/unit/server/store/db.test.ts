import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '$lib/server/store/db';
import { migrations } from '$lib/server/store/migrations';

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

	it('dates the last activity of runs played before runs could expire (migration 4)', () => {
		const dir = freshDir();
		const old = new Database(path.join(dir, 'telltale.sqlite'));
		for (const migration of migrations.slice(0, 3)) old.exec(migration);
		old.pragma('user_version = 3');
		const insertRun = old.prepare(
			`INSERT INTO runs (id, pack_id, pack_version, options_json, seed, created_at)
			 VALUES (?, 'default', '1.0.0', '{}', 1, ?)`
		);
		const serve = old.prepare(`INSERT INTO run_rounds (run_id, round, served_at) VALUES (?, ?, ?)`);
		const answer = old.prepare(
			`INSERT INTO run_verdicts (run_id, round, answer, confidence, response_ms, correct, created_at)
			 VALUES (?, ?, 'left', 0.5, 0, 1, ?)`
		);
		insertRun.run('started', '2026-03-01T10:00:00.000Z');
		insertRun.run('played', '2026-03-01T10:00:00.000Z');
		serve.run('played', 0, Date.parse('2026-03-01T10:00:05.000Z'));
		answer.run('played', 0, '2026-03-01T10:00:09.250Z');
		serve.run('played', 1, Date.parse('2026-03-02T09:00:00.000Z'));
		// The last verdict is the latest activity (it comes after its round was served).
		answer.run('played', 1, '2026-03-02T09:00:07.125Z');
		// A round opened and left unanswered counts too.
		insertRun.run('opened', '2026-03-01T10:00:00.000Z');
		serve.run('opened', 0, Date.parse('2026-03-05T08:30:00.500Z'));
		old.close();

		const db = openDatabase(dir);
		expect(db.prepare(`SELECT id, active_at FROM runs ORDER BY id`).all()).toEqual([
			{ id: 'opened', active_at: Date.parse('2026-03-05T08:30:00.500Z') },
			{ id: 'played', active_at: Date.parse('2026-03-02T09:00:07.125Z') },
			{ id: 'started', active_at: Date.parse('2026-03-01T10:00:00.000Z') }
		]);
		db.close();
	});
});
