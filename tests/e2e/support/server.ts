import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface TestServer {
	url: string;
	/** What the server printed so far. */
	output(): string;
	/** Everything the server wrote to stderr so far. */
	log(): string;
	stop(): Promise<void>;
}

/**
 * Starts the production server (already built by the Playwright web server) as a separate process,
 * for tests that restart the server. Resolves once /healthz answers.
 */
export async function startServer(options: {
	port: number;
	dataDir: string;
	/** More environment for the server, e.g. ADDRESS_HEADER to simulate clients' addresses. */
	env?: Record<string, string>;
	/** The umask the server process starts with (octal, e.g. '022'); the test runner's if unset. */
	umask?: string;
}): Promise<TestServer> {
	const url = `http://127.0.0.1:${options.port}`;
	// `npm start`'s own script (the build is already fresh, so it only serves), with no ORIGIN.
	// With a umask, a shell sets it, then becomes the server (exec), so stopping it stops the server.
	const [command, args] = options.umask
		? ['/bin/sh', ['-c', `umask ${options.umask} && exec "$0" src/start.js`, process.execPath]]
		: [process.execPath, ['src/start.js']];
	const child: ChildProcess = spawn(command, args, {
		env: {
			...process.env,
			PORT: String(options.port),
			DATA_DIR: options.dataDir,
			SHUTDOWN_TIMEOUT: '1',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk) => (stdout += chunk));
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
		output: () => stdout,
		log: () => stderr,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
	};
}
