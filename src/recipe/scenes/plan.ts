// The scene pairs: which photo is edited, how, and which real photo it is shown against. Shapes
// are in pixels of the 1280x960 working image (the projector rendition); the tells' regions are
// the bounding boxes of those same shapes. Explanations were written after looking at each result.
import type { TellCategory } from '../../lib/game/pack/schema';
import type { ScenePhotoName } from './sources';

export type Shape =
	| { type: 'polygon'; points: [number, number][] }
	| { type: 'ellipse'; cx: number; cy: number; rx: number; ry: number };

export type SceneEdit =
	| { op: 'inpaint'; shapes: Shape[]; method: 'telea' | 'ns'; radius: number; dilate: number }
	| { op: 'clone'; shape: Shape; dx: number; dy: number; feather: number }
	| { op: 'splice'; donor: ScenePhotoName; shape: Shape; dx: number; dy: number; feather: number };

/** Where a tell points: the edited area, or for a clone the patch it was copied from. */
export type ScenePlace = 'edit' | 'copied-from';

export interface SceneTellPlan {
	category: TellCategory;
	place: ScenePlace;
	/** For an inpainting with several shapes: which one (default: all of them). */
	shape?: number;
	explanation: string;
}

export interface ScenePairPlan {
	id: string;
	tier: 1 | 2 | 3;
	photo: ScenePhotoName;
	edit: SceneEdit;
	real: ScenePhotoName;
	tells: SceneTellPlan[];
}

export const SCENE_PAIRS: ScenePairPlan[] = [
	{
		id: 'scene-01',
		tier: 1,
		photo: 'table',
		edit: {
			op: 'inpaint',
			method: 'telea',
			radius: 5,
			dilate: 6,
			shapes: [
				{
					type: 'polygon',
					points: [
						[727, 492],
						[745, 505],
						[750, 528],
						[740, 612],
						[722, 660],
						[708, 680],
						[665, 705],
						[622, 750],
						[602, 760],
						[555, 736],
						[548, 703],
						[568, 662],
						[602, 608],
						[630, 568],
						[660, 535],
						[687, 515],
						[712, 500]
					]
				}
			]
		},
		real: 'table',
		tells: [
			{
				category: 'smudged-fill',
				place: 'edit',
				explanation:
					'A long smear of blurred colour runs across the wall and the tablecloth: the pattern of little Christmas trees stops and turns into streaks of red, green and white. Something standing here was painted out.'
			},
			{
				category: 'lighting-mismatch',
				place: 'edit',
				explanation:
					'A grey shadow still lies on the tablecloth at the lower left of the smear, but nothing is there any more to cast it.'
			}
		]
	},
	{
		id: 'scene-02',
		tier: 1,
		photo: 'city',
		edit: {
			op: 'inpaint',
			method: 'ns',
			radius: 5,
			dilate: 4,
			shapes: [
				{
					type: 'polygon',
					points: [
						[416, 558],
						[450, 558],
						[462, 620],
						[472, 680],
						[482, 720],
						[482, 762],
						[436, 762],
						[428, 700],
						[418, 640],
						[414, 590]
					]
				}
			]
		},
		real: 'city',
		tells: [
			{
				category: 'smudged-fill',
				place: 'edit',
				explanation:
					'A brown, blurry strip lies on the tracks where something was erased: it has horizontal streaks and none of the gravel texture around it.'
			},
			{
				category: 'warped-geometry',
				place: 'edit',
				explanation:
					'The rails and the white line beside them stop at the top of the strip and only come back below it; real rails run on without a gap.'
			}
		]
	},
	{
		id: 'scene-03',
		tier: 3,
		photo: 'park',
		edit: {
			op: 'clone',
			shape: { type: 'ellipse', cx: 716, cy: 160, rx: 50, ry: 36 },
			dx: 250,
			dy: 12,
			feather: 10
		},
		real: 'roots',
		tells: [
			{
				category: 'cloned-region',
				place: 'edit',
				explanation:
					'This mound is an exact copy of the one on the left: the same shape, the same bumps, the same patch of shadow.'
			},
			{
				category: 'cloned-region',
				place: 'copied-from',
				explanation:
					'The copy on the right was taken from this mound: compare their outlines bump for bump.'
			}
		]
	},
	{
		id: 'scene-04',
		tier: 2,
		photo: 'ladybird',
		edit: {
			op: 'clone',
			shape: { type: 'ellipse', cx: 952, cy: 500, rx: 95, ry: 100 },
			dx: -420,
			dy: -140,
			feather: 14
		},
		real: 'garden',
		tells: [
			{
				category: 'cloned-region',
				place: 'edit',
				explanation:
					'A second ladybird, the same as the first down to the white spots and the bent legs, sits where the stem suddenly looks doubled.'
			},
			{
				category: 'background',
				place: 'edit',
				explanation:
					'Around the new ladybird is a round patch of a different green, with a blue blur under it that belongs to the flowers lower down.'
			},
			{
				category: 'cloned-region',
				place: 'copied-from',
				explanation:
					'The copy up on the left was taken from this ladybird, together with the stem and background around it.'
			}
		]
	},
	{
		id: 'scene-05',
		tier: 3,
		photo: 'rain',
		edit: {
			op: 'inpaint',
			method: 'telea',
			radius: 5,
			dilate: 5,
			shapes: [
				{ type: 'ellipse', cx: 323, cy: 510, rx: 40, ry: 42 },
				{ type: 'ellipse', cx: 555, cy: 530, rx: 34, ry: 28 },
				{ type: 'ellipse', cx: 688, cy: 650, rx: 30, ry: 28 }
			]
		},
		real: 'rain',
		tells: [
			{
				category: 'smudged-fill',
				place: 'edit',
				shape: 0,
				explanation:
					'Here the fine stripes of the leaf give way to a flat, blotchy patch with a darker corner: a water drop was painted out.'
			},
			{
				category: 'smudged-fill',
				place: 'edit',
				shape: 1,
				explanation: 'Another flat, smooth patch with no leaf stripes, where a drop used to be.'
			},
			{
				category: 'smudged-fill',
				place: 'edit',
				shape: 2,
				explanation:
					'A third blotch without stripes, next to the remaining drops: the biggest drop here was removed.'
			}
		]
	},
	{
		id: 'scene-06',
		tier: 1,
		photo: 'yellow',
		edit: {
			op: 'splice',
			donor: 'ladybird',
			shape: {
				type: 'polygon',
				points: [
					[880, 500],
					[883, 467],
					[900, 437],
					[943, 425],
					[983, 430],
					[1017, 467],
					[1025, 500],
					[1017, 520],
					[983, 540],
					[950, 557],
					[910, 540],
					[883, 520]
				]
			},
			dx: -500,
			dy: 90,
			feather: 3
		},
		real: 'fresh',
		tells: [
			{
				category: 'blend-seam',
				place: 'edit',
				explanation:
					'The ladybird sits inside a many-sided cut-out, with bits of green background around it, pasted on a yellow petal.'
			},
			{
				category: 'lighting-mismatch',
				place: 'edit',
				explanation:
					'The ladybird is sharp while the petal under it is soft and blurred, and it casts no shadow on the petal.'
			}
		]
	},
	{
		id: 'scene-07',
		tier: 3,
		photo: 'aqua',
		edit: {
			op: 'clone',
			shape: { type: 'ellipse', cx: 880, cy: 312, rx: 16, ry: 18 },
			dx: -360,
			dy: -70,
			feather: 6
		},
		real: 'storm',
		tells: [
			{
				category: 'cloned-region',
				place: 'edit',
				explanation:
					'This droplet is a copy of the one lower down on the right, and it brought a pale round halo of lighter water with it.'
			},
			{
				category: 'cloned-region',
				place: 'copied-from',
				explanation:
					'The original droplet: the copy up on the left has exactly the same shape and highlights.'
			}
		]
	},
	{
		id: 'scene-08',
		tier: 2,
		photo: 'city',
		edit: {
			op: 'clone',
			shape: { type: 'ellipse', cx: 1212, cy: 845, rx: 34, ry: 26 },
			dx: -110,
			dy: -70,
			feather: 6
		},
		real: 'floor',
		tells: [
			{
				category: 'cloned-region',
				place: 'edit',
				explanation:
					'A second white car, identical to the one below down to its reflections, sits in the middle of the road.'
			},
			{
				category: 'background',
				place: 'edit',
				explanation:
					'Beside the copied car a green sign and a brown patch of grass float on the tarmac: they were copied along with it.'
			},
			{
				category: 'cloned-region',
				place: 'copied-from',
				explanation: 'The original car, which was copied further up the road.'
			}
		]
	},
	{
		id: 'scene-09',
		tier: 1,
		photo: 'wings',
		edit: {
			op: 'clone',
			shape: { type: 'ellipse', cx: 650, cy: 460, rx: 230, ry: 170 },
			dx: -360,
			dy: -250,
			feather: 25
		},
		real: 'meadow',
		tells: [
			{
				category: 'cloned-region',
				place: 'edit',
				explanation:
					'The seed tuft at the top left is the same as the one in the middle, every white hair in the same place, and it has no seed under it: its stalk stops in mid-air.'
			},
			{
				category: 'background',
				place: 'edit',
				explanation:
					'Around that tuft is a round patch of orange blur with a soft circular edge, sitting on the dark green background: it was cut out together with the tuft.'
			},
			{
				category: 'cloned-region',
				place: 'copied-from',
				explanation:
					'The copy at the top left was taken from this tuft, together with the orange blur behind it.'
			}
		]
	},
	{
		id: 'scene-10',
		tier: 2,
		photo: 'dune',
		edit: {
			op: 'inpaint',
			method: 'ns',
			radius: 5,
			dilate: 6,
			shapes: [
				{
					type: 'polygon',
					points: [
						[670, 120],
						[695, 128],
						[690, 200],
						[660, 330],
						[630, 420],
						[615, 470],
						[595, 465],
						[605, 400],
						[630, 310],
						[655, 200]
					]
				}
			]
		},
		real: 'wood',
		tells: [
			{
				category: 'smudged-fill',
				place: 'edit',
				explanation:
					'A tall seed head of grass was erased here. A grey smudge hangs in the sky with nothing under it, a thin grass blade runs into it and stops dead, and lower down the blue sea is patched with pale, blocky smears.'
			}
		]
	}
];
