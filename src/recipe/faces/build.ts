// Part "faces" of the default pack: real photos from the KPhotoAlbum demo album against landmark
// face swaps between two photos of the same person. Run alone with `npx tsx src/recipe/faces/build.ts`.
import type { Credit } from '../../lib/game/pack/schema';
import { cropRgb } from '../common/image';
import { COMPOSITE_SYNTHETIC, DIGITAL_CAPTURE } from '../common/item';
import { buildPicturePairs, type FakeDraft, type PictureDraft } from '../common/pairs';
import { ALBUM_AUTHOR, ALBUM_LICENCE, loadSpot, type LoadedSpot } from './album';
import { FACE_PAIRS, type FacePairPlan } from './plan';
import { faceCrop, placeRegion } from './regions';
import { SPOTS, type SpotName } from './spots';
import { swapFace, swapOutline, swapRecipe } from './swap';

/** Served widths: phone and projector. Every face item is square, so both sides match. */
const WIDTHS = [480, 960];
/** Crop side as a multiple of the detected face box height: face, hair and some shoulder. */
const CROP_PER_FACE = 2.6;
/** Smallest crop side in pixels, so that small faces are not blown up beyond recognition. */
const MIN_CROP = 200;

function cropFor(spot: LoadedSpot) {
	const side = Math.max(MIN_CROP, Math.round(spot.face.box.height * CROP_PER_FACE));
	return faceCrop(spot.face, side, spot.image.width, spot.image.height);
}

async function realItem(name: SpotName): Promise<PictureDraft> {
	const spot = await loadSpot(name);
	const crop = cropFor(spot);
	const image = cropRgb(spot.image, crop);
	return {
		image,
		item: {
			kind: 'image',
			truth: 'real',
			alt: SPOTS[name].alt,
			provenance: {
				source: spot.photo.source,
				author: ALBUM_AUTHOR,
				licence: ALBUM_LICENCE,
				digitalSourceType: DIGITAL_CAPTURE,
				parameters: { crop: `${crop.width}x${crop.height} at ${crop.x},${crop.y}, upright` }
			}
		}
	};
}

async function fakeItem(plan: FacePairPlan): Promise<FakeDraft> {
	const [target, source] = [await loadSpot(plan.target), await loadSpot(plan.source)];
	const swapped = await swapFace(source.image, source.face, target.image, target.face, plan.tier);
	const crop = cropFor(target);
	const image = cropRgb(swapped, crop);
	const recipe = swapRecipe(plan.tier);
	const outline = swapOutline(target.face);
	return {
		image,
		before: cropRgb(target.image, crop),
		item: {
			kind: 'image',
			truth: 'synthetic',
			alt: SPOTS[plan.target].alt,
			provenance: {
				source: target.photo.source,
				author: ALBUM_AUTHOR,
				licence: ALBUM_LICENCE,
				digitalSourceType: COMPOSITE_SYNTHETIC,
				method: recipe.method,
				summary: recipe.summary,
				parameters: {
					...recipe.parameters,
					crop: `${crop.width}x${crop.height} at ${crop.x},${crop.y}, upright`
				},
				derivedFrom: [
					`${source.photo.source} (the face, ${SPOTS[plan.source].person})`,
					`${target.photo.source} (the photo it was put into)`
				]
			},
			tells: plan.tells.map((tell) => ({
				category: tell.category,
				region: placeRegion(tell.place, target.face, outline, crop),
				explanation: tell.explanation
			}))
		}
	};
}

const CREDITS: Credit[] = [
	{
		name: 'Jesper K. Pedersen and the KPhotoAlbum demo contributors',
		role: 'photos of people (KPhotoAlbum demo album, Debian package kphotoalbum)',
		licence: 'GPL-2+',
		url: 'https://kphotoalbum.org'
	},
	{
		name: 'Vladimir Mandic, @vladmandic/face-api (after Vincent Mühler, face-api.js)',
		role: 'face detection and 68-point landmark models used to make the face swaps',
		licence: 'MIT',
		url: 'https://github.com/vladmandic/face-api'
	},
	{
		name: 'OpenCV (Debian package python3-opencv)',
		role: 'Poisson (seamless) blending of the hardest face swaps',
		licence: 'Apache-2.0',
		url: 'https://opencv.org'
	}
];

/** Builds every face pair and writes the "faces" fragment. */
export function buildFaces(): Promise<void> {
	return buildPicturePairs({
		name: 'faces',
		plans: FACE_PAIRS,
		widths: WIDTHS,
		realItem,
		fakeItem,
		topic: 'face',
		independent: (plan) =>
			SPOTS[plan.real].photo !== SPOTS[plan.target].photo &&
			SPOTS[plan.real].photo !== SPOTS[plan.source].photo,
		describe: (plan) => `${plan.source} -> ${plan.target}`,
		credits: CREDITS
	});
}

if (import.meta.url === `file://${process.argv[1]}`) await buildFaces();
