/**
 * Geometry of tell regions on the media: the box around a region, where it sits in words, and
 * the zoom that brings it into view. Pure functions of normalised (0..1) coordinates.
 */
import type { Region } from '$lib/game/pack/schema';

/** A normalised rectangle: x, y of the top-left corner, width and height, all 0..1. */
export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** The rectangle around a region on the picture, or null for a time range without a box. */
export function regionBox(region: Region): Box | null {
	if (region.type === 'box') return { x: region.x, y: region.y, w: region.w, h: region.h };
	if (region.type === 'polygon') {
		const xs = region.points.map(([x]) => x);
		const ys = region.points.map(([, y]) => y);
		const x = Math.min(...xs);
		const y = Math.min(...ys);
		return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
	}
	return region.box ? { ...region.box } : null;
}

/** The time range of a region in seconds, or null for a region on a still picture. */
export function regionTime(region: Region): { start: number; end: number } | null {
	return region.type === 'time' ? { start: region.start, end: region.end } : null;
}

/** Where on the picture a box sits, as one of nine places (for words, not for drawing). */
export type Place =
	| 'top-left'
	| 'top'
	| 'top-right'
	| 'left'
	| 'centre'
	| 'right'
	| 'bottom-left'
	| 'bottom'
	| 'bottom-right';

/** The ninth of the picture holding the box's centre. */
export function placeOf(box: Box): Place {
	const column = Math.min(2, Math.floor((box.x + box.w / 2) * 3));
	const row = Math.min(2, Math.floor((box.y + box.h / 2) * 3));
	const places: Place[][] = [
		['top-left', 'top', 'top-right'],
		['left', 'centre', 'right'],
		['bottom-left', 'bottom', 'bottom-right']
	];
	return places[row][column];
}

/** A CSS zoom that fills the view with the box (plus a margin), kept inside the picture. */
export interface Zoom {
	scale: number;
	/** Translation in percent of the picture's size, applied before scaling (origin top-left). */
	x: number;
	y: number;
}

export const NO_ZOOM: Zoom = { scale: 1, x: 0, y: 0 };

/**
 * The zoom that centres `box` and makes it fill about 70% of the view, at most `maxScale`.
 * The picture never slides out of its frame: the translation is clamped to its edges.
 */
export function zoomTo(box: Box, maxScale = 4): Zoom {
	const scale = Math.max(1, Math.min(maxScale, 0.7 / Math.max(box.w, box.h, 0.01)));
	const centre = (start: number, size: number) => {
		const offset = 0.5 / scale - (start + size / 2);
		return Math.min(0, Math.max(1 / scale - 1, offset)) * 100;
	};
	return { scale, x: centre(box.x, box.w), y: centre(box.y, box.h) };
}

/**
 * Where `box` is seen in the frame under `zoom` (ZoomStage's transform: scale about the top-left
 * corner after the translation), cut to the frame; null when none of it is in view.
 */
export function zoomedBox(box: Box, zoom: Zoom): Box | null {
	const x = zoom.scale * (box.x + zoom.x / 100);
	const y = zoom.scale * (box.y + zoom.y / 100);
	const left = Math.max(0, x);
	const top = Math.max(0, y);
	const right = Math.min(1, x + zoom.scale * box.w);
	const bottom = Math.min(1, y + zoom.scale * box.h);
	if (right <= left || bottom <= top) return null;
	return { x: left, y: top, w: right - left, h: bottom - top };
}

/** The zoom onto the focused tell's box (none without a focused tell or when it has no box). */
export function zoomOnto(
	tells: ReadonlyArray<{ region: Region }>,
	focused: number | null,
	maxScale?: number
): Zoom {
	const tell = focused !== null ? tells[focused] : undefined;
	const box = tell ? regionBox(tell.region) : null;
	return box ? zoomTo(box, maxScale) : NO_ZOOM;
}

/** SVG `points` for a polygon in a 0..100 user space. */
export function polygonPoints(points: ReadonlyArray<readonly [number, number]>): string {
	return points.map(([x, y]) => `${x * 100},${y * 100}`).join(' ');
}

/**
 * A square (in pixels) window around `box` on a picture of `width` x `height` pixels, with room
 * around the tell, for cropping examples out of a picture. Normalised like `box`.
 */
export function cropAround(box: Box, width: number, height: number, room = 1.8): Box {
	const shortest = Math.min(width, height);
	const side = Math.min(
		shortest,
		Math.max(shortest * 0.3, Math.max(box.w * width, box.h * height) * room)
	);
	const w = side / width;
	const h = side / height;
	const clamp = (start: number, size: number) => Math.min(1 - size, Math.max(0, start));
	return { x: clamp(box.x + box.w / 2 - w / 2, w), y: clamp(box.y + box.h / 2 - h / 2, h), w, h };
}

/**
 * Positions (px) for round markers of `size` px wanted at `wanted` points in a `width` x
 * `height` area, moved apart so none overlaps another (touch targets must not be covered):
 * each later marker slides down, then right, until it is clear of the ones placed before.
 */
export function spreadMarkers(
	wanted: ReadonlyArray<{ x: number; y: number }>,
	size: number,
	width: number,
	height: number
): Array<{ x: number; y: number }> {
	const placed: Array<{ x: number; y: number }> = [];
	const clear = (point: { x: number; y: number }) =>
		placed.every(
			(other) => Math.abs(other.x - point.x) >= size || Math.abs(other.y - point.y) >= size
		);
	for (const point of wanted) {
		const spot = {
			x: Math.min(Math.max(point.x, 0), Math.max(0, width - size)),
			y: Math.min(Math.max(point.y, 0), Math.max(0, height - size))
		};
		for (let step = 0; step < 50 && !clear(spot); step++) {
			if (spot.y + 2 * size <= height) spot.y += size;
			else {
				spot.y = Math.min(Math.max(point.y, 0), Math.max(0, height - size));
				spot.x += size;
			}
		}
		placed.push(spot);
	}
	return placed;
}

/**
 * Positions (px, top-left corner) for the number markers of tells whose boxes (px) are `boxes`
 * in a `width` x `height` picture. A marker never sits on the flaw it points at: it goes just
 * outside its own box (beside a corner if it can, else along a side, else one marker further
 * out), inside the picture, clear of every other tell's box and of the markers placed before it. When no such place exists it may cover another tell's box; only a box that leaves
 * no room around it at all (nearly the whole picture) gets its marker inside its own corner.
 */
export function placeMarkers(
	boxes: ReadonlyArray<Box | null>,
	size: number,
	width: number,
	height: number,
	// Clear of the outline's stroke too (it reaches 3 px outside the region).
	gap = 4
): Array<{ x: number; y: number } | null> {
	const placed: Box[] = [];
	const overlaps = (a: Box, b: Box) =>
		a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
	const inside = (spot: Box) =>
		spot.x >= 0 && spot.y >= 0 && spot.x + size <= width && spot.y + size <= height;
	return boxes.map((box, index) => {
		if (!box) return null;
		const others = boxes.filter((other, at): other is Box => other !== null && at !== index);
		// Beside its corners first (where the eye looks for it), then anywhere along its sides,
		// then one marker further out.
		const ring = (out: number): Box[] => {
			const above = box.y - size - gap - out;
			const below = box.y + box.h + gap + out;
			const before = box.x - size - gap - out;
			const after = box.x + box.w + gap + out;
			const along = (from: number, to: number) => {
				const steps: number[] = [];
				for (let at = from; at <= to; at += size / 2) steps.push(at);
				return steps;
			};
			return [
				{ x: box.x, y: above },
				{ x: before, y: box.y },
				{ x: box.x, y: below },
				{ x: after, y: box.y },
				{ x: box.x + box.w - size, y: above },
				{ x: box.x + box.w - size, y: below },
				{ x: before, y: box.y + box.h - size },
				{ x: after, y: box.y + box.h - size },
				...along(box.x - size - out, box.x + box.w + out).flatMap((x) => [
					{ x, y: above },
					{ x, y: below }
				]),
				...along(box.y - size - out, box.y + box.h + out).flatMap((y) => [
					{ x: before, y },
					{ x: after, y }
				])
			].map((spot) => ({ ...spot, w: size, h: size }));
		};
		const candidates = [...ring(0), ...ring(size)];
		const free = (spot: Box, strict: boolean) =>
			inside(spot) &&
			!overlaps(spot, box) &&
			!placed.some((other) => overlaps(spot, other)) &&
			(!strict || !others.some((other) => overlaps(spot, other)));
		const spot = candidates.find((candidate) => free(candidate, true)) ??
			candidates.find((candidate) => free(candidate, false)) ?? {
				x: Math.min(Math.max(box.x, 0), Math.max(0, width - size)),
				y: Math.min(Math.max(box.y, 0), Math.max(0, height - size)),
				w: size,
				h: size
			};
		placed.push(spot);
		return { x: spot.x, y: spot.y };
	});
}
