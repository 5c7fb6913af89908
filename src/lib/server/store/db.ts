import Database from 'better-sqlite3';
import path from 'node:path';
import { migrations } from './migrations';
import { privateDir, privateFile, tightenIfPresent } from './private-files';
import { SettingProblem } from '../setting-problem';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database in `dir` and applies every migration it has not
 * seen yet, each in its own transaction, tracked by SQLite's `user_version`.
 */
export function openDatabase(dir: string): Db {
	privateDir(dir);
	const file = path.join(dir, 'telltale.sqlite');
	// SQLite creates the -wal and -shm files with the database file's own mode, so a 0600
	// database keeps them private too; files left by an older version are tightened here.
	privateFile(file);
	for (const suffix of ['-wal', '-shm', '-journal']) tightenIfPresent(file + suffix);
	const db = new Database(file);
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
		throw new SettingProblem(
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
