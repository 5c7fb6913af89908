/**
 * The data directory is private to the user the server runs as: folders 0700, files 0600,
 * whatever the umask. Modes are set with chmod after creating, because the umask applies to the
 * mode given at creation, and an older data directory made with looser modes is tightened.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) if needed and makes it 0700. */
export function privateDir(dir: string): void {
	mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
	chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty if it does not exist, and makes it 0600 either way. */
export function privateFile(file: string): void {
	closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
	chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes `file` 0600 if it exists. */
export function tightenIfPresent(file: string): void {
	if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Writes `bytes` to a new or replaced file that is 0600 from its first byte. */
export function writePrivateFile(
	file: string,
	bytes: string | Uint8Array,
	flag: 'w' | 'wx' = 'w'
): void {
	writeFileSync(file, bytes, { mode: PRIVATE_FILE_MODE, flag });
	chmodSync(file, PRIVATE_FILE_MODE);
}
