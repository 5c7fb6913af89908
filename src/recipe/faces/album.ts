// Loads the album's photos upright and finds the named faces in them, once per photo.
import type { Rgb } from '../common/image';
import { loadRgb } from '../common/image';
import { ALBUM_AUTHOR, ALBUM_LICENCE, demoAlbum, type AlbumPhoto } from './kphotoalbum';
import { detectFaces, type Face } from './landmarks';
import { SPOTS, type SpotName } from './spots';

/** A face of the album ready to swap: the upright photo, the detected face and its provenance. */
export interface LoadedSpot {
	name: SpotName;
	photo: AlbumPhoto;
	image: Rgb;
	face: Face;
}

export { ALBUM_AUTHOR, ALBUM_LICENCE };

const album = demoAlbum();
const photos = new Map<string, Promise<{ image: Rgb; faces: Face[] }>>();

function loadPhoto(photo: AlbumPhoto): Promise<{ image: Rgb; faces: Face[] }> {
	let loaded = photos.get(photo.file);
	if (!loaded) {
		loaded = (async () => {
			const image = await loadRgb(photo.path, photo.angle);
			return { image, faces: await detectFaces(image.data, image.width, image.height) };
		})();
		photos.set(photo.file, loaded);
	}
	return loaded;
}

/** The photo and detected face of a named spot: the detection whose box holds the spot's point. */
export async function loadSpot(name: SpotName): Promise<LoadedSpot> {
	const spot = SPOTS[name];
	const photo = album.photos.get(spot.photo);
	if (!photo) throw new Error(`${spot.photo} is not in the KPhotoAlbum demo album`);
	const { image, faces } = await loadPhoto(photo);
	const [x, y] = spot.at;
	const face = faces.find(
		(f) => x >= f.box.x && x <= f.box.x + f.box.width && y >= f.box.y && y <= f.box.y + f.box.height
	);
	if (!face) throw new Error(`no face detected at ${x},${y} in ${spot.photo}`);
	return { name, photo, image, face };
}
