// The committed default pack, loaded once for the audit tests, with every media file probed from
// its bytes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Item, Pack, Pair } from '$lib/game/pack/schema';
import { loadPackFromDir, type PackLoad } from '$lib/server/packs/loader';
import { probe, type Probe } from './media-probe';

/** Where the default pack is committed. */
export const PACK_DIR = path.resolve('static/packs/default');

/** The loader's verdict on the committed pack. */
export const loaded: PackLoad = loadPackFromDir(PACK_DIR);

/** The pack, or a clear failure for every test that needs it. */
export function pack(): Pack {
	if (!loaded.ok) throw new Error('the default pack does not load; see the manifest test');
	return loaded.pack;
}

/** Every file under the pack folder, relative to it (manifest included). */
export function packFiles(dir = PACK_DIR, prefix = ''): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? packFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
			: [`${prefix}${entry.name}`]
	);
}

/** Size in bytes of a pack-relative file. */
export function sizeOf(relative: string): number {
	return statSync(path.join(PACK_DIR, relative)).size;
}

const probes = new Map<string, Probe>();

/** What a pack-relative media file's bytes say about it (cached). */
export function probeFile(relative: string): Probe {
	let found = probes.get(relative);
	if (!found) {
		found = probe(readFileSync(path.join(PACK_DIR, relative)));
		probes.set(relative, found);
	}
	return found;
}

/** A pair with its two items, the synthetic one first. */
export function sides(current: Pack, pair: Pair): { synthetic: Item; real: Item } {
	const items = pair.items.map((id) => current.items.find((item) => item.id === id));
	const synthetic = items.find((item) => item?.truth === 'synthetic');
	const real = items.find((item) => item?.truth === 'real');
	if (!synthetic || !real) throw new Error(`pair ${pair.id} lacks a real or a synthetic item`);
	return { synthetic, real };
}

/** Total bytes of an item's renditions: what a player downloads for it. */
export function itemBytes(item: Item): number {
	return item.media.reduce((sum, rendition) => sum + sizeOf(rendition.src), 0);
}
