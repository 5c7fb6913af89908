// Part "scenes" of the default pack: real photos against object removal (inpainting), copy-move
// and splice edits of other real photos. Run alone with `npx tsx src/recipe/scenes/build.ts`.
import sharp from 'sharp';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Credit, Region } from '../../lib/game/pack/schema';
import { loadRgb, type Rgb } from '../common/image';
import { COMPOSITE_CAPTURE, COMPOSITE_SYNTHETIC, DIGITAL_CAPTURE } from '../common/item';
import { WORK_DIR } from '../common/media-store';
import { buildPicturePairs, type FakeDraft, type PictureDraft } from '../common/pairs';
import { runPython } from '../common/python';
import { SCENE_PAIRS, type SceneEdit, type ScenePairPlan, type Shape } from './plan';
import { SCENE_PHOTOS, type ScenePhotoName } from './sources';

/** The working size: every edit happens here, and it is the projector rendition. */
const WORK = { width: 1280, height: 960 };
/** Served widths: phone and projector. */
const WIDTHS = [640, 1280];
const EDIT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'edit.py');
const DIR = path.join(WORK_DIR, 'scenes');

/** The photo upright (EXIF), centre-cropped to 4:3 and resized to the working size, as PNG. */
async function workingImage(name: ScenePhotoName): Promise<string> {
	mkdirSync(DIR, { recursive: true });
	const file = path.join(DIR, `${name}.png`);
	const { data, info } = await sharp(SCENE_PHOTOS[name]().file)
		.rotate()
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const width = Math.min(info.width, Math.round((info.height * 4) / 3));
	const height = Math.round((width * 3) / 4);
	await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
		.extract({
			left: Math.round((info.width - width) / 2),
			top: Math.round((info.height - height) / 2),
			width,
			height
		})
		.resize(WORK.width, WORK.height, { kernel: 'lanczos3' })
		.png()
		.toFile(file);
	return file;
}

function methodOf(edit: SceneEdit): {
	method: string;
	summary: string;
	parameters: Record<string, unknown>;
} {
	if (edit.op === 'inpaint') {
		const name = edit.method === 'telea' ? 'Telea (fast marching)' : 'Navier-Stokes';
		return {
			method: `object removal by inpainting (OpenCV cv2.inpaint, ${name})`,
			summary:
				'Something was removed from this photo, and a computer filled the hole by smearing in the colours around it.',
			parameters: { inpaintRadius: edit.radius, maskDilation: edit.dilate, mask: edit.shapes }
		};
	}
	if (edit.op === 'clone') {
		return {
			method: 'copy-move: a patch of the same photo copied to another place, soft-edged',
			summary: 'A piece of this photo was copied and pasted onto another place in the same photo.',
			parameters: { patch: edit.shape, moveBy: [edit.dx, edit.dy], featherPx: edit.feather }
		};
	}
	return {
		method: `splice: a cut-out from another photo pasted in, soft-edged`,
		summary: 'Something cut out of a different photo was pasted into this one.',
		parameters: { cutOut: edit.shape, moveBy: [edit.dx, edit.dy], featherPx: edit.feather }
	};
}

function bounds(shape: Shape, dx = 0, dy = 0) {
	if (shape.type === 'ellipse') {
		return {
			x0: shape.cx - shape.rx + dx,
			y0: shape.cy - shape.ry + dy,
			x1: shape.cx + shape.rx + dx,
			y1: shape.cy + shape.ry + dy
		};
	}
	const xs = shape.points.map((p) => p[0] + dx);
	const ys = shape.points.map((p) => p[1] + dy);
	return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const unit = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/** A box around the edited (or copied-from) area, with a margin, in normalised coordinates. */
function sceneRegion(edit: SceneEdit, place: 'edit' | 'copied-from', shape?: number): Region {
	const margin = 12;
	let box;
	if (edit.op === 'inpaint') {
		const shapes = shape === undefined ? edit.shapes : [edit.shapes[shape]];
		const all = shapes.map((s) => bounds(s));
		box = {
			x0: Math.min(...all.map((b) => b.x0)) - edit.dilate,
			y0: Math.min(...all.map((b) => b.y0)) - edit.dilate,
			x1: Math.max(...all.map((b) => b.x1)) + edit.dilate,
			y1: Math.max(...all.map((b) => b.y1)) + edit.dilate
		};
	} else if (place === 'copied-from' && edit.op === 'clone') {
		box = bounds(edit.shape);
	} else {
		box = bounds(edit.shape, edit.dx, edit.dy);
	}
	const x = unit((box.x0 - margin) / WORK.width);
	const y = unit((box.y0 - margin) / WORK.height);
	return {
		type: 'box',
		x,
		y,
		w: unit(Math.min(1, (box.x1 + margin) / WORK.width) - x),
		h: unit(Math.min(1, (box.y1 + margin) / WORK.height) - y)
	};
}

async function applyEdit(plan: ScenePairPlan, image: string): Promise<Rgb> {
	const out = path.join(DIR, `${plan.id}.png`);
	const spec = path.join(DIR, `${plan.id}.json`);
	const edit =
		plan.edit.op === 'splice'
			? { ...plan.edit, donor: await workingImage(plan.edit.donor) }
			: plan.edit;
	writeFileSync(spec, JSON.stringify({ image, out, edit }));
	runPython(EDIT, [spec]);
	return loadRgb(out);
}

async function realItem(name: ScenePhotoName): Promise<PictureDraft> {
	const photo = SCENE_PHOTOS[name]();
	const image = await loadRgb(await workingImage(name));
	return {
		image,
		item: {
			kind: 'image',
			truth: 'real',
			alt: photo.alt,
			provenance: {
				source: photo.source,
				author: photo.author,
				licence: photo.licence,
				digitalSourceType: DIGITAL_CAPTURE,
				parameters: { crop: 'centre 4:3, resized to 1280x960' }
			}
		}
	};
}

async function fakeItem(plan: ScenePairPlan): Promise<FakeDraft> {
	const photo = SCENE_PHOTOS[plan.photo]();
	const working = await workingImage(plan.photo);
	const image = await applyEdit(plan, working);
	const { method, summary, parameters } = methodOf(plan.edit);
	const derivedFrom = [photo.source];
	let licence = photo.licence;
	let author = photo.author;
	if (plan.edit.op === 'splice') {
		const donor = SCENE_PHOTOS[plan.edit.donor]();
		derivedFrom.push(`${donor.source} (the cut-out)`);
		author = `${photo.author}; ${donor.author} (cut-out)`;
		if (donor.licence !== licence) licence = `${licence} and ${donor.licence}`;
	}
	return {
		image,
		before: await loadRgb(working),
		item: {
			kind: 'image',
			truth: 'synthetic',
			alt: photo.alt,
			provenance: {
				source: photo.source,
				author,
				licence,
				// Inpainting computes new pixels; copy-move and splice only move captured ones.
				digitalSourceType: plan.edit.op === 'inpaint' ? COMPOSITE_SYNTHETIC : COMPOSITE_CAPTURE,
				method,
				summary,
				parameters: { ...parameters, crop: 'centre 4:3, resized to 1280x960 before the edit' },
				derivedFrom
			},
			tells: plan.tells.map((tell) => ({
				category: tell.category,
				region: sceneRegion(plan.edit, tell.place, tell.shape),
				explanation: tell.explanation
			}))
		}
	};
}

const CREDITS: Credit[] = [
	{
		name: 'Joao Eriberto Mota Filho (forensics-samples)',
		role: 'scene photos (Debian package forensics-samples-files)',
		licence: 'CC-BY-SA-4.0',
		url: 'https://github.com/eribertomota/forensics-samples'
	},
	{
		name: 'Charles Barbin, Jens Ansorg, Sergey Nazarov, "blackcombwhistler07", Marco Cogoni, Hylke Bons, Timothy Schellhase, Lapo Calamandrei and Jean-François Fortin Tam (MATE backgrounds)',
		role: 'nature photos (Debian package mate-backgrounds)',
		licence: 'GPL-2+',
		url: 'https://git.mate-desktop.org/mate-backgrounds/'
	},
	{
		name: 'OpenCV (Debian package python3-opencv)',
		role: 'inpainting, copy-move and splice edits of the scene fakes',
		licence: 'Apache-2.0',
		url: 'https://opencv.org'
	}
];

/** Builds every scene pair and writes the "scenes" fragment. */
export function buildScenes(): Promise<void> {
	return buildPicturePairs({
		name: 'scenes',
		plans: SCENE_PAIRS,
		widths: WIDTHS,
		realItem,
		fakeItem,
		topic: 'scene',
		independent: (plan) => plan.real !== plan.photo,
		describe: (plan) => `${plan.edit.op} on ${plan.photo}`,
		credits: CREDITS
	});
}

if (import.meta.url === `file://${process.argv[1]}`) await buildScenes();
