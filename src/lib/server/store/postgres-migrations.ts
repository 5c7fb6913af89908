/**
 * The PostgreSQL schema, one entry per version, as migrations.ts is SQLite's. Append only: a
 * shipped migration never changes, because databases in the field have already run it. It holds
 * what several servers share (solo runs, teacher packs, class sessions, the signing secret).
 * Times are ms since the epoch (bigint) except the ISO strings
 * runs carry as they are shown; the tables mean what their SQLite namesakes mean.
 */
export const postgresMigrations: readonly string[] = [
	// 1: bookkeeping, solo runs and teacher packs, as SQLite's migrations 1, 2, 4 and 5 left them.
	`CREATE TABLE app_meta (
		key text PRIMARY KEY,
		value text NOT NULL
	);
	CREATE TABLE runs (
		id text PRIMARY KEY,
		pack_id text NOT NULL,
		pack_version text NOT NULL,
		options_json text NOT NULL,
		seed bigint NOT NULL,
		challenge_of text,
		created_at text NOT NULL,
		finished_at text,
		active_at bigint NOT NULL
	);
	CREATE INDEX runs_challenge_of ON runs (challenge_of) WHERE challenge_of IS NOT NULL;
	CREATE INDEX runs_active ON runs (active_at);
	CREATE TABLE run_rounds (
		run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		round integer NOT NULL,
		served_at bigint NOT NULL,
		PRIMARY KEY (run_id, round)
	);
	CREATE TABLE run_verdicts (
		run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		round integer NOT NULL,
		answer text NOT NULL,
		confidence double precision NOT NULL,
		response_ms integer NOT NULL,
		correct boolean NOT NULL,
		created_at text NOT NULL,
		PRIMARY KEY (run_id, round)
	);
	CREATE TABLE teacher_packs (
		id text PRIMARY KEY,
		editor_hash text NOT NULL UNIQUE,
		draft_json text NOT NULL,
		version integer NOT NULL,
		created_at bigint NOT NULL,
		active_at bigint NOT NULL
	);
	CREATE INDEX teacher_packs_active ON teacher_packs (active_at);
	CREATE TABLE teacher_pack_versions (
		pack_id text NOT NULL REFERENCES teacher_packs (id) ON DELETE CASCADE,
		version integer NOT NULL,
		manifest_json text NOT NULL,
		published_at bigint NOT NULL,
		PRIMARY KEY (pack_id, version)
	);
	CREATE TABLE teacher_pack_media (
		pack_id text NOT NULL REFERENCES teacher_packs (id) ON DELETE CASCADE,
		file text NOT NULL,
		bytes bigint NOT NULL,
		PRIMARY KEY (pack_id, file)
	);
	CREATE INDEX teacher_pack_media_file ON teacher_pack_media (file);`,
	// 2: live class sessions, their seats and verdicts, as SQLite's migration 3 left them (with
	// the round plan's tell categories its data migration adds: every session here has them).
	`CREATE TABLE class_sessions (
		id text PRIMARY KEY,
		code text NOT NULL UNIQUE,
		host_token_hash text NOT NULL,
		pack_id text NOT NULL,
		pack_version text NOT NULL,
		settings_json text NOT NULL,
		seed bigint NOT NULL,
		phase text NOT NULL,
		round integer NOT NULL,
		opened_at bigint,
		deadline bigint,
		late_join boolean NOT NULL,
		created_at bigint NOT NULL,
		active_at bigint NOT NULL
	);
	CREATE INDEX class_sessions_active ON class_sessions (active_at);
	CREATE TABLE class_seats (
		session_id text NOT NULL REFERENCES class_sessions (id) ON DELETE CASCADE,
		id text NOT NULL,
		token_hash text NOT NULL,
		nickname text NOT NULL,
		nickname_key text NOT NULL,
		status text NOT NULL,
		joined_at bigint NOT NULL,
		PRIMARY KEY (session_id, id),
		UNIQUE (session_id, token_hash)
	);
	CREATE UNIQUE INDEX class_seats_nickname ON class_seats (session_id, nickname_key)
		WHERE status = 'active';
	CREATE TABLE class_verdicts (
		session_id text NOT NULL,
		seat_id text NOT NULL,
		round integer NOT NULL,
		answer text NOT NULL,
		confidence double precision NOT NULL,
		response_ms integer NOT NULL,
		correct boolean NOT NULL,
		created_at bigint NOT NULL,
		PRIMARY KEY (session_id, seat_id, round),
		FOREIGN KEY (session_id, seat_id) REFERENCES class_seats (session_id, id) ON DELETE CASCADE
	);`,
	// 2: each live class session's lease (class/ownership.ts): the process serving it, where the
	// others reach it, until when, and the epoch its writes are fenced with.
	`CREATE TABLE class_owners (
		session_id text PRIMARY KEY REFERENCES class_sessions (id) ON DELETE CASCADE,
		epoch integer NOT NULL,
		holder text NOT NULL,
		url text NOT NULL,
		until bigint NOT NULL
	);`
];
