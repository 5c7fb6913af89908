// `npm run cluster`: several Telltale processes behind nginx on this machine, to try the set-up
// README's "Several servers" describes. PORT (default 8080) is nginx's; PROCESSES (default 3) the
// number of app processes; DATABASE_URL and REDIS_URL, when set, are used instead of throwaway
// servers. Ctrl-C stops everything it started.
import { startCluster } from './cluster.js';

const started = performance.now();
const cluster = await startCluster({
	port: Number(process.env.PORT || 8080),
	processes: Number(process.env.PROCESSES || 3),
	databaseUrl: process.env.DATABASE_URL || undefined,
	redisUrl: process.env.REDIS_URL || undefined,
	say: (line) => console.log(line)
}).catch((error) => {
	console.error(`The cluster could not start: ${error.message}`);
	process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
	`Telltale is ready: ${cluster.url} (nginx in front of ${cluster.apps.map((app) => app.url).join(', ')}; ` +
		`started in ${seconds} s)\nLogs and data: ${cluster.dir} (deleted on exit). Ctrl-C stops it all.`
);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping...');
		await cluster.stop();
		process.exit(0);
	});
}
