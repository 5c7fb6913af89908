// The KPhotoAlbum demo album: camera photos of the author, his friends and pets (GPL-2+), with an
// index.xml that records how each photo must be turned to stand upright.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unpackedPackage } from '../common/debian';

/** One photo of the demo album. */
export interface AlbumPhoto {
	file: string;
	path: string;
	/** Clockwise turn in degrees that KPhotoAlbum applies when it shows the photo. */
	angle: number;
	/** Provenance line naming the package, its version and the file. */
	source: string;
}

export const ALBUM_AUTHOR = 'Jesper K. Pedersen and the KPhotoAlbum demo contributors';
export const ALBUM_LICENCE = 'GPL-2+';

/** Reads the demo album, unpacking the kphotoalbum package first if needed. */
export function demoAlbum(): { photos: Map<string, AlbumPhoto>; dir: string; version: string } {
	const pkg = unpackedPackage('kphotoalbum');
	const dir = path.join(pkg.root, 'usr/share/kphotoalbum/demo');
	const index = readFileSync(path.join(dir, 'index.xml'), 'utf8');
	const photos = new Map<string, AlbumPhoto>();
	for (const [tag] of index.matchAll(/<image [^>]*>/g)) {
		const file = /file="([^"]+)"/.exec(tag)?.[1];
		if (!file) continue;
		photos.set(file, {
			file,
			path: path.join(dir, file),
			angle: Number(/angle="(\d+)"/.exec(tag)?.[1] ?? 0),
			source: `Debian package kphotoalbum ${pkg.version}, /usr/share/kphotoalbum/demo/${file}`
		});
	}
	return { photos, dir, version: pkg.version };
}
