/**
 * What a cluster test's processes, nginx, PostgreSQL and Redis printed, kept with the test's
 * results when it fails (only then): the cluster's folder is removed when it stops
 * (src/cluster/cluster.js), and with it what would say why.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';

/** Attaches every log in the cluster's folder `dir` to the test, if it did not end as expected. */
export async function keepLogsOfFailure(
	dir: string,
	testInfo: Pick<TestInfo, 'status' | 'expectedStatus' | 'attach'>
): Promise<void> {
	if (testInfo.status === testInfo.expectedStatus) return;
	const logs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.log'))
		.sort();
	// Copied into the test's results as they are attached: the folder may go right after.
	for (const name of logs) {
		await testInfo.attach(name, { path: path.join(dir, name), contentType: 'text/plain' });
	}
}
