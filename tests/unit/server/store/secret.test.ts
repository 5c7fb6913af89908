import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningSecret } from '$lib/server/store/secret';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'telltale-secret-'));

describe('loadSigningSecret', () => {
	it('creates a 32-byte secret readable only by its owner', () => {
		const dir = freshDir();
		const secret = loadSigningSecret(dir);
		expect(secret).toHaveLength(32);
		expect(statSync(path.join(dir, 'signing-secret')).mode & 0o777).toBe(0o600);
	});

	it('returns the same secret on every later call', () => {
		const dir = freshDir();
		const first = loadSigningSecret(dir);
		expect(loadSigningSecret(dir)).toEqual(first);
	});

	it('gives different data directories different secrets', () => {
		expect(loadSigningSecret(freshDir())).not.toEqual(loadSigningSecret(freshDir()));
	});

	it('refuses a damaged secret file instead of silently replacing it', () => {
		const dir = freshDir();
		writeFileSync(path.join(dir, 'signing-secret'), 'not hex');
		expect(() => loadSigningSecret(dir)).toThrow(/64 hex characters/);
		expect(readFileSync(path.join(dir, 'signing-secret'), 'utf8')).toBe('not hex');
	});
});
