// The two talking-head recordings found in Debian packages, with their authors and licences.
import path from 'node:path';
import { unpackedPackage } from '../common/debian';

export interface Recording {
	file: string;
	source: string;
	author: string;
	licence: string;
}

/** Jesper K. Pedersen's 4.5 s demo movie from the KPhotoAlbum demo album (160x120, 15 fps). */
export function kphotoalbumMovie(): Recording {
	const pkg = unpackedPackage('kphotoalbum');
	return {
		file: path.join(pkg.root, 'usr/share/kphotoalbum/demo/movie.avi'),
		source: `Debian package kphotoalbum ${pkg.version}, /usr/share/kphotoalbum/demo/movie.avi`,
		author: 'Jesper K. Pedersen (KPhotoAlbum demo album)',
		licence: 'GPL-2+'
	};
}

/** Joao Eriberto Mota Filho's screen recording with a webcam inset, 8.3 s, 1280x720. */
export function forensicsMovie(): Recording {
	const pkg = unpackedPackage('forensics-samples-files');
	const file = 'usr/share/forensics-samples/original-files/movie2/movie-hello.mp4';
	return {
		file: path.join(pkg.root, file),
		source: `Debian package forensics-samples-files ${pkg.version}, /${file} (webcam inset)`,
		author: 'Joao Eriberto Mota Filho',
		licence: 'CC-BY-SA-4.0'
	};
}
