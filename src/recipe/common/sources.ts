// What each pair of the default pack is made from, one id per photo (and person in it), scene
// photo, recording or prompt. Assemble writes them into the manifest's `sources`, where the pack
// rules keep practice pairs (public answers) apart from online pairs: a player who has seen a
// photo's answer in practice must not meet the same photo online.
import { FACE_PAIRS } from '../faces/plan';
import { SCENE_PAIRS } from '../scenes/plan';
import { SCENE_CLIP_PAIRS, SCENE_CLIPS, VIDEO_CLIPS, VIDEO_PAIRS } from '../video/plan';

const unique = (ids: string[]) => [...new Set(ids)].sort();

/** A person in an album photo: the swaps take faces from them and paste faces onto them. */
const albumSpot = (spot: string) => `album:${spot}`;

/** The sources of every face, scene and video pair by pair id (voices record their own). */
export function pictureAndVideoSources(): Map<string, string[]> {
	const sources = new Map<string, string[]>();
	for (const plan of FACE_PAIRS) {
		sources.set(plan.id, unique([plan.target, plan.source, plan.real].map(albumSpot)));
	}
	for (const plan of SCENE_PAIRS) {
		const donor = plan.edit.op === 'splice' ? [plan.edit.donor] : [];
		sources.set(plan.id, unique([plan.photo, plan.real, ...donor].map((name) => `scene:${name}`)));
	}
	const clip = (id: string) => {
		const found = VIDEO_CLIPS.find((plan) => plan.id === id);
		if (!found) throw new Error(`video pair names unknown clip ${id}`);
		return found;
	};
	for (const pair of VIDEO_PAIRS) {
		const real = clip(pair.real);
		const fake = clip(pair.synthetic);
		// A whole recording counts as one source: two windows of it show the same person and room.
		const ids = [`recording:${real.clip.recording}`, `recording:${fake.clip.recording}`];
		if ('spot' in fake.donor) ids.push(albumSpot(fake.donor.spot));
		sources.set(pair.id, unique(ids));
	}
	const sceneClip = (id: string) => {
		const found = SCENE_CLIPS.find((plan) => plan.id === id);
		if (!found) throw new Error(`video pair names unknown scene clip ${id}`);
		return found;
	};
	for (const pair of SCENE_CLIP_PAIRS) {
		const ids = [pair.real, pair.synthetic].map((id) => `recording:${sceneClip(id).recording}`);
		sources.set(pair.id, unique(ids));
	}
	return sources;
}
