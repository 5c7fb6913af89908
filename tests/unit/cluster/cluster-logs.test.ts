/**
 * A failed cluster test keeps what its processes printed (tests/e2e/support/cluster-logs.ts):
 * every log of the cluster's folder, nested ones too, is attached to the test's results, and a
 * test that passed attaches nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { keepLogsOfFailure } from '../../e2e/support/cluster-logs';

let dir: string;

beforeEach(() => {
	// As src/cluster/cluster.js leaves its folder: logs beside data and nginx's own files.
	dir = mkdtempSync(path.join(tmpdir(), 'telltale-cluster-logs-'));
	for (const name of ['app-1.log', 'app-2.log', 'nginx-access.log', 'nginx-error.log']) {
		writeFileSync(path.join(dir, name), `${name}\n`);
	}
	mkdirSync(path.join(dir, 'postgres'));
	writeFileSync(path.join(dir, 'postgres', 'server.log'), 'server.log\n');
	writeFileSync(path.join(dir, 'telltale-site.conf'), 'server {}\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A test's info as Playwright gives it to a fixture, noting what is attached. */
function testInfo(status: TestInfo['status'], expectedStatus: TestInfo['expectedStatus']) {
	const attached: Array<{ name: string; path?: string; contentType?: string }> = [];
	return {
		attached,
		info: {
			status,
			expectedStatus,
			attach: async (name: string, options: { path?: string; contentType?: string } = {}) => {
				attached.push({ name, ...options });
			}
		}
	};
}

it('attaches every log of the cluster when the test failed or timed out', async () => {
	for (const status of ['failed', 'timedOut'] as const) {
		const { attached, info } = testInfo(status, 'passed');
		await keepLogsOfFailure(dir, info);
		expect(attached.map((one) => one.name)).toEqual([
			'app-1.log',
			'app-2.log',
			'nginx-access.log',
			'nginx-error.log',
			path.join('postgres', 'server.log')
		]);
		expect(attached[0]).toEqual({
			name: 'app-1.log',
			path: path.join(dir, 'app-1.log'),
			contentType: 'text/plain'
		});
	}
});

it('attaches nothing when the test ended as expected', async () => {
	const { attached, info } = testInfo('passed', 'passed');
	await keepLogsOfFailure(dir, info);
	expect(attached).toEqual([]);
});
