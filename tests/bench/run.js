#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other so they never compete for the 2 cores.
// Each script starts its own production server on its own port, prints its numbers against the
// budget and writes JSON to bench-results/. Method and results: BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchmarks = [
	{ name: 'solo play (Lighthouse, JS weight, media, verdict to reveal)', script: 'lighthouse.js' },
	{ name: 'live class sessions under load', script: 'class.js' }
];

const only = process.argv[2];
let failed = 0;
for (const { name, script } of benchmarks) {
	if (only && !script.startsWith(only)) continue;
	console.log(`\n=== ${name}: node tests/bench/${script}\n`);
	const result = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit' });
	if (result.status !== 0) {
		failed++;
		console.error(`${script} exited with ${result.status ?? result.signal}`);
	}
}
process.exit(failed ? 1 : 0);
