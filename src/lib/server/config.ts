/**
 * Every setting the app reads from the environment, read here and nowhere else in src/lib and
 * src/routes (README's table lists them). src/server.js, the HTTP server around SvelteKit's
 * handler, reads its own (PORT, HOST, ORIGIN, PROTOCOL_HEADER, SHUTDOWN_TIMEOUT) before the app
 * loads.
 */
import path from 'node:path';
import { env } from '$env/dynamic/private';
// SvelteKit keeps names that start with PUBLIC_ out of the private set.
import { env as publicEnv } from '$env/dynamic/public';
import { ttlDaysSetting } from './store/retention';
import { SettingProblem } from './setting-problem';

/** Where the SQLite file and the signing secret live; created on first start. */
export function dataDir(): string {
	return path.resolve(env.DATA_DIR || 'data');
}

/**
 * DATABASE_URL: a PostgreSQL address (postgres://user:password@host:5432/db) shared by several
 * servers; solo runs, teacher packs and the signing secret then live there. Unset: SQLite in
 * DATA_DIR. Any other scheme stops the server at start-up rather than writing somewhere else.
 */
export function databaseUrl(value = env.DATABASE_URL): string | undefined {
	const url = value?.trim();
	if (!url) return undefined;
	if (!/^postgres(ql)?:\/\//.test(url)) {
		throw new SettingProblem(
			'DATABASE_URL must be a postgres:// address (or unset, for SQLite in DATA_DIR)'
		);
	}
	return url;
}

/**
 * REDIS_URL: a Redis address (redis://host:6379, or rediss:// for TLS) that several servers share
 * for what they must see at once: the rate limits today. Unset: this process alone keeps them in
 * memory. Any other scheme stops the server at start-up.
 */
export function redisUrl(value = env.REDIS_URL): string | undefined {
	const url = value?.trim();
	if (!url) return undefined;
	if (!/^rediss?:\/\//.test(url)) {
		throw new SettingProblem('REDIS_URL must be a redis:// or rediss:// address (or unset)');
	}
	return url;
}

/**
 * INTERNAL_URL: where the other app processes reach this one (http://10.0.0.5:3000), when
 * several share PostgreSQL: a live class session's requests are passed to the process serving
 * it there (class/ownership.ts). Unset: http://127.0.0.1:PORT, right for processes on one
 * machine. Anything but an http(s) address stops the server at start-up.
 */
export function internalUrl(value = env.INTERNAL_URL, port = env.PORT): string {
	const url = value?.trim() || `http://127.0.0.1:${port || 3000}`;
	if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
		throw new SettingProblem('INTERNAL_URL must be an http:// address (or unset)');
	}
	return new URL(url).origin;
}

/**
 * SIGNING_SECRET: the key that signs score links, as 64 hex characters (e.g. from
 * `openssl rand -hex 32`), for servers that must share it without sharing a database. Unset:
 * generated once and kept in the database (PostgreSQL) or in DATA_DIR (SQLite).
 */
export function signingSecretSetting(value = env.SIGNING_SECRET): Uint8Array | undefined {
	const hex = value?.trim();
	if (!hex) return undefined;
	if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
		throw new SettingProblem(
			'SIGNING_SECRET must be 64 hex characters (32 random bytes), or unset'
		);
	}
	return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * The address students' phones should use, when the host's own address is not it (a proxy with
 * another name, a tunnel): the join link and QR code on the host screen then carry it.
 */
export function publicUrl(): string | undefined {
	const value = publicEnv.PUBLIC_URL?.trim();
	if (!value) return undefined;
	try {
		return new URL(value).origin;
	} catch {
		throw new SettingProblem(
			`PUBLIC_URL is not a URL: ${JSON.stringify(value)} (e.g. https://telltale.example.org)`
		);
	}
}

/** PACKS_DIR: the folder of content packs, one folder per pack (default static/packs). */
export function packsDir(): string {
	return path.resolve(env.PACKS_DIR || 'static/packs');
}

const DEFAULT_RUN_TTL_DAYS = 30;

/** RUN_TTL_DAYS: days after it was last played that a solo run's record is deleted (default 30). */
export function runTtlDays(value = env.RUN_TTL_DAYS): number {
	return ttlDaysSetting('RUN_TTL_DAYS', value, DEFAULT_RUN_TTL_DAYS);
}

const DEFAULT_SESSION_TTL_DAYS = 7;

/** SESSION_TTL_DAYS: days after its last activity that a session's data is deleted (default 7). */
export function sessionTtlDays(value = env.SESSION_TTL_DAYS): number {
	return ttlDaysSetting('SESSION_TTL_DAYS', value, DEFAULT_SESSION_TTL_DAYS);
}

const DEFAULT_TEACHER_PACK_TTL_DAYS = 90;

/**
 * TEACHER_PACK_TTL_DAYS: days after it was last edited or played (a run or class session
 * started on it) that a teacher pack, its versions and its media are deleted (default 90).
 */
export function teacherPackTtlDays(value = env.TEACHER_PACK_TTL_DAYS): number {
	return ttlDaysSetting('TEACHER_PACK_TTL_DAYS', value, DEFAULT_TEACHER_PACK_TTL_DAYS);
}

const MB = 1024 * 1024;

/**
 * A size in megabytes (MiB) from the environment, above 0, as bytes; `fallback` when unset. A
 * typo stops the server at start-up.
 */
export function megabytesSetting(
	name: string,
	value: string | undefined,
	fallback: number
): number {
	if (value === undefined || value.trim() === '') return fallback * MB;
	const megabytes = Number(value);
	if (!Number.isFinite(megabytes) || megabytes <= 0) {
		throw new SettingProblem(
			`${name} must be a number of megabytes above 0 (got ${JSON.stringify(value)})`
		);
	}
	return Math.floor(megabytes * MB);
}

/** TEACHER_PACK_MB: the served media one teacher pack may hold, in MB (default 100). */
export function teacherPackQuotaBytes(value = env.TEACHER_PACK_MB): number {
	return megabytesSetting('TEACHER_PACK_MB', value, 100);
}

/** TEACHER_PACKS_MB: the served media all teacher packs on this server may hold, in MB (default 2000). */
export function teacherPacksQuotaBytes(value = env.TEACHER_PACKS_MB): number {
	return megabytesSetting('TEACHER_PACKS_MB', value, 2000);
}

/** ABOUT_CONTACT: who runs this server (an email address or a line of text) for the about page. */
export function aboutContact(): string | null {
	return env.ABOUT_CONTACT?.trim() || null;
}
