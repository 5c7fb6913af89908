import { databaseUrl, dataDir, redisUrl, signingSecretSetting } from '../config';
import { openDatabase, type Db } from './db';
import { openPostgres, type Pg } from './postgres';
import { openRedis, type Redis } from './redis';
import { loadSigningSecret, sharedSigningSecret } from './secret';
import { SqliteRunRecords, type RunRecords } from '../play/store';
import { PostgresRunRecords } from '../play/store-postgres';
import { SqliteTeacherPackRecords, type TeacherPackRecords } from '../packs/teacher/records';
import { PostgresTeacherPackRecords } from '../packs/teacher/records-postgres';
import { SqliteClassRecords, type ClassRecords } from '../class/store';
import { PostgresClassRecords } from '../class/store-postgres';

/** The records several servers can share, in SQLite or in PostgreSQL (DATABASE_URL). */
export interface Stores {
	runs: RunRecords;
	teacherPacks: TeacherPackRecords;
	classes: ClassRecords;
}

/** Process-wide infrastructure: database handles and one signing key. Never per-user state. */
export interface AppContext {
	/** SQLite in DATA_DIR: the stores when DATABASE_URL is unset. */
	db: Db;
	/** PostgreSQL, when DATABASE_URL is set. */
	pg: Pg | undefined;
	/** Redis, when REDIS_URL is set: what several servers must see at once. */
	redis: Redis | undefined;
	stores: Stores;
	signingSecret: Uint8Array;
	dataDir: string;
}

let context: AppContext | undefined;
let opening: Promise<AppContext> | undefined;

/**
 * Opens the databases and the signing key, once per process (hooks.server.ts's init, before any
 * request): SQLite in DATA_DIR, and PostgreSQL with its migrations when DATABASE_URL is set.
 * Redis is connected when REDIS_URL is set. The key is SIGNING_SECRET when set, else the one
 * kept in the database or DATA_DIR.
 */
export function openApp(): Promise<AppContext> {
	opening ??= open().then((opened) => (context = opened));
	return opening;
}

async function open(): Promise<AppContext> {
	const dir = dataDir();
	const db = openDatabase(dir);
	db.prepare(`INSERT OR IGNORE INTO app_meta (key, value) VALUES ('created_at', ?)`).run(
		new Date().toISOString()
	);
	const url = databaseUrl();
	const pg = url ? await openPostgres(url) : undefined;
	const redisAddress = redisUrl();
	const redis = redisAddress ? await openRedis(redisAddress) : undefined;
	const stores: Stores = pg
		? {
				runs: new PostgresRunRecords(pg),
				teacherPacks: new PostgresTeacherPackRecords(pg),
				classes: new PostgresClassRecords(pg)
			}
		: {
				runs: new SqliteRunRecords(db),
				teacherPacks: new SqliteTeacherPackRecords(db),
				classes: new SqliteClassRecords(db)
			};
	const signingSecret =
		signingSecretSetting() ?? (pg ? await sharedSigningSecret(pg) : loadSigningSecret(dir));
	return { db, pg, redis, stores, signingSecret, dataDir: dir };
}

/** The context openApp opened; using the app before start-up has opened it is a bug. */
export function app(): AppContext {
	if (!context) throw new Error('the app is used before openApp() has opened its databases');
	return context;
}
