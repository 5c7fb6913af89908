import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/store/db';
import { loadSigningSecret } from '$lib/server/store/secret';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the data directory under umask 022', () => {
	let before: number;
	beforeEach(() => {
		before = process.umask(0o022);
	});
	afterEach(() => {
		process.umask(before);
	});

	it('is created 0700 with every file in it 0600, the SQLite -wal and -shm included', () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'telltale-private-')), 'data');
		const db = openDatabase(dir);
		db.prepare(`INSERT INTO app_meta (key, value) VALUES ('probe', 'x')`).run();
		loadSigningSecret(dir);
		const files = readdirSync(dir);
		expect(files).toEqual(
			expect.arrayContaining([
				'telltale.sqlite',
				'telltale.sqlite-wal',
				'telltale.sqlite-shm',
				'signing-secret'
			])
		);
		expect(mode(dir)).toBe(0o700);
		for (const file of files) expect([file, mode(path.join(dir, file))]).toEqual([file, 0o600]);
		db.close();
	});

	it('tightens a data directory an older version left readable by everyone', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'telltale-private-'));
		chmodSync(dir, 0o755);
		for (const file of ['telltale.sqlite', 'signing-secret']) {
			writeFileSync(path.join(dir, file), '');
			chmodSync(path.join(dir, file), 0o644);
		}
		writeFileSync(path.join(dir, 'signing-secret'), 'ab'.repeat(32) + '\n');
		openDatabase(dir).close();
		loadSigningSecret(dir);
		expect(mode(dir)).toBe(0o700);
		expect(mode(path.join(dir, 'telltale.sqlite'))).toBe(0o600);
		expect(mode(path.join(dir, 'signing-secret'))).toBe(0o600);
	});

	it('makes missing parent folders private too', () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'telltale-private-')), 'a', 'b');
		openDatabase(dir).close();
		expect(mode(path.dirname(dir))).toBe(0o700);
		expect(mode(dir)).toBe(0o700);
	});
});
