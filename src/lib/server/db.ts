import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database in `dir` and applies every migration it has not
 * seen yet, each in its own transaction, tracked by SQLite's `user_version`.
 */
export function openDatabase(dir: string): Db {
	mkdirSync(dir, { recursive: true });
	const db = new Database(path.join(dir, 'telltale.sqlite'));
	db.pragma('journal_mode = WAL');
	// NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	return db;
}

function migrate(db: Db): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	if (current > migrations.length) {
		throw new Error(
			`database schema version ${current} is newer than this app (${migrations.length}); upgrade Telltale`
		);
	}
	for (let version = current; version < migrations.length; version++) {
		db.transaction(() => {
			db.exec(migrations[version]);
			db.pragma(`user_version = ${version + 1}`);
		})();
	}
}

/** The schema version the database is at, for /healthz. */
export function schemaVersion(db: Db): number {
	return db.pragma('user_version', { simple: true }) as number;
}
