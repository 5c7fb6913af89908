import path from 'node:path';
import { env } from '$env/dynamic/private';
// SvelteKit keeps names that start with PUBLIC_ out of the private set.
import { env as publicEnv } from '$env/dynamic/public';

/** Where the SQLite file and the signing secret live; created on first start. */
export function dataDir(): string {
	return path.resolve(env.DATA_DIR || 'data');
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
		throw new Error(
			`PUBLIC_URL is not a URL: ${JSON.stringify(value)} (e.g. https://telltale.example.org)`
		);
	}
}
