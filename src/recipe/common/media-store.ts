// Where generated media lands, named by content so that a file name says nothing about the item.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The pack folder that the game serves: static/packs/<id>/. */
export const PACK_DIR = path.resolve('static/packs/default');
/** Intermediate fragments and scratch files; git-ignored and safe to delete. */
export const WORK_DIR = path.resolve('.pack-build');

/** Stores `bytes` as media/<sha256 prefix>.<ext> in the pack and returns that pack-relative path. */
export function storeMedia(bytes: Uint8Array, ext: string): string {
	const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
	const relative = `media/${hash}.${ext}`;
	mkdirSync(path.join(PACK_DIR, 'media'), { recursive: true });
	writeFileSync(path.join(PACK_DIR, relative), bytes);
	return relative;
}

/** An opaque item id derived from the item's first rendition, so ids carry no hint either. */
export function itemIdFor(mediaPath: string): string {
	return 'i' + createHash('sha256').update(mediaPath).digest('hex').slice(0, 10);
}
