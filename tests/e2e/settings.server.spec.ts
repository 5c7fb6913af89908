import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { startServer, type TestServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

/**
 * The settings README names, each in the situation README names it for: none on a newcomer's
 * computer, ORIGIN or the trusted proxy headers behind a TLS proxy, PUBLIC_URL when phones reach
 * the server by another name.
 */

const servers: TestServer[] = [];
test.afterEach(async () => {
	for (const server of servers.splice(0)) await server.stop();
});

async function serve(offset: number, env: Record<string, string> = {}) {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-settings-'));
	const server = await startServer({ port: SPARE_PORT_BASE + offset, dataDir, env });
	servers.push(server);
	return server;
}

/** A form post as a browser on `origin` sends it, without following the answer's redirect. */
const post = (url: string, origin: string, headers: Record<string, string> = {}) =>
	fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: 'mode=pairs&count=10&difficulty=any'
	});

test('with no settings: plain http works, says where to go, and sends no HSTS', async () => {
	const server = await serve(30);
	const port = new URL(server.url).port;
	expect(server.output()).toMatch(new RegExp(`Telltale is ready: http://localhost:${port}\\b`));
	for (const file of ['/', '/favicon.png', '/manifest.webmanifest']) {
		const response = await fetch(server.url + file);
		expect(response.status, file).toBe(200);
		expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
		expect(response.headers.get('cross-origin-resource-policy'), file).toBe('same-origin');
		expect(response.headers.get('strict-transport-security'), file).toBeNull();
	}
	expect((await post(`${server.url}/play?/start`, server.url)).status).toBe(303);
	expect((await post(`${server.url}/play?/start`, 'http://evil.example')).status).toBe(403);
});

test('behind a TLS proxy with ORIGIN: forms from that origin work, and every response sends HSTS', async () => {
	const origin = 'https://telltale.example.org';
	const server = await serve(31, { ORIGIN: origin });
	for (const file of ['/', '/favicon.png']) {
		const response = await fetch(server.url + file);
		expect(response.headers.get('strict-transport-security'), file).toMatch(/max-age=\d{7,}/);
	}
	expect((await post(`${server.url}/play?/start`, origin)).status).toBe(303);
	expect((await post(`${server.url}/play?/start`, server.url)).status).toBe(403);
	expect(server.output()).toContain(origin);
});

test('behind a TLS proxy with trusted headers: the proxy says https, the server believes it', async () => {
	const server = await serve(32, {
		PROTOCOL_HEADER: 'x-forwarded-proto',
		HOST_HEADER: 'x-forwarded-host'
	});
	const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'class.example.org' };
	const page = await fetch(server.url + '/favicon.png', { headers: proxied });
	expect(page.headers.get('strict-transport-security')).toMatch(/max-age=/);
	const plain = await fetch(server.url + '/favicon.png', {
		headers: { ...proxied, 'x-forwarded-proto': 'http' }
	});
	expect(plain.headers.get('strict-transport-security')).toBeNull();
	expect(
		(await post(`${server.url}/play?/start`, 'https://class.example.org', proxied)).status
	).toBe(303);
	expect((await post(`${server.url}/play?/start`, 'https://evil.example', proxied)).status).toBe(
		403
	);
});

test('PUBLIC_URL: the host screen gives phones that address', async ({ browser }) => {
	const server = await serve(33, { PUBLIC_URL: 'https://class.example.org/' });
	const context = await browser.newContext({ baseURL: server.url });
	const host = await context.newPage();
	await host.goto('/host');
	await host.locator('body[data-hydrated="true"]').waitFor();
	await host.getByLabel('Rounds', { exact: true }).fill('1');
	await host.getByRole('button', { name: 'Create the session' }).click();
	await host.waitForURL(/\/class\/[\w-]+\/host$/);
	const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');
	await expect(host.locator('.big-url')).toHaveText(`class.example.org/j/${code}`);
	expect(server.output()).toContain('https://class.example.org');
	await context.close();
});

test('a setting that is not a URL stops the server with a sentence, not a stack trace', async () => {
	await expect(serve(34, { PUBLIC_URL: 'class room' })).rejects.toThrow(
		'PUBLIC_URL is not a URL: "class room"'
	);
});

test('a database it cannot use stops the server with a sentence, not a stack trace', async () => {
	const refusal = (env: Record<string, string>) =>
		serve(35, env).then(
			() => 'started',
			(error: Error) => error.message
		);
	const wrongKind = await refusal({ DATABASE_URL: 'mysql://db.example.org/telltale' });
	expect(wrongKind).toContain(
		'Telltale could not start: DATABASE_URL must be a postgres:// address'
	);
	// Nothing listens on port 1: the database cannot be reached.
	const unreachable = await refusal({ DATABASE_URL: 'postgres://telltale@127.0.0.1:1/telltale' });
	expect(unreachable).toContain(
		'Telltale could not start: the PostgreSQL database in DATABASE_URL could not be opened'
	);
	for (const message of [wrongKind, unreachable]) expect(message).not.toMatch(/\n\s+at /);
});
