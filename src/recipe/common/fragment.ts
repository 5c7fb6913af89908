// Each part of the recipe (faces, scenes, video, voices) writes one fragment; assemble merges them
// into static/packs/default/manifest.json. Item, Pair and Credit follow the pack schema in
// src/lib/game/pack/schema.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from './media-store';

export interface Fragment {
	part: string;
	items: unknown[];
	pairs: unknown[];
	credits: unknown[];
}

/** Writes a part's fragment to .pack-build/fragments/<part>.json. */
export function writeFragment(fragment: Fragment): void {
	const dir = path.join(WORK_DIR, 'fragments');
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, `${fragment.part}.json`),
		JSON.stringify(fragment, null, '\t') + '\n'
	);
}

/** Reads a fragment written earlier. */
export function readFragment(part: string): Fragment {
	return JSON.parse(readFileSync(path.join(WORK_DIR, 'fragments', `${part}.json`), 'utf8'));
}
