/**
 * How a teacher pack names what it serves: each file by its content (so a name says nothing
 * about the item, and the same bytes are kept once), listed as the manifest's rendition. Pictures,
 * voices and the command line's packs all name their files here.
 */
import { createHash } from 'node:crypto';
import type { Rendition } from '$lib/game/pack/schema';

export interface ServedFile {
	/** The file's name in the pack's media folder. */
	file: string;
	bytes: Uint8Array;
	rendition: Rendition;
}

export function servedFiles(
	files: Array<{ bytes: Uint8Array; rendition: Omit<Rendition, 'src'>; extension: string }>
): ServedFile[] {
	return files.map(({ bytes, rendition, extension }) => {
		const file = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${extension}`;
		return { file, bytes, rendition: { src: `media/${file}`, ...rendition } };
	});
}
