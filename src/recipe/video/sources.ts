// The recordings found in Debian packages, with their authors and licences: two talking heads,
// and footage without a face for the scene edits.
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

/**
 * Footage without a face, for the scene edits on video: each recording with the crop (w:h:x:y,
 * before scaling) that brings it to 4:3 without borders. None carries sound the pairs use.
 */
export interface SceneRecording extends Recording {
	crop?: string;
}

/** Cars racing on a board track at the 1906 French Grand Prix, 19 s, 214x160, black and white. */
export function shepardFilm(): SceneRecording {
	const pkg = unpackedPackage('python-nbsphinx-doc');
	const file =
		'usr/share/doc/python-nbsphinx/html/www/wikimediacommons/Shepard_Calais_1906_FrenchGP.ogv';
	return {
		file: path.join(pkg.root, file),
		source: `Debian package python-nbsphinx-doc ${pkg.version}, /${file} (from Wikimedia Commons, File:Shepard_Calais_1906_FrenchGP.ogv)`,
		author: 'Shepard (film of the 1906 French Grand Prix), via Wikimedia Commons',
		licence: 'public domain',
		// The film's black left border and the ragged top line are cut away.
		crop: '206:154:6:3'
	};
}

/** A hand throwing a tennis ball in front of a dark wall, 10 s, 720x576, a still camera. */
export function ballFilm(): SceneRecording {
	const pkg = unpackedPackage('python3-mecavideo');
	const file = 'usr/share/pymecavideo/data/video/balle-jbart.mp4';
	return {
		file: path.join(pkg.root, file),
		source: `Debian package python3-mecavideo ${pkg.version}, /${file}`,
		author: 'Benoît Markey',
		licence: 'CC-BY-SA-3.0',
		crop: '720:540:0:18'
	};
}

/** A swim under water along a rock, bubbles and a swimmer's legs, 14 s, 640x480. */
export function diverFilm(): SceneRecording {
	const pkg = unpackedPackage('pd-extendedview');
	const file = 'usr/share/doc/pd-extendedview/media/diver.mov';
	return {
		file: path.join(pkg.root, file),
		source: `Debian package pd-extendedview ${pkg.version}, /${file}`,
		author: 'Extended View Toolkit authors (IEM Graz: Peter Venus, Marian Weger, Cyrille Henry)',
		licence: 'GPL-3+'
	};
}
