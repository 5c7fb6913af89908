/**
 * The database schema, one entry per version. Append only: a shipped migration never changes,
 * because databases in the field have already run it.
 */
export const migrations: readonly string[] = [
	// 1: bookkeeping that every later feature can rely on.
	`CREATE TABLE app_meta (
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) STRICT;`
];
