// The scene photos: phone photos from the forensics-samples package and nature wallpapers from
// mate-backgrounds, each with its author and licence from the package's copyright file.
import path from 'node:path';
import { unpackedPackage } from '../common/debian';

export interface ScenePhoto {
	file: string;
	source: string;
	author: string;
	licence: string;
	/** A neutral description for screen readers. */
	alt: string;
}

const FORENSICS = 'usr/share/forensics-samples/original-files';
const FORENSICS_AUTHOR = 'Joao Eriberto Mota Filho';
const MATE = '/usr/share/backgrounds/mate/nature';

const forensics = (file: string, alt: string) => () => {
	const pkg = unpackedPackage('forensics-samples-files');
	return {
		file: path.join(pkg.root, FORENSICS, file),
		source: `Debian package forensics-samples-files ${pkg.version}, /${FORENSICS}/${file}`,
		author: FORENSICS_AUTHOR,
		licence: 'CC-BY-SA-4.0',
		alt
	};
};

// mate-backgrounds is installed by build.sh (it is only data), so its files are read in place.
const mate = (file: string, author: string, alt: string) => () => ({
	file: path.join(MATE, file),
	source: `Debian package mate-backgrounds, ${MATE}/${file}`,
	author,
	licence: 'GPL-2+',
	alt
});

export const SCENE_PHOTOS = {
	table: forensics(
		'pic2/IMG_20191224_234846.jpg',
		'A festive table with a dish of food, a bottle and Christmas decorations under framed pictures on an orange wall.'
	),
	park: forensics(
		'pic2/IMG_20200608_111614.jpg',
		'Two white fluffy dogs standing on grass and fallen leaves in a sunny park.'
	),
	roots: forensics(
		'pic1/IMG-20191006-WA0002.jpg',
		'Two white fluffy dogs standing on the roots of a large tree.'
	),
	city: forensics(
		'pic1/IMG_1054.JPG',
		'A city seen from above: tall apartment blocks, a railway line under a bridge, and a road with cars.'
	),
	floor: forensics(
		'pic2/IMG_20200124_231153.jpg',
		'A white fluffy dog lying on a white tiled floor.'
	),
	ladybird: mate(
		'LadyBird.jpg',
		'Charles Barbin',
		'A ladybird on a grass stem among small blue flowers.'
	),
	garden: mate('Garden.jpg', 'Charles Barbin', 'A red and orange marigold flower in close-up.'),
	yellow: mate(
		'YellowFlower.jpg',
		'Charles Barbin',
		'Yellow flower petals in close-up on a dark background.'
	),
	fresh: mate('FreshFlower.jpg', 'Jens Ansorg', 'Orange flower petals in close-up.'),
	rain: mate('RainDrops.jpg', '"blackcombwhistler07"', 'Water drops on a green leaf.'),
	aqua: mate('Aqua.jpg', 'Charles Barbin', 'A drop splashing into water, making a crown of water.'),
	storm: mate(
		'Storm.jpg',
		'Sergey Nazarov',
		'Dark storm clouds over a flat landscape, seen past a blurred roadside barrier.'
	),
	wings: mate(
		'TwoWings.jpg',
		'Charles Barbin, Hylke Bons',
		'Dandelion seeds with their white fluffy tufts, in front of blurred orange flowers.'
	),
	dune: mate(
		'Dune.jpg',
		'Marco Cogoni, Hylke Bons',
		'Tall dry grass with seed heads blowing in front of a blue sea and sky.'
	),
	meadow: mate(
		'GreenMeadow.jpg',
		'Timothy Schellhase, Lapo Calamandrei',
		'Young green grass blades in close-up.'
	),
	wood: mate(
		'Wood.jpg',
		'Jean-François Fortin Tam',
		'Pale grey weathered wood seen up close at a low angle.'
	)
} satisfies Record<string, () => ScenePhoto>;

export type ScenePhotoName = keyof typeof SCENE_PHOTOS;
