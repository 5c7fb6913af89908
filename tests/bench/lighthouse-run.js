// One Lighthouse run as the solo benchmarks take it (lighthouse.js, solo-pair.js): Lighthouse 12
// from node_modules, Debian's chromium headless, mobile emulation and simulated throttling,
// performance only.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * One Lighthouse run (mobile, simulated throttling), its JSON report parsed. `from` is the page
 * Lighthouse opens first (its `blankPage` setting, about:blank by default): storage and caches are
 * still cleared after it, so the page under test loads cold.
 * @param {string} url
 * @param {string} output
 * @param {string} from
 * @returns {Promise<any>}
 */
export function lighthouse(url, output, from) {
	const flags = ['--headless=new', ...chromiumArgs].join(' ');
	const config = `${output}.config.json`;
	writeFileSync(
		config,
		JSON.stringify({ extends: 'lighthouse:default', settings: { blankPage: from } })
	);
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				path.join(root, 'node_modules/lighthouse/cli/index.js'),
				url,
				'--quiet',
				'--only-categories=performance',
				'--output=json',
				`--output-path=${output}`,
				`--chrome-flags=${flags}`,
				`--config-path=${config}`
			],
			{ env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: 'inherit' }
		);
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(readFileSync(output, 'utf8')))
				: reject(new Error(`lighthouse exited ${code}`))
		);
	});
}

/**
 * Lighthouse now and then fails to record its own trace (NO_NAVSTART) on a busy machine: such a
 * run measured nothing, so it is run again, at most twice.
 * @template T
 * @param {() => Promise<T>} attempt
 * @returns {Promise<T>}
 */
export async function withRetries(attempt, retries = 2) {
	for (let tried = 0; ; tried++) {
		try {
			return await attempt();
		} catch (error) {
			if (tried >= retries) throw error;
			console.error(`${error instanceof Error ? error.message : error}; running it again`);
		}
	}
}
