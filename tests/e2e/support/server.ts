import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface TestServer {
	url: string;
	stop(): Promise<void>;
}

/**
 * Starts the production build (already built by the Playwright web server) as a separate process,
 * for tests that restart the server. Resolves once /healthz answers.
 */
export async function startServer(options: {
	port: number;
	dataDir: string;
	/** More environment for the server, e.g. ADDRESS_HEADER to simulate clients' addresses. */
	env?: Record<string, string>;
}): Promise<TestServer> {
	const url = `http://127.0.0.1:${options.port}`;
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: options.dataDir,
			SHUTDOWN_TIMEOUT: '1',
			...options.env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));

	for (let attempt = 0; attempt < 200; attempt++) {
		if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
		if (attempt === 199) throw new Error(`server did not answer /healthz: ${stderr}`);
	}

	return {
		url,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
	};
}
