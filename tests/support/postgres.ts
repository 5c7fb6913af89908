/**
 * A throwaway PostgreSQL server for tests, in a temporary folder on a free port: the cluster's
 * own (src/cluster/services.js), deleted with its folder when stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, throwawayPostgres } from '../../src/cluster/services.js';

export { postgresUnavailable } from '../../src/cluster/services.js';

export interface ThrowawayPostgres {
	/** postgres://postgres@127.0.0.1:<port>/postgres */
	url: string;
	/** Stops the server at once and deletes its folder. */
	stop(): void;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-pg-'));
	const server = throwawayPostgres(await freePort(), dir);
	return {
		url: server.url,
		stop() {
			server.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
