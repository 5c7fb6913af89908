// The recipe's inputs are files from Debian packages. Packages that would pull in a desktop's worth
// of dependencies (kphotoalbum) or that are only data are unpacked into .pack-build instead of
// installed; build.sh downloads them, and a part run on its own downloads what it lacks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from './media-store';

/** A Debian package unpacked under .pack-build/debian/<name>, with the version it came from. */
export interface UnpackedPackage {
	name: string;
	version: string;
	root: string;
}

/** Unpacks `name` (downloading its .deb with apt-get if needed) and returns where its files are. */
export function unpackedPackage(name: string): UnpackedPackage {
	const debs = path.join(WORK_DIR, 'debs');
	mkdirSync(debs, { recursive: true });
	const find = () => readdirSync(debs).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
	if (!find()) execFileSync('apt-get', ['download', name], { cwd: debs, stdio: 'ignore' });
	const deb = find();
	if (!deb) throw new Error(`apt-get download ${name} produced no .deb in ${debs}`);
	const version = decodeURIComponent(deb.split('_')[1]);
	const root = path.join(WORK_DIR, 'debian', name);
	if (!existsSync(root)) {
		mkdirSync(root, { recursive: true });
		execFileSync('dpkg-deb', ['-x', path.join(debs, deb), root]);
	}
	return { name, version, root };
}
