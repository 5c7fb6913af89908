/**
 * The files README gives for running several servers for real (src/cluster/): the systemd unit
 * is one systemd accepts, and every setting they and README's settings file give the app is one
 * README's settings table documents (the app reads no other), so a misspelt setting, which the
 * app would silently ignore, fails here instead. Docker cannot run here, so the compose file is
 * read, not started.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The settings README's table documents (its first column, one or two names a row). */
function documentedSettings(): Set<string> {
	const rows = read('README.md').match(/^\| `[A-Z_]+`.*$/gm) ?? [];
	return new Set(
		rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]))
	);
}

/** The names set by `NAME=value` lines or words. */
function assigned(text: string): string[] {
	return [...text.matchAll(/(?:^|\s)([A-Z][A-Z_]+)=/gm)].map((match) => match[1]);
}

const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('the files for running several servers', () => {
	it.skipIf(!systemdAnalyze)('include a systemd unit that systemd accepts', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'telltale-unit-'));
		try {
			// An instance of the template, as `systemctl enable telltale@3001` makes it.
			const unit = path.join(dir, 'telltale@3001.service');
			copyFileSync(path.join(root, 'src/cluster/telltale@.service'), unit);
			const verified = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
			expect(verified.stderr.trim()).toBe('');
			expect(verified.status).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('give the app only settings README documents', () => {
		const documented = documentedSettings();
		expect(documented).toContain('REDIS_URL');
		const compose = parse(read('src/cluster/compose.yaml'));
		const app = compose.services.app;
		const unit = read('src/cluster/telltale@.service');
		const environmentLines = unit.match(/^Environment=.*$/gm) ?? [];
		const readmeEnvFile = /```sh\n(DATABASE_URL=[\s\S]*?)```/.exec(read('README.md'))?.[1] ?? '';
		const given = {
			'compose.yaml': [...Object.keys(app.environment), ...assigned(app.command)],
			'telltale@.service': environmentLines.flatMap(assigned),
			"README's /etc/telltale/env": assigned(readmeEnvFile)
		};
		for (const [file, settings] of Object.entries(given)) {
			expect(settings.length, file).toBeGreaterThan(0);
			expect(
				settings.filter((name) => !documented.has(name)),
				file
			).toEqual([]);
		}
		// The services the app's settings name are the compose file's own.
		expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
		expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
		expect(Object.keys(compose.services)).toEqual(
			expect.arrayContaining(['app', 'nginx', 'postgres', 'redis'])
		);
	});
});
