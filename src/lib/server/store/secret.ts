import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { privateDir, tightenIfPresent, writePrivateFile } from './private-files';

const SECRET_FILE = 'signing-secret';
const SECRET_BYTES = 32;

/**
 * The key that signs score links. Generated once per data directory and kept (mode 0600),
 * so links stay verifiable across restarts without any configuration.
 */
export function loadSigningSecret(dir: string): Uint8Array {
	const file = path.join(dir, SECRET_FILE);
	privateDir(dir);
	tightenIfPresent(file);
	try {
		const hex = readFileSync(file, 'utf8').trim();
		if (/^[0-9a-f]{64}$/.test(hex)) return Uint8Array.from(Buffer.from(hex, 'hex'));
		throw new Error(`${file} is not 64 hex characters; delete it to generate a new secret`);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const secret = randomBytes(SECRET_BYTES);
	// 'wx' refuses to overwrite a secret that another process wrote in the meantime.
	try {
		writePrivateFile(file, secret.toString('hex') + '\n', 'wx');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningSecret(dir);
		throw error;
	}
	return Uint8Array.from(secret);
}
