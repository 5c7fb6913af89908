// Part "video" of the default pack: real talking-head clips against clips with a face swapped onto
// every frame, muxed with the original sound; and faceless footage against other footage with a
// scene edit (a copy, an erased object, a still patch) on every frame, both sides silent. Run alone with
// `npx tsx src/recipe/video/build.ts`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Credit, Item, Pair, Region } from '../../lib/game/pack/schema';
import { writeFragment } from '../common/fragment';
import { loadRgb, savePng, type Rgb } from '../common/image';
import { motion, type Box, type FramePair, type Motion, type Step } from '../common/motion';
import { COMPOSITE_CAPTURE, COMPOSITE_SYNTHETIC, DIGITAL_CAPTURE, pairOf } from '../common/item';
import { runPython } from '../common/python';
import { itemIdFor, storeMedia, WORK_DIR } from '../common/media-store';
import { DIFFICULTY } from '../common/tiers';
import { visibility, type Visibility } from '../common/visibility';
import { loadSpot } from '../faces/album';
import { detectFaces, type Face } from '../faces/landmarks';
import { swapFace, swapRecipe } from '../faces/swap';
import { encodeVideo, extractClip, VIDEO } from './clip';
import {
	SCENE_CLIP_PAIRS,
	SCENE_CLIPS,
	VIDEO_CLIPS,
	VIDEO_PAIRS,
	type ClipWindow,
	type SceneClipPlan,
	type SceneEdit,
	type VideoClipPlan,
	type VideoTellPlan,
	type Window
} from './plan';
import {
	ballFilm,
	diverFilm,
	forensicsMovie,
	kphotoalbumMovie,
	shepardFilm,
	type Recording,
	type SceneRecording
} from './sources';

/** What the swap did on each frame, for the tells' time ranges and boxes. */
interface FrameLog {
	swapped: boolean;
	/** How visible the swap is in this frame at phone size (common/visibility.ts). */
	seen?: Visibility;
	face?: Box;
	eyes?: Box;
	mouth?: Box;
}

const recordings: Record<ClipWindow['recording'], () => Recording> = {
	kphotoalbum: kphotoalbumMovie,
	forensics: forensicsMovie
};

function boxOf(points: [number, number][]): Box {
	const xs = points.map((p) => p[0]);
	const ys = points.map((p) => p[1]);
	return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function union(boxes: Box[]): Box {
	return {
		x0: Math.min(...boxes.map((b) => b.x0)),
		y0: Math.min(...boxes.map((b) => b.y0)),
		x1: Math.max(...boxes.map((b) => b.x1)),
		y1: Math.max(...boxes.map((b) => b.y1))
	};
}

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

function normalised(box: Box, margin: number) {
	const x = round((box.x0 - margin) / VIDEO.width);
	const y = round((box.y0 - margin) / VIDEO.height);
	return {
		x,
		y,
		w: round(Math.min((box.x1 + margin) / VIDEO.width, 1) - x),
		h: round(Math.min((box.y1 + margin) / VIDEO.height, 1) - y)
	};
}

async function donorFace(plan: VideoClipPlan, recording: Recording, dir: string) {
	if ('spot' in plan.donor) {
		const spot = await loadSpot(plan.donor.spot);
		return { image: spot.image, face: spot.face, from: `${spot.photo.source} (the face)` };
	}
	const still = extractClip(
		{ file: recording.file, start: plan.donor.at, duration: 1 / VIDEO.fps, crop: plan.clip.crop },
		path.join(dir, 'donor')
	);
	const image = await loadRgb(still.frames[0]);
	const [face] = await detectFaces(image.data, image.width, image.height);
	if (!face) throw new Error(`${plan.id}: no face in the donor frame at ${plan.donor.at} s`);
	return { image, face, from: `${recording.source}, the frame at ${plan.donor.at} s (the face)` };
}

async function buildClip(plan: VideoClipPlan): Promise<{ real: Item; synthetic: Item }> {
	const recording = recordings[plan.clip.recording]();
	const dir = path.join(WORK_DIR, 'video', plan.id);
	const clip = extractClip({ ...plan.clip, file: recording.file }, path.join(dir, 'real'));
	const donor = await donorFace(plan, recording, dir);

	const fakeFrames = path.join(dir, 'fake');
	mkdirSync(fakeFrames, { recursive: true });
	const log: FrameLog[] = [];
	for (const [index, file] of clip.frames.entries()) {
		const frame: Rgb = await loadRgb(file);
		const [face]: (Face | undefined)[] = await detectFaces(frame.data, frame.width, frame.height);
		let out = frame;
		if (face) {
			out = await swapFace(donor.image, donor.face, frame, face, plan.tier);
			log.push({
				swapped: true,
				seen: await visibility(out, frame),
				face: boxOf(face.points),
				eyes: boxOf(face.points.slice(36, 48)),
				mouth: boxOf(face.points.slice(48, 68))
			});
		} else {
			log.push({ swapped: false });
		}
		await savePng(out, frameFile(fakeFrames, index));
	}

	const real = encodeVideo(
		path.join(dir, 'real', 'frames'),
		clip.audio,
		path.join(dir, 'real.mp4')
	);
	const fake = encodeVideo(fakeFrames, clip.audio, path.join(dir, 'fake.mp4'));
	const media = (encoded: { bytes: Uint8Array; duration: number }) => [
		{
			src: storeMedia(encoded.bytes, 'mp4'),
			type: 'video/mp4',
			width: VIDEO.width,
			height: VIDEO.height,
			duration: encoded.duration
		}
	];
	const window = `${plan.clip.start}-${plan.clip.start + plan.clip.duration} s${plan.clip.crop ? `, crop ${plan.clip.crop}` : ''}, scaled to ${VIDEO.width}x${VIDEO.height} at ${VIDEO.fps} fps`;
	const realMedia = media(real);
	const realItem: Item = {
		id: itemIdFor(realMedia[0].src),
		kind: 'video',
		media: realMedia,
		truth: 'real',
		provenance: {
			source: recording.source,
			author: recording.author,
			licence: recording.licence,
			digitalSourceType: DIGITAL_CAPTURE,
			parameters: { window }
		}
	};
	const fakeMedia = media(fake);
	const recipe = swapRecipe(plan.tier);
	const difficulty = videoDifficulty(
		await mostVisible(
			plan.tells.flatMap((tell) => tellFrames(tell.span, log)),
			async (i) => log[i].seen
		),
		await mostMoving(
			plan.tells.map((tell) =>
				stepsOver(tellFrames(tell.span, log), log.length, (i) => log[i][tell.place])
			),
			async (i) => ({
				fake: await loadRgb(frameFile(fakeFrames, i)),
				original: await loadRgb(clip.frames[i])
			})
		)
	);
	const fakeItem: Item = {
		id: itemIdFor(fakeMedia[0].src),
		kind: 'video',
		media: fakeMedia,
		truth: 'synthetic',
		provenance: {
			source: recording.source,
			author: recording.author,
			licence: recording.licence,
			digitalSourceType: COMPOSITE_SYNTHETIC,
			method: `${recipe.method}, on every frame where a face was found; original sound`,
			summary: recipe.summary
				// A face taken from a frame of the same recording is not "another photo".
				.replace(
					'another photo of the same person',
					'at' in plan.donor ? 'another moment of the same video' : 'a photo of the same person'
				)
				.replace(/\.$/, ', in every frame of the video; the sound is the original.'),
			parameters: {
				...recipe.parameters,
				window,
				framesSwapped: `${log.filter((f) => f.swapped).length} of ${log.length}`,
				[DIFFICULTY]: difficulty
			},
			derivedFrom: [donor.from, `${recording.source} (the clip it was put into)`]
		},
		tells: plan.tells.map((tell) => ({
			category: tell.category,
			region: videoRegion(tell.span, tell.place, log, plan.id),
			explanation: tell.explanation
		}))
	};
	return { real: realItem, synthetic: fakeItem };
}

const seconds = (frame: number) => frame / VIDEO.fps;

/** Where frame `index` (from 0) of a clip's frames is written, as ffmpeg numbers them. */
const frameFile = (dir: string, index: number) =>
	path.join(dir, `${String(index + 1).padStart(4, '0')}.png`);

/** The frames a swap tell covers (see VideoTellPlan['span']). */
function tellFrames(span: VideoTellPlan['span'], log: FrameLog[]): number[] {
	return log.flatMap((f, i) => {
		if (typeof span === 'object') {
			return f.swapped && seconds(i) >= span.from && seconds(i) < span.to ? [i] : [];
		}
		return (span === 'swapped') === f.swapped ? [i] : [];
	});
}

/**
 * The frame cue of a video fake: the visibility at phone size (common/visibility.ts) of its most
 * visible frame among those its tells point at, each measured against the same frame before the
 * edit. One plain frame is enough for a player who looks closely.
 */
async function mostVisible(
	frames: number[],
	seenAt: (frame: number) => Promise<Visibility | undefined>
) {
	let best: { frame: number; seen: Visibility } | undefined;
	for (const frame of [...new Set(frames)].sort((a, b) => a - b)) {
		const seen = await seenAt(frame);
		if (seen && (!best || seen.value > best.seen.value)) best = { frame, seen };
	}
	if (!best) throw new Error('no edited frame among the frames of the tells');
	return { ...best.seen, at: Math.round(seconds(best.frame) * 100) / 100 };
}

/**
 * The steps from frame to frame that a tell's frames touch (a flicker is in the step into or
 * out of a frame the swap missed), each looked at in the tell's place in either frame.
 */
function stepsOver(
	frames: number[],
	count: number,
	place: (frame: number) => Box | undefined
): Step[] {
	const tell = new Set(frames);
	const steps: Step[] = [];
	for (let to = 1; to < count; to++) {
		if (!tell.has(to) && !tell.has(to - 1)) continue;
		const boxes = [place(to - 1), place(to)].filter((box): box is Box => box !== undefined);
		if (boxes.length > 0) steps.push({ to, box: union(boxes) });
	}
	return steps;
}

/** The motion cue of a video fake (common/motion.ts): its tell whose motion is the most off. */
async function mostMoving(
	tells: Step[][],
	frame: (index: number) => Promise<FramePair>
): Promise<Motion & { at: number }> {
	let best: Motion | undefined;
	for (const steps of tells) {
		const moving = await motion(steps, frame);
		if (!best || moving.value > best.value) best = moving;
	}
	if (!best) throw new Error('a video fake without tells');
	return { ...best, at: Math.round(seconds(best.from) * 100) / 100 };
}

/**
 * A video fake's difficulty: the larger of its frame cue and its motion cue, because one clear
 * cue is enough to see a fake; a frozen mouth or a vanishing ball shows only when played.
 */
function videoDifficulty(frame: Visibility & { at: number }, moving: Motion & { at: number }) {
	return {
		measure:
			'the larger of the visibility at phone size (common/visibility.ts) of the most visible frame its tells point at and the motion mismatch at phone size (common/motion.ts) over its tells',
		value: Math.max(frame.value, moving.value),
		cue: frame.value >= moving.value ? 'frame' : 'motion',
		frame,
		motion: { value: moving.value, mismatch: moving.mismatch, at: moving.at }
	};
}

function videoRegion(
	span: VideoTellPlan['span'],
	place: VideoTellPlan['place'],
	log: FrameLog[],
	id: string
): Region {
	const frames = tellFrames(span, log);
	if (frames.length === 0)
		throw new Error(`${id}: no frames for a tell spanning ${JSON.stringify(span)}`);
	// A tell seen in a stretch of the clip is outlined where it is in that stretch.
	const boxes = (typeof span === 'object' ? frames.map((i) => log[i]) : log).flatMap((f) =>
		f[place] ? [f[place]] : []
	);
	const margin = place === 'face' ? 4 : 3;
	return {
		type: 'time',
		start: Math.round(seconds(frames[0]) * 100) / 100,
		end: Math.round(seconds(frames[frames.length - 1] + 1) * 100) / 100,
		box: normalised(union(boxes), margin)
	};
}

const SCENE_EDIT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'edit.py');

const sceneRecordings: Record<SceneClipPlan['recording'], () => SceneRecording> = {
	shepard: shepardFilm,
	ball: ballFilm,
	diver: diverFilm
};

/** What a scene edit did, in the technical words of the item's method. */
function sceneMethod(edit: SceneEdit, frames: number): string {
	const [, , w, h] = edit.box;
	const box = `a ${w}x${h} px box of every frame`;
	const edge = `feathered edge of ${edit.feather} px`;
	if (edit.op === 'erase') {
		return `object removal on video: ${box} filled with the clip's background, the per-pixel median of all ${frames} frames (the camera is still), ${edge} (OpenCV)`;
	}
	if (edit.op === 'clone') {
		const across = edit.dx < 0 ? `${-edit.dx} px to the left` : `${edit.dx} px across`;
		return `copy-move on video: ${box} copied ${across} and ${edit.dy} px down within the same frame, ${edge} (OpenCV)`;
	}
	return `still patch on video: ${box} covered with the same box of frame ${edit.at + 1} of ${frames}, ${edge} (OpenCV)`;
}

interface SceneClip {
	plan: SceneClipPlan;
	real: Item;
	synthetic: Item;
	frames: { real: number; fake: number };
}

/** A window of a scene recording as frames, with silence for its sound. */
function windowFrames(recording: SceneRecording, window: Window, dir: string) {
	return extractClip({ file: recording.file, ...window, crop: recording.crop, silent: true }, dir);
}

const describeWindow = (window: Window, recording: SceneRecording) =>
	`${window.start}-${Math.round((window.start + window.duration) * 100) / 100} s${recording.crop ? `, crop ${recording.crop}` : ''}, scaled to ${VIDEO.width}x${VIDEO.height} at ${VIDEO.fps} fps, no sound`;

const videoMedia = (encoded: { bytes: Uint8Array; duration: number }) => [
	{
		src: storeMedia(encoded.bytes, 'mp4'),
		type: 'video/mp4',
		width: VIDEO.width,
		height: VIDEO.height,
		duration: encoded.duration
	}
];

async function buildSceneClip(plan: SceneClipPlan): Promise<SceneClip> {
	const recording = sceneRecordings[plan.recording]();
	const dir = path.join(WORK_DIR, 'video', plan.id);
	const real = windowFrames(recording, plan.real, path.join(dir, 'real'));
	const before = windowFrames(recording, plan.fake, path.join(dir, 'before'));
	const spec = path.join(dir, 'edit.json');
	const log = path.join(dir, 'changed.json');
	const fakeFrames = path.join(dir, 'fake');
	writeFileSync(
		spec,
		JSON.stringify({
			frames: path.join(dir, 'before', 'frames'),
			out: fakeFrames,
			log,
			edit: plan.edit
		})
	);
	runPython(SCENE_EDIT, [spec]);
	const changed = JSON.parse(readFileSync(log, 'utf8')) as (
		[number, number, number, number] | null
	)[];

	const realMedia = videoMedia(
		encodeVideo(path.join(dir, 'real', 'frames'), real.audio, path.join(dir, 'real.mp4'))
	);
	const fakeMedia = videoMedia(encodeVideo(fakeFrames, before.audio, path.join(dir, 'fake.mp4')));
	const framePair = async (i: number): Promise<FramePair> => ({
		fake: await loadRgb(path.join(fakeFrames, path.basename(before.frames[i]))),
		original: await loadRgb(before.frames[i])
	});
	const difficulty = videoDifficulty(
		await mostVisible(
			plan.tells.flatMap((tell) => changedFrames(changed, tell.span)),
			async (i) => {
				const { fake, original } = await framePair(i);
				return visibility(fake, original);
			}
		),
		await mostMoving(
			plan.tells.map((tell) =>
				stepsOver(changedFrames(changed, tell.span), changed.length, (i) => {
					const box = changed[i];
					return box ? { x0: box[0], y0: box[1], x1: box[2], y1: box[3] } : undefined;
				})
			),
			framePair
		)
	);
	const credit = {
		source: recording.source,
		author: recording.author,
		licence: recording.licence
	};
	const realItem: Item = {
		id: itemIdFor(realMedia[0].src),
		kind: 'video',
		media: realMedia,
		truth: 'real',
		provenance: {
			...credit,
			digitalSourceType: DIGITAL_CAPTURE,
			parameters: { window: describeWindow(plan.real, recording) }
		}
	};
	const synthetic: Item = {
		id: itemIdFor(fakeMedia[0].src),
		kind: 'video',
		media: fakeMedia,
		truth: 'synthetic',
		provenance: {
			...credit,
			// An erased area is filled with computed pixels; a copy or a still patch only moves captured ones.
			digitalSourceType: plan.edit.op === 'erase' ? COMPOSITE_SYNTHETIC : COMPOSITE_CAPTURE,
			method: `${sceneMethod(plan.edit, changed.length)}; sound removed`,
			summary: plan.summary,
			parameters: {
				window: describeWindow(plan.fake, recording),
				edit: plan.edit.op,
				box: plan.edit.box.join(', '),
				framesChanged: `${changed.filter(Boolean).length} of ${changed.length}`,
				[DIFFICULTY]: difficulty
			},
			derivedFrom: [
				`${recording.source}, ${plan.fake.start}-${plan.fake.start + plan.fake.duration} s`
			]
		},
		tells: plan.tells.map((tell) => ({
			category: tell.category,
			region: changedRegion(changed, tell.span, plan.id),
			explanation: tell.explanation
		}))
	};
	return {
		plan,
		real: realItem,
		synthetic,
		frames: { real: real.frames.length, fake: changed.length }
	};
}

/** The frames (within `span`, if given) where a scene edit changed the picture. */
function changedFrames(
	changed: ([number, number, number, number] | null)[],
	span: { from: number; to: number } | undefined
): number[] {
	return changed.flatMap((box, i) =>
		box && (!span || (seconds(i) >= span.from && seconds(i) < span.to)) ? [i] : []
	);
}

/** A scene tell's place: the frames (within `span`) where the edit changed the picture, and where. */
function changedRegion(
	changed: ([number, number, number, number] | null)[],
	span: { from: number; to: number } | undefined,
	id: string
): Region {
	const frames = changedFrames(changed, span);
	if (frames.length === 0) throw new Error(`${id}: the edit changed no frame of its tell`);
	const boxes = frames.map((i) => {
		const [x0, y0, x1, y1] = changed[i]!;
		return { x0, y0, x1, y1 };
	});
	return {
		type: 'time',
		start: Math.round(seconds(frames[0]) * 100) / 100,
		end: Math.round(seconds(frames[frames.length - 1] + 1) * 100) / 100,
		box: normalised(union(boxes), 3)
	};
}

/** A fake's difficulty for the log: both cues and the larger. */
function describeDifficulty(fake: Item): string {
	const {
		value,
		frame,
		motion: moving
	} = fake.provenance.parameters?.[DIFFICULTY] as ReturnType<typeof videoDifficulty>;
	return `difficulty ${value} (frame ${frame.value} at ${frame.at} s; motion ${moving.value}, mismatch ${moving.mismatch} at ${moving.at} s)`;
}

/** Builds the scene clips and pairs each real window with the next clip's fake (plan.ts). */
async function buildScenePairs(): Promise<{ items: Item[]; pairs: Pair[] }> {
	const clips = new Map<string, SceneClip>();
	for (const plan of SCENE_CLIPS) {
		const clip = await buildSceneClip(plan);
		clips.set(plan.id, clip);
		console.log(
			`video: ${plan.id} tier ${plan.tier} ${plan.edit.op} on ${plan.recording}; frames changed ${clip.synthetic.provenance.parameters?.framesChanged}; ${describeDifficulty(clip.synthetic)}`
		);
	}
	const clip = (id: string) => {
		const found = clips.get(id);
		if (!found) throw new Error(`video pair names unknown scene clip ${id}`);
		return found;
	};
	const pairs = SCENE_CLIP_PAIRS.map((pair) => {
		const real = clip(pair.real);
		const fake = clip(pair.synthetic);
		if (real.frames.real !== fake.frames.fake) {
			throw new Error(`${pair.id}: ${real.frames.real} real frames against ${fake.frames.fake}`);
		}
		if (real.plan.recording === fake.plan.recording) {
			throw new Error(`${pair.id}: both sides come from the ${real.plan.recording} recording`);
		}
		return pairOf(pair.id, real.real, fake.synthetic, {
			tier: fake.plan.tier,
			topic: 'video',
			independent: true
		});
	});
	return { items: [...clips.values()].flatMap((c) => [c.real, c.synthetic]), pairs };
}

const CREDITS: Credit[] = [
	{
		name: 'Jesper K. Pedersen (KPhotoAlbum demo movie)',
		role: 'talking-head video',
		licence: 'GPL-2+',
		url: 'https://kphotoalbum.org'
	},
	{
		name: 'Joao Eriberto Mota Filho (forensics-samples)',
		role: 'webcam video',
		licence: 'CC-BY-SA-4.0',
		url: 'https://github.com/eribertomota/forensics-samples'
	},
	{
		name: 'Shepard, film of the 1906 French Grand Prix (Wikimedia Commons, in python-nbsphinx-doc)',
		role: 'racing film',
		licence: 'public domain',
		url: 'https://commons.wikimedia.org/wiki/File:Shepard_Calais_1906_FrenchGP.ogv'
	},
	{
		name: 'Benoît Markey (pymecavideo example video)',
		role: 'video of a thrown ball',
		licence: 'CC-BY-SA-3.0',
		url: 'https://packages.debian.org/bookworm/python3-mecavideo'
	},
	{
		name: 'Extended View Toolkit authors, IEM Graz (pd-extendedview example video)',
		role: 'underwater video',
		licence: 'GPL-3+',
		url: 'https://github.com/extendedview/extended_view_toolkit'
	},
	{
		name: 'FFmpeg and x264 (Debian package ffmpeg)',
		role: 'video decoding and encoding',
		licence: 'GPL-2+',
		url: 'https://ffmpeg.org'
	}
];

/** Builds every video pair and writes the "video" fragment. */
export async function buildVideo(): Promise<void> {
	const clips = new Map<string, { plan: VideoClipPlan; real: Item; synthetic: Item }>();
	for (const plan of VIDEO_CLIPS) {
		clips.set(plan.id, { plan, ...(await buildClip(plan)) });
		console.log(
			`video: ${plan.id} tier ${plan.tier}; ${describeDifficulty(clips.get(plan.id)!.synthetic)}`
		);
	}
	const clip = (id: string) => {
		const found = clips.get(id);
		if (!found) throw new Error(`video pair names unknown clip ${id}`);
		return found;
	};
	const pairs: Pair[] = VIDEO_PAIRS.map((pair) => {
		const synthetic = clip(pair.synthetic);
		// Different windows of one recording are still the same recording: not independent.
		return pairOf(pair.id, clip(pair.real).real, synthetic.synthetic, {
			tier: synthetic.plan.tier,
			topic: 'video',
			independent: false
		});
	});
	const scenes = await buildScenePairs();
	const items = [...clips.values()].flatMap((c) => [c.real, c.synthetic]);
	writeFragment({
		part: 'video',
		items: [...items, ...scenes.items],
		pairs: [...pairs, ...scenes.pairs],
		credits: CREDITS
	});
}

if (import.meta.url === `file://${process.argv[1]}`) await buildVideo();
