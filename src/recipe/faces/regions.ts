// Where a face swap's artifacts are, derived from the landmarks the swap used, in the normalised
// (0..1) coordinates of the served crop.
import type { Rect } from '../common/image';
import type { Face } from './landmarks';
import type { Point } from './warp';

/** A tell region as the pack manifest stores it. */
export type Region =
	| { type: 'box'; x: number; y: number; w: number; h: number }
	| { type: 'polygon'; points: [number, number][] };

/** Named places on a swapped face that a tell can point at. */
export type FacePlace =
	| 'outline'
	| 'face'
	| 'eyes'
	| 'mouth'
	| 'brow'
	| 'jaw'
	| 'chin'
	| 'nose'
	/** The jaw and cheek on the picture's right (the person's left), from chin to ear. */
	| 'jaw-right';

// Index ranges of the 68-point (iBUG 300-W) landmark scheme.
const PLACE_POINTS: Record<Exclude<FacePlace, 'outline' | 'face'>, [number, number]> = {
	jaw: [0, 16],
	'jaw-right': [10, 16],
	chin: [5, 11],
	brow: [17, 26],
	nose: [27, 35],
	eyes: [36, 47],
	mouth: [48, 67]
};

/** Extra margin around a landmark group, as a share of the face width, so a box is not too tight. */
const MARGIN = 0.08;

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/** A square crop of side `side` pixels around the face, kept inside the image. */
export function faceCrop(face: Face, side: number, imageWidth: number, imageHeight: number): Rect {
	const size = Math.min(side, imageWidth, imageHeight);
	const cx = face.box.x + face.box.width / 2;
	// A little below the box centre, so the chin and some shoulder are in the picture.
	const cy = face.box.y + face.box.height * 0.6;
	const x = Math.round(Math.min(Math.max(0, cx - size / 2), imageWidth - size));
	const y = Math.round(Math.min(Math.max(0, cy - size / 2), imageHeight - size));
	return { x, y, width: size, height: size };
}

function boxAround(points: Point[], margin: number, crop: Rect): Region {
	const xs = points.map((p) => p[0]);
	const ys = points.map((p) => p[1]);
	const x0 = (Math.min(...xs) - margin - crop.x) / crop.width;
	const y0 = (Math.min(...ys) - margin - crop.y) / crop.height;
	const x1 = (Math.max(...xs) + margin - crop.x) / crop.width;
	const y1 = (Math.max(...ys) + margin - crop.y) / crop.height;
	const [x, y] = [round(x0), round(y0)];
	// Clamp the far edges too, so the box never leaves the picture.
	return { type: 'box', x, y, w: round(Math.min(1, x1) - x), h: round(Math.min(1, y1) - y) };
}

/** The region of `place` on the swapped face, in the crop's normalised coordinates. */
export function placeRegion(place: FacePlace, face: Face, outline: Point[], crop: Rect): Region {
	const margin = face.box.width * MARGIN;
	if (place === 'outline') {
		return {
			type: 'polygon',
			points: outline.map(([x, y]) => [
				round((x - crop.x) / crop.width),
				round((y - crop.y) / crop.height)
			])
		};
	}
	if (place === 'face') return boxAround(outline, margin, crop);
	const [from, to] = PLACE_POINTS[place];
	const points = face.points.slice(from, to + 1);
	if (place === 'brow') {
		// The seam runs along the top of the hull, just above the eyebrows.
		const top = Math.min(...points.map((p) => p[1]));
		points.push([points[0][0], top - margin]);
	}
	return boxAround(points, margin, crop);
}
