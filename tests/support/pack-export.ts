/**
 * A teacher pack as the import tests take it: exported by the store (its zip, manifest and each
 * file's bytes), and pack zips made by hand from a manifest and media, as a careless or hostile
 * one would be.
 */
import { readFileSync } from 'node:fs';
import { zipSync, type Zippable } from 'fflate';
import type { Pack } from '$lib/game/pack/schema';
import type { TeacherPacks } from '$lib/server/packs/teacher/store';
import { packZip } from '$lib/server/packs/teacher/export';

export interface ExportedPack {
	zip: Buffer;
	pack: Pack;
	media: (src: string) => Buffer;
}

/** The pack `packId` exported as the editor's button does, with its files read back. */
export async function exportPack(store: TeacherPacks, packId: string): Promise<ExportedPack> {
	const playable = await store.exportable(packId);
	if (!playable.ok) throw new Error(`${playable.problem} ${playable.detail ?? ''}`);
	const files = new Map<string, Buffer>();
	for (const { src } of playable.pack.items.flatMap((item) => item.media)) {
		files.set(src, readFileSync((await store.mediaFile(packId, src))!));
	}
	return {
		zip: await packZip(playable.pack, (src) => store.mediaFile(packId, src)),
		pack: playable.pack,
		media: (src) => files.get(src)!
	};
}

/** A pack zip of `manifest` (an object or raw text) and media files, in a folder like an export. */
export function packZipOf(
	manifest: unknown,
	media: Record<string, Uint8Array> = {},
	folder = 'pack/'
): Uint8Array {
	const entries: Zippable = {
		[`${folder}manifest.json`]: new TextEncoder().encode(
			typeof manifest === 'string' ? manifest : JSON.stringify(manifest)
		)
	};
	for (const [src, bytes] of Object.entries(media)) entries[`${folder}${src}`] = bytes;
	return zipSync(entries);
}
