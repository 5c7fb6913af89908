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
	) STRICT;`,
	// 3: live class sessions, their seats and verdicts, written as they happen so that a restart
	// loses no acknowledged verdict; deleting a session deletes everything in it (cascade).
	`CREATE TABLE class_sessions (
		id TEXT PRIMARY KEY,
		code TEXT NOT NULL UNIQUE,
		host_token_hash TEXT NOT NULL,
		pack_id TEXT NOT NULL,
		pack_version TEXT NOT NULL,
		settings_json TEXT NOT NULL,
		seed INTEGER NOT NULL,
		phase TEXT NOT NULL,
		round INTEGER NOT NULL,
		opened_at INTEGER,
		deadline INTEGER,
		late_join INTEGER NOT NULL,
		created_at INTEGER NOT NULL,
		active_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX class_sessions_active ON class_sessions (active_at);
	CREATE TABLE class_seats (
		session_id TEXT NOT NULL REFERENCES class_sessions (id) ON DELETE CASCADE,
		id TEXT NOT NULL,
		token_hash TEXT NOT NULL,
		nickname TEXT NOT NULL,
		nickname_key TEXT NOT NULL,
		status TEXT NOT NULL,
		joined_at INTEGER NOT NULL,
		PRIMARY KEY (session_id, id),
		UNIQUE (session_id, token_hash)
	) STRICT;
	CREATE UNIQUE INDEX class_seats_nickname ON class_seats (session_id, nickname_key)
		WHERE status = 'active';
	CREATE TABLE class_verdicts (
		session_id TEXT NOT NULL,
		seat_id TEXT NOT NULL,
		round INTEGER NOT NULL,
		answer TEXT NOT NULL,
		confidence REAL NOT NULL,
		response_ms INTEGER NOT NULL,
		correct INTEGER NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (session_id, seat_id, round),
		FOREIGN KEY (session_id, seat_id) REFERENCES class_seats (session_id, id) ON DELETE CASCADE
	) STRICT;`,
	// 4: solo runs expire RUN_TTL_DAYS after they were last played, as class sessions do: a run's
	// last activity (start, a round served, a verdict) in ms, filled in for runs played before.
	// The default only satisfies ADD COLUMN; every run written from here on sets it.
	`ALTER TABLE runs ADD COLUMN active_at INTEGER NOT NULL DEFAULT 0;
	UPDATE runs SET active_at = max(
		CAST(round(unixepoch(created_at, 'subsec') * 1000) AS INTEGER),
		coalesce((SELECT max(served_at) FROM run_rounds WHERE run_id = runs.id), 0),
		coalesce(
			(SELECT CAST(round(unixepoch(max(created_at), 'subsec') * 1000) AS INTEGER)
			 FROM run_verdicts WHERE run_id = runs.id),
			0
		)
	);
	CREATE INDEX runs_active ON runs (active_at);`,
	// 5: teacher packs. A pack's draft is what its editor holds; each version a run or class
	// session played is kept as the manifest it played (a new version only when the draft changed
	// since the last one played), so score links and reports rebuild the rounds they were made of.
	// The editor secret is kept as its SHA-256 only, like a host token. Media files live in
	// DATA_DIR/teacher-media, named by content; a row per pack and file counts them for quotas
	// and deletes a file when no pack holds it any more.
	`CREATE TABLE teacher_packs (
		id TEXT PRIMARY KEY,
		editor_hash TEXT NOT NULL UNIQUE,
		draft_json TEXT NOT NULL,
		version INTEGER NOT NULL,
		created_at INTEGER NOT NULL,
		active_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX teacher_packs_active ON teacher_packs (active_at);
	CREATE TABLE teacher_pack_versions (
		pack_id TEXT NOT NULL REFERENCES teacher_packs (id) ON DELETE CASCADE,
		version INTEGER NOT NULL,
		manifest_json TEXT NOT NULL,
		published_at INTEGER NOT NULL,
		PRIMARY KEY (pack_id, version)
	) STRICT;
	CREATE TABLE teacher_pack_media (
		pack_id TEXT NOT NULL REFERENCES teacher_packs (id) ON DELETE CASCADE,
		file TEXT NOT NULL,
		bytes INTEGER NOT NULL,
		PRIMARY KEY (pack_id, file)
	) STRICT;
	CREATE INDEX teacher_pack_media_file ON teacher_pack_media (file);`
];
