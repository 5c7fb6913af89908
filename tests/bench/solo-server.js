// The solo benchmarks' production server and the round pages they measure (lighthouse.js,
// solo-pair.js).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const thisCheckout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts `npm start`'s script of the checkout at `root` on `port` with an empty data folder;
 * resolves when it is ready.
 * @param {string} root
 * @param {number} port
 */
export async function startServer(root, port) {
	const origin = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(path.join(tmpdir(), 'telltale-bench-'));
	const child = spawn(process.execPath, [path.join(root, 'src/start.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let attempt = 0; attempt < 600; attempt++) {
		if (child.exitCode !== null) throw new Error('the server exited before it was ready');
		try {
			if ((await fetch(`${origin}/healthz`)).ok) return child;
		} catch {
			// not listening yet (it may be building)
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('the server did not answer /healthz');
}

/**
 * Starts a run of picture pairs through the play form, as the page does; returns its round page.
 * @param {string} origin
 * @param {string} difficulty `any` (Quick play's) or a tier
 */
async function quickPlayRun(origin, difficulty) {
	const response = await fetch(`${origin}/play?/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: `mode=pairs&count=10&difficulty=${difficulty}`
	});
	const location = response.headers.get('location');
	if (response.status !== 303 || !location) throw new Error(`start: HTTP ${response.status}`);
	return new URL(location, origin).href;
}

/**
 * A round page whose first round's HTML passes `shows`, from new runs of that difficulty.
 * @param {string} origin
 * @param {(html: string) => boolean | Promise<boolean>} shows
 * @param {string} what for the error
 * @param {string} [difficulty]
 */
export async function roundShowing(origin, shows, what, difficulty = 'any') {
	for (let attempt = 0; attempt < 200; attempt++) {
		const url = await quickPlayRun(origin, difficulty);
		if (await shows(await (await fetch(url)).text())) return url;
	}
	throw new Error(`no run started with ${what} in 200 tries`);
}

/**
 * Whether a round page's pictures are these pack files. Online rounds show media at addresses
 * made for their run alone (src/lib/server/packs/media-links.ts), so the bench knows the pair by its
 * bytes, as anyone who has seen the pictures could.
 * @param {string} origin
 * @param {string} html
 * @param {string[]} srcs pack-relative paths of the pair's phone renditions
 */
export async function showsFiles(origin, html, srcs) {
	const packDir = path.join(thisCheckout, 'static/packs/default');
	const wanted = srcs.map((src) => readFileSync(path.join(packDir, src)).length);
	const sizes = await pictureSizes(origin, html);
	return wanted.every((size) => sizes.includes(size));
}

/**
 * The byte sizes of the pictures a round page shows (at their run's own addresses).
 * @param {string} origin
 * @param {string} html
 */
export async function pictureSizes(origin, html) {
	const addresses = [...html.matchAll(/<img[^>]+src="(\/media\/r\/[^"]+)"/g)].map((m) => m[1]);
	return Promise.all(
		addresses.map(async (address) =>
			Number((await fetch(`${origin}${address}`, { method: 'HEAD' })).headers.get('content-length'))
		)
	);
}
