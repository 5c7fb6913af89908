/**
 * The database schema, one entry per version. Append only: a shipped migration never changes,
 * because databases in the field have already run it.
 */
export const migrations: readonly string[] = [
	// 1: bookkeeping that every later feature can rely on.
	`CREATE TABLE app_meta (
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) STRICT;`,
	// 2: solo runs. A run is rebuilt from (pack, version, options); the server keeps when it first
	// served each round, so response times are measured here and never taken from the browser.
	`CREATE TABLE runs (
		id TEXT PRIMARY KEY,
		pack_id TEXT NOT NULL,
		pack_version TEXT NOT NULL,
		options_json TEXT NOT NULL,
		seed INTEGER NOT NULL,
		challenge_of TEXT,
		created_at TEXT NOT NULL,
		finished_at TEXT
	) STRICT;
	CREATE INDEX runs_challenge_of ON runs (challenge_of) WHERE challenge_of IS NOT NULL;
	CREATE TABLE run_rounds (
		run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		round INTEGER NOT NULL,
		served_at INTEGER NOT NULL,
		PRIMARY KEY (run_id, round)
	) STRICT;
	CREATE TABLE run_verdicts (
		run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		round INTEGER NOT NULL,
		answer TEXT NOT NULL,
		confidence REAL NOT NULL,
		response_ms INTEGER NOT NULL,
		correct INTEGER NOT NULL,
		created_at TEXT NOT NULL,
		PRIMARY KEY (run_id, round)
	) STRICT;`
];
