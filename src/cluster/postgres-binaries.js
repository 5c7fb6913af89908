// One place that knows where PostgreSQL's server programs are: on the PATH (some systems link
// them there), else Debian's /usr/lib/postgresql/<version>/bin, the newest version first.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The folder holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function postgresBinDir() {
	const folders = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((name) => /^\d+$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		folders.push(...versions.map((version) => path.join(debian, version, 'bin')));
	}
	return (
		folders.find((folder) =>
			['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(path.join(folder, name)))
		) ?? null
	);
}
