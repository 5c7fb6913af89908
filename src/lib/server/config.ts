import path from 'node:path';
import { env } from '$env/dynamic/private';

/** Where the SQLite file and the signing secret live; created on first start. */
export function dataDir(): string {
	return path.resolve(env.DATA_DIR || 'data');
}
