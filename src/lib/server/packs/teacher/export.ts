/**
 * A teacher pack as a zip in the PACKS_DIR format: a folder named by the pack's id holding its
 * manifest.json and media/. Unzipped into another server's PACKS_DIR, it loads as any pack
 * folder does. Entries are stored, not compressed: the pictures are WebP already. Written by
 * fflate, with one fixed date on every entry, so the same pack zips the same.
 */
import { readFile } from 'node:fs/promises';
import { zipSync, type Zippable } from 'fflate';
import type { Pack } from '$lib/game/pack/schema';

/** The earliest date a zip can hold (1980-01-01, local time, as zips keep it). */
const FIXED_DATE = new Date(1980, 0, 1);

/** The zip of a pack whose rendition files `mediaFile` finds (each one the pack holds). */
export async function packZip(
	pack: Pack,
	mediaFile: (src: string) => Promise<string | undefined>
): Promise<Buffer> {
	const sources = [...new Set(pack.items.flatMap((item) => item.media.map((media) => media.src)))];
	const entries: Zippable = {
		[`${pack.id}/manifest.json`]: new TextEncoder().encode(JSON.stringify(pack, null, '\t') + '\n')
	};
	for (const src of sources.sort()) {
		const file = await mediaFile(src);
		if (!file) throw new Error(`pack ${pack.id} holds no file for ${src}`);
		entries[`${pack.id}/${src}`] = await readFile(file);
	}
	return Buffer.from(zipSync(entries, { level: 0, mtime: FIXED_DATE }));
}
