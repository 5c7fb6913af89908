import { dataDir } from '../config';
import { openDatabase, type Db } from './db';
import { loadSigningSecret } from './secret';

/** Process-wide infrastructure: one database handle and one signing key. Never per-user state. */
export interface AppContext {
	db: Db;
	signingSecret: Uint8Array;
	dataDir: string;
}

let context: AppContext | undefined;

/** Opens the data directory on first use; every later call returns the same context. */
export function app(): AppContext {
	if (!context) {
		const dir = dataDir();
		const db = openDatabase(dir);
		db.prepare(`INSERT OR IGNORE INTO app_meta (key, value) VALUES ('created_at', ?)`).run(
			new Date().toISOString()
		);
		context = { db, signingSecret: loadSigningSecret(dir), dataDir: dir };
	}
	return context;
}
