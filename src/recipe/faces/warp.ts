// The geometric half of a landmark face swap: Delaunay triangles over the target's landmarks, and
// each triangle of the source face mapped onto its partner by its own affine transform.
import Delaunator from 'delaunator';
import type { Rgb } from '../common/image';

export type Point = [number, number];

/** Triangles (index triples into `points`) of the Delaunay triangulation, and its convex hull. */
export function triangulate(points: Point[]): { triangles: number[][]; hull: number[] } {
	const delaunay = Delaunator.from(points);
	const triangles: number[][] = [];
	for (let t = 0; t < delaunay.triangles.length; t += 3) {
		triangles.push([delaunay.triangles[t], delaunay.triangles[t + 1], delaunay.triangles[t + 2]]);
	}
	return { triangles, hull: Array.from(delaunay.hull) };
}

/**
 * Warps `source` so that its landmarks land on `target` landmarks, one affine map per triangle.
 * Returns float RGB the size of the target (`width` x `height`) and a coverage mask: 1 inside the
 * triangulated face, 0 outside.
 */
export function warpFace(
	source: Rgb,
	sourcePoints: Point[],
	targetPoints: Point[],
	triangles: number[][],
	width: number,
	height: number
): { pixels: Float32Array; covered: Uint8Array } {
	const pixels = new Float32Array(width * height * 3);
	const covered = new Uint8Array(width * height);
	for (const [a, b, c] of triangles) {
		const [ta, tb, tc] = [targetPoints[a], targetPoints[b], targetPoints[c]];
		const [sa, sb, sc] = [sourcePoints[a], sourcePoints[b], sourcePoints[c]];
		const det = (tb[0] - ta[0]) * (tc[1] - ta[1]) - (tc[0] - ta[0]) * (tb[1] - ta[1]);
		if (Math.abs(det) < 1e-9) continue;
		const x0 = Math.max(0, Math.floor(Math.min(ta[0], tb[0], tc[0])));
		const x1 = Math.min(width - 1, Math.ceil(Math.max(ta[0], tb[0], tc[0])));
		const y0 = Math.max(0, Math.floor(Math.min(ta[1], tb[1], tc[1])));
		const y1 = Math.min(height - 1, Math.ceil(Math.max(ta[1], tb[1], tc[1])));
		for (let y = y0; y <= y1; y++) {
			for (let x = x0; x <= x1; x++) {
				// Barycentric coordinates of the pixel centre in the target triangle.
				const px = x + 0.5 - ta[0];
				const py = y + 0.5 - ta[1];
				const u = (px * (tc[1] - ta[1]) - py * (tc[0] - ta[0])) / det;
				const v = (py * (tb[0] - ta[0]) - px * (tb[1] - ta[1])) / det;
				if (u < -1e-9 || v < -1e-9 || u + v > 1 + 1e-9) continue;
				const sx = sa[0] + u * (sb[0] - sa[0]) + v * (sc[0] - sa[0]) - 0.5;
				const sy = sa[1] + u * (sb[1] - sa[1]) + v * (sc[1] - sa[1]) - 0.5;
				sampleBilinear(source, sx, sy, pixels, (y * width + x) * 3);
				covered[y * width + x] = 1;
			}
		}
	}
	return { pixels, covered };
}

function sampleBilinear(image: Rgb, x: number, y: number, out: Float32Array, at: number): void {
	const cx = Math.min(Math.max(x, 0), image.width - 1);
	const cy = Math.min(Math.max(y, 0), image.height - 1);
	const x0 = Math.floor(cx);
	const y0 = Math.floor(cy);
	const x1 = Math.min(x0 + 1, image.width - 1);
	const y1 = Math.min(y0 + 1, image.height - 1);
	const fx = cx - x0;
	const fy = cy - y0;
	for (let ch = 0; ch < 3; ch++) {
		const p00 = image.data[(y0 * image.width + x0) * 3 + ch];
		const p10 = image.data[(y0 * image.width + x1) * 3 + ch];
		const p01 = image.data[(y1 * image.width + x0) * 3 + ch];
		const p11 = image.data[(y1 * image.width + x1) * 3 + ch];
		out[at + ch] = (p00 * (1 - fx) + p10 * fx) * (1 - fy) + (p01 * (1 - fx) + p11 * fx) * fy;
	}
}
