import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	NO_ZOOM,
	cropAround,
	placeOf,
	polygonPoints,
	regionBox,
	regionTime,
	placeMarkers,
	spreadMarkers,
	zoomOnto,
	zoomTo,
	zoomedBox
} from '$lib/components/round/regions';

describe('regionBox and regionTime', () => {
	it('boxes a box, the bounds of a polygon, and the box of a video time range', () => {
		expect(regionBox({ type: 'box', x: 0.1, y: 0.2, w: 0.3, h: 0.4 })).toEqual({
			x: 0.1,
			y: 0.2,
			w: 0.3,
			h: 0.4
		});
		const polygon = regionBox({
			type: 'polygon',
			points: [
				[0.2, 0.5],
				[0.6, 0.1],
				[0.4, 0.9]
			]
		})!;
		expect(polygon.x).toBeCloseTo(0.2);
		expect(polygon.y).toBeCloseTo(0.1);
		expect(polygon.w).toBeCloseTo(0.4);
		expect(polygon.h).toBeCloseTo(0.8);
		expect(regionBox({ type: 'time', start: 1, end: 2 })).toBeNull();
		expect(regionBox({ type: 'time', start: 1, end: 2, box: { x: 0, y: 0, w: 1, h: 1 } })).toEqual({
			x: 0,
			y: 0,
			w: 1,
			h: 1
		});
		expect(regionTime({ type: 'time', start: 1, end: 2 })).toEqual({ start: 1, end: 2 });
		expect(regionTime({ type: 'box', x: 0, y: 0, w: 1, h: 1 })).toBeNull();
	});
});

describe('placeOf', () => {
	it('names the ninth of the picture holding the centre', () => {
		expect(placeOf({ x: 0, y: 0, w: 0.1, h: 0.1 })).toBe('top-left');
		expect(placeOf({ x: 0.4, y: 0.4, w: 0.2, h: 0.2 })).toBe('centre');
		expect(placeOf({ x: 0.9, y: 0.9, w: 0.1, h: 0.1 })).toBe('bottom-right');
		expect(placeOf({ x: 0, y: 0, w: 1, h: 1 })).toBe('centre');
	});
});

describe('zoomedBox and zoomOnto', () => {
	it('moves a box as the zoom moves the media, cut to the frame', () => {
		const still = zoomedBox({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, NO_ZOOM)!;
		[still.x, still.y, still.w, still.h].forEach((value, at) =>
			expect(value).toBeCloseTo([0.1, 0.2, 0.3, 0.4][at])
		);
		// Zoomed onto the middle quarter: it fills the frame, and a box beside it is cut or gone.
		const zoom = { scale: 2, x: -25, y: -25 };
		const middle = zoomedBox({ x: 0.25, y: 0.25, w: 0.5, h: 0.5 }, zoom)!;
		expect([middle.x, middle.y, middle.w, middle.h]).toEqual([0, 0, 1, 1]);
		const cut = zoomedBox({ x: 0.6, y: 0.3, w: 0.3, h: 0.1 }, zoom)!;
		expect(cut.x).toBeCloseTo(0.7);
		expect(cut.w).toBeCloseTo(0.3);
		expect(cut.y).toBeCloseTo(0.1);
		expect(cut.h).toBeCloseTo(0.2);
		expect(zoomedBox({ x: 0, y: 0, w: 0.2, h: 0.2 }, zoom)).toBeNull();
	});

	it('zooms onto the focused tell with a box, and not at all without one', () => {
		const tells = [
			{ region: { type: 'box' as const, x: 0.45, y: 0.45, w: 0.1, h: 0.1 } },
			{ region: { type: 'time' as const, start: 0, end: 1 } }
		];
		expect(zoomOnto(tells, 0)).toEqual(zoomTo({ x: 0.45, y: 0.45, w: 0.1, h: 0.1 }));
		expect(zoomOnto(tells, 0, 2).scale).toBe(2);
		expect(zoomOnto(tells, 1)).toEqual(NO_ZOOM);
		expect(zoomOnto(tells, null)).toEqual(NO_ZOOM);
	});
});

describe('zoomTo', () => {
	it('centres a small box and never slides the picture out of its frame', () => {
		const zoom = zoomTo({ x: 0.45, y: 0.45, w: 0.1, h: 0.1 });
		expect(zoom.scale).toBe(4);
		// The box centre (0.5) lands in the middle of the view: scale * (0.5 + x/100) = 0.5.
		expect(zoom.scale * (0.5 + zoom.x / 100)).toBeCloseTo(0.5);
		const corner = zoomTo({ x: 0, y: 0, w: 0.1, h: 0.1 });
		expect(corner.x).toBe(0);
		expect(corner.y).toBe(0);
		const far = zoomTo({ x: 0.9, y: 0.9, w: 0.1, h: 0.1 });
		// The right edge stays at the frame's right edge: scale * (1 + x/100) = 1.
		expect(far.scale * (1 + far.x / 100)).toBeCloseTo(1);
	});

	it('does not zoom onto a box that already fills the picture', () => {
		expect(zoomTo({ x: 0, y: 0, w: 1, h: 1 })).toEqual(NO_ZOOM);
	});
});

describe('cropAround', () => {
	it('cuts a square window around the box, inside the picture', () => {
		const crop = cropAround({ x: 0.9, y: 0.1, w: 0.05, h: 0.05 }, 1000, 500);
		expect(crop.w * 1000).toBeCloseTo(crop.h * 500);
		expect(crop.x + crop.w).toBeLessThanOrEqual(1);
		expect(crop.y).toBeGreaterThanOrEqual(0);
		expect(crop.x).toBeLessThanOrEqual(0.9);
	});

	it('never grows beyond the picture', () => {
		const crop = cropAround({ x: 0, y: 0, w: 1, h: 1 }, 400, 400);
		expect(crop).toEqual({ x: 0, y: 0, w: 1, h: 1 });
	});
});

describe('polygonPoints', () => {
	it('writes points in a 0..100 user space', () => {
		expect(
			polygonPoints([
				[0.1, 0.2],
				[0.3, 0.4]
			])
		).toBe('10,20 30,40');
	});
});

describe('spreadMarkers', () => {
	it('keeps markers where they are when they do not touch', () => {
		expect(
			spreadMarkers(
				[
					{ x: 0, y: 0 },
					{ x: 100, y: 0 }
				],
				40,
				400,
				40
			)
		).toEqual([
			{ x: 0, y: 0 },
			{ x: 100, y: 0 }
		]);
	});

	it('moves close markers apart, inside the area', () => {
		const spots = spreadMarkers(
			[
				{ x: 10, y: 10 },
				{ x: 20, y: 15 },
				{ x: 390, y: 390 }
			],
			36,
			400,
			400
		);
		for (let i = 0; i < spots.length; i++) {
			for (let j = i + 1; j < spots.length; j++) {
				const apart =
					Math.abs(spots[i].x - spots[j].x) >= 36 || Math.abs(spots[i].y - spots[j].y) >= 36;
				expect(apart).toBe(true);
			}
			expect(spots[i].x).toBeLessThanOrEqual(400 - 36);
			expect(spots[i].y).toBeLessThanOrEqual(400 - 36);
		}
	});

	it('slides along a single row when there is no room below', () => {
		const spots = spreadMarkers(
			[
				{ x: 50, y: 0 },
				{ x: 55, y: 0 },
				{ x: 60, y: 0 }
			],
			40,
			600,
			40
		);
		expect(spots.map((spot) => spot.x)).toEqual([50, 95, 140]);
	});
});

describe('placeMarkers', () => {
	const overlaps = (
		spot: { x: number; y: number },
		size: number,
		box: { x: number; y: number; w: number; h: number }
	) =>
		spot.x < box.x + box.w &&
		box.x < spot.x + size &&
		spot.y < box.y + box.h &&
		box.y < spot.y + size;

	it('puts each number outside its own box, inside the picture, clear of the others', () => {
		const boxes = [
			{ x: 100, y: 100, w: 80, h: 60 },
			{ x: 150, y: 40, w: 60, h: 50 },
			{ x: 0, y: 0, w: 60, h: 60 },
			{ x: 260, y: 250, w: 40, h: 50 }
		];
		const spots = placeMarkers(boxes, 36, 300, 300);
		spots.forEach((spot, index) => {
			expect(spot).not.toBeNull();
			expect(overlaps(spot!, 36, boxes[index]), `marker ${index} on its own box`).toBe(false);
			expect(spot!.x).toBeGreaterThanOrEqual(0);
			expect(spot!.y).toBeGreaterThanOrEqual(0);
			expect(spot!.x + 36).toBeLessThanOrEqual(300);
			expect(spot!.y + 36).toBeLessThanOrEqual(300);
			spots.forEach((other, at) => {
				if (at === index) return;
				expect(overlaps(spot!, 36, { x: other!.x, y: other!.y, w: 36, h: 36 })).toBe(false);
			});
		});
		// Above the box when there is room: next to the corner it names.
		expect(spots[0]).toEqual({ x: 100, y: 60 });
	});

	it('a box that fills the picture keeps its marker in its corner; a time range has none', () => {
		expect(placeMarkers([{ x: 0, y: 0, w: 300, h: 200 }, null], 36, 300, 200)).toEqual([
			{ x: 0, y: 0 },
			null
		]);
	});
});

describe('placeMarkers on the default pack', () => {
	it('never puts a tell number on its own region, at any picture size a round shows', () => {
		const manifest = JSON.parse(readFileSync('static/packs/default/manifest.json', 'utf8')) as {
			items: Array<{
				id: string;
				kind: string;
				media: Array<{ width?: number; height?: number }>;
				tells?: Array<{ region: Parameters<typeof regionBox>[0] }>;
			}>;
		};
		const covering: string[] = [];
		// From a small phone's fitted pair to a desktop's side-by-side picture (px wide).
		for (const width of [150, 190, 260, 330, 442, 560]) {
			for (const item of manifest.items) {
				if (item.kind !== 'image' || !item.tells?.length) continue;
				const { width: w = 4, height: h = 3 } = item.media[0];
				const height = (width * h) / w;
				const boxes = item.tells.map((tell) => {
					const box = regionBox(tell.region);
					return (
						box && { x: box.x * width, y: box.y * height, w: box.w * width, h: box.h * height }
					);
				});
				placeMarkers(boxes, 36, width, height).forEach((spot, index) => {
					const box = boxes[index];
					if (!spot || !box) return;
					const fills = box.w > width * 0.85 && box.h > height * 0.85;
					const on =
						spot.x < box.x + box.w &&
						box.x < spot.x + 36 &&
						spot.y < box.y + box.h &&
						box.y < spot.y + 36;
					if (on && !fills) covering.push(`${item.id} tell ${index + 1} at ${width} px`);
				});
			}
		}
		expect(covering).toEqual([]);
	});
});
