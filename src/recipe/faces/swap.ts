// A landmark face swap in three difficulty tiers, which differ only in how the warped face is
// blended: tier 1 hard edge and no colour match, tier 2 colour match and feathered edge, tier 3
// colour match and Poisson blending.
import sharp from 'sharp';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rgb } from '../common/image';
import { loadRgb, savePng } from '../common/image';
import { WORK_DIR } from '../common/media-store';
import { runPython } from '../common/python';
import { composite, edgeAlpha, insideDistance, transferColour } from './blend';
import type { Face } from './landmarks';
import { triangulate, warpFace, type Point } from './warp';

export type Tier = 1 | 2 | 3;

/** What was done, recorded in the item's provenance. */
export interface SwapRecipe {
	method: string;
	/** The same in one plain sentence, for a player. */
	summary: string;
	parameters: Record<string, string | number>;
}

const SEAMLESS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seamless.py');

/** Feathered edge width as a share of the target face's width (tier 2). */
const FEATHER_SHARE = 0.12;
/** How far the Poisson mask is pulled inside the landmark hull (tier 3), as a share of face width. */
const POISSON_INSET_SHARE = 0.03;

/** The method text and parameters for a tier, before any pixel is touched. */
export function swapRecipe(tier: Tier): SwapRecipe {
	const common = {
		detector: 'face-api SSD MobileNet v1',
		landmarks: 'face-api 68-point landmark net',
		warp: 'Delaunay triangulation of the 68 target landmarks, per-triangle affine, bilinear sampling',
		mask: 'convex hull of the 68 target landmarks'
	};
	if (tier === 1) {
		return {
			method: 'landmark face swap, hard-edged mask, no colour transfer',
			summary:
				'A computer cut the face out of another photo of the same person, bent it to fit this face and pasted it on with a hard edge.',
			parameters: { ...common, colourTransfer: 'none', blend: 'hard', featherShareOfFaceWidth: 0 }
		};
	}
	if (tier === 2) {
		return {
			method: 'landmark face swap, Lab mean/std colour transfer, feathered mask',
			summary:
				'A computer cut the face out of another photo of the same person, bent it to fit this face, matched its colours and faded its edge into the skin.',
			parameters: {
				...common,
				colourTransfer: 'Reinhard mean/std in CIE Lab, statistics under the mask',
				blend: 'feathered (smoothstep ramp inside the mask edge)',
				featherShareOfFaceWidth: FEATHER_SHARE
			}
		};
	}
	return {
		method: 'landmark face swap, Lab mean/std colour transfer, Poisson (seamless) blending',
		summary:
			'A computer cut the face out of another photo of the same person, bent it to fit this face and blended it in until the edge and the colours almost disappear.',
		parameters: {
			...common,
			colourTransfer: 'Reinhard mean/std in CIE Lab, statistics under the mask',
			blend: 'OpenCV seamlessClone NORMAL_CLONE (Poisson)',
			maskInsetShareOfFaceWidth: POISSON_INSET_SHARE
		}
	};
}

/** Puts the face of `source` onto the face of `target`, returning the whole target photo. */
export async function swapFace(
	source: Rgb,
	sourceFace: Face,
	target: Rgb,
	targetFace: Face,
	tier: Tier
): Promise<Rgb> {
	const { triangles } = triangulate(targetFace.points);
	const { width, height } = target;
	const warped = warpFace(source, sourceFace.points, targetFace.points, triangles, width, height);
	const faceWidth = targetFace.box.width;
	if (tier === 1)
		return composite(target, warped.pixels, edgeAlpha(warped.covered, width, height, 0));
	const recoloured = transferColour(warped.pixels, target, warped.covered);
	if (tier === 2) {
		const alpha = edgeAlpha(warped.covered, width, height, faceWidth * FEATHER_SHARE);
		return composite(target, recoloured, alpha);
	}
	const inset = faceWidth * POISSON_INSET_SHARE;
	const distance = insideDistance(warped.covered, width, height);
	const mask = new Uint8Array(distance.length);
	for (let i = 0; i < distance.length; i++) mask[i] = distance[i] > inset ? 255 : 0;
	return poissonBlend(
		target,
		composite(target, recoloured, Float32Array.from(warped.covered)),
		mask
	);
}

async function poissonBlend(target: Rgb, face: Rgb, mask: Uint8Array): Promise<Rgb> {
	mkdirSync(WORK_DIR, { recursive: true });
	const dir = mkdtempSync(path.join(WORK_DIR, 'seamless-'));
	try {
		const [t, f, m, out] = ['target', 'face', 'mask', 'out'].map((n) => path.join(dir, `${n}.png`));
		await savePng(target, t);
		await savePng(face, f);
		await sharp(mask, { raw: { width: target.width, height: target.height, channels: 1 } })
			.png()
			.toFile(m);
		runPython(SEAMLESS, [t, f, m, out]);
		return await loadRgb(out);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The outline of the swapped region: the convex hull of the target's landmarks. */
export function swapOutline(targetFace: Face): Point[] {
	return triangulate(targetFace.points).hull.map((i) => targetFace.points[i]);
}
