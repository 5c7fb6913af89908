// The video pairs: a real talking-head clip against a clip with a face swapped onto every frame,
// and faceless footage against other footage with a scene edit on every frame (SCENE_CLIPS).
// Explanations were written after looking at frames of each edited clip.
import type { TellCategory } from '../../lib/game/pack/schema';
import type { SpotName } from '../faces/spots';
import type { Tier } from '../faces/swap';

/** Which frames a video tell covers, and where in the picture. */
export interface VideoTellPlan {
	category: TellCategory;
	/**
	 * 'swapped': from the first to the last swapped frame; 'missed': frames where no face was found;
	 * or the seconds of the clip where the flaw was seen (swapped frames from `from` until `to`).
	 */
	span: 'swapped' | 'missed' | { from: number; to: number };
	place: 'face' | 'eyes' | 'mouth';
	explanation: string;
}

/** A time window of one of the recordings, and an optional crop (w:h:x:y) of its picture. */
export interface ClipWindow {
	recording: 'kphotoalbum' | 'forensics';
	start: number;
	duration: number;
	crop?: string;
}

/** Where the pasted face comes from: a photo of the album, or one moment of the same recording. */
export type FaceDonor = { spot: SpotName } | { at: number };

/** One clip window, built twice: as it is (real) and with a face swapped in (synthetic). */
export interface VideoClipPlan {
	id: string;
	/** The tier of the swapped version, by how it is blended. */
	tier: Tier;
	clip: ClipWindow;
	donor: FaceDonor;
	tells: VideoTellPlan[];
}

/** The webcam inset of the forensics screen recording, in its 1280x720 frame. */
const WEBCAM_INSET = '252:189:115:84';

export const VIDEO_CLIPS: VideoClipPlan[] = [
	{
		id: 'movie',
		tier: 1,
		clip: { recording: 'kphotoalbum', start: 0, duration: 4.5 },
		// A moment of the same film, not an album photo: the album's photos of him are played online,
		// and this pair is the video topic's only one whose footage no online pair uses (practice).
		donor: { at: 0 },
		tells: [
			{
				category: 'lip-sync',
				span: 'swapped',
				place: 'mouth',
				explanation:
					'You hear him talk, but his lips hardly move: the face pasted on every frame was taken from the first moment of the film, when his mouth was closed.'
			},
			{
				category: 'accessories',
				span: 'swapped',
				place: 'eyes',
				explanation:
					'The bridge of his glasses is a dark smudge, and in some frames a second frame line runs along the top of the lenses: the glasses of the pasted face and his own do not line up.'
			}
		]
	},
	{
		id: 'hello-start',
		tier: 2,
		clip: { recording: 'forensics', start: 0, duration: 4, crop: WEBCAM_INSET },
		donor: { at: 6 },
		tells: [
			{
				category: 'accessories',
				// Seen in the frames: the bend shows once he lowers his head, from 3.0 s to the end.
				span: { from: 3, to: 4 },
				place: 'eyes',
				explanation:
					'Watch his glasses once he lowers his head: the lenses stretch and bend, and the frame no longer sits straight on his nose.'
			},
			{
				category: 'flicker',
				span: 'missed',
				place: 'face',
				explanation:
					'In a few frames the swap failed and his own face shows through, so the glasses and cheeks jump between two slightly different shapes.'
			}
		]
	},
	{
		id: 'hello-end',
		tier: 3,
		clip: { recording: 'forensics', start: 4.2, duration: 4, crop: WEBCAM_INSET },
		donor: { at: 1 },
		tells: [
			{
				category: 'accessories',
				span: 'swapped',
				place: 'eyes',
				explanation:
					'His glasses look doubled: a second, bent frame line crosses the lenses, and the eyes behind them are darker and harder to see than they should be.'
			},
			{
				category: 'flicker',
				span: 'missed',
				place: 'face',
				explanation:
					'When he moves quickly the swap drops out for a few frames and the face underneath flickers through.'
			}
		]
	}
];

/**
 * Which real clip each synthetic clip is shown against. The two webcam windows are crossed (the
 * real start against the swapped end and the other way round) so that the synthetic file is not
 * the larger one in every pair: the flicker of a swap costs the encoder bits.
 */
export const VIDEO_PAIRS: { id: string; real: string; synthetic: string }[] = [
	{ id: 'video-01', real: 'movie', synthetic: 'movie' },
	{ id: 'video-02', real: 'hello-start', synthetic: 'hello-end' },
	{ id: 'video-03', real: 'hello-end', synthetic: 'hello-start' }
];

/** A window of a faceless recording, in seconds. */
export interface Window {
	start: number;
	duration: number;
}

/** A box in pixels of the served frame (VIDEO.width x VIDEO.height): x, y, width, height. */
export type FrameBox = [number, number, number, number];

/** The scene edits video/edit.py makes on every frame (see its docstring). */
export type SceneEdit =
	| { op: 'erase'; box: FrameBox; feather: number }
	| { op: 'clone'; box: FrameBox; dx: number; dy: number; feather: number }
	| { op: 'freeze'; box: FrameBox; at: number; feather: number };

/** A tell of a scene edit: outlined where the edit changed the picture, in the seconds given. */
export interface SceneTellPlan {
	category: TellCategory;
	/** The seconds where it is seen; absent, every frame the edit visibly changed. */
	span?: { from: number; to: number };
	explanation: string;
}

/**
 * Footage without a face, used twice: one window as it is (a real item) and another window with
 * a scene edit on every frame (a synthetic item). The two go to different pairs, each against
 * another recording, so no fake is ever shown beside its own footage.
 */
export interface SceneClipPlan {
	id: string;
	tier: Tier;
	recording: 'shepard' | 'ball' | 'diver';
	real: Window;
	fake: Window;
	edit: SceneEdit;
	/** How the fake was made, in one sentence a 14-year-old understands. */
	summary: string;
	tells: SceneTellPlan[];
}

/**
 * The scene clips, in a ring: each pair (SCENE_CLIP_PAIRS) shows one clip's real window against
 * the next clip's fake, so every recording is real in one pair and fake in another, and a player
 * cannot learn "the old film is the real one". No recording meets itself in a pair. Both windows
 * of a pair have one length. Explanations were written after looking at the edited frames.
 */
export const SCENE_CLIPS: SceneClipPlan[] = [
	{
		id: 'track-man',
		tier: 2,
		recording: 'shepard',
		real: { start: 16.5, duration: 2.5 },
		fake: { start: 5.6, duration: 3 },
		edit: { op: 'clone', box: [106, 26, 32, 56], dx: 62, dy: 0, feather: 6 },
		summary:
			'The man standing by the track was copied and pasted a little further along in every frame, so he appears twice.',
		tells: [
			{
				category: 'cloned-region',
				// Seen in the frames: the two men until he walks out of the copied box at 1.5 s.
				span: { from: 0, to: 1.5 },
				explanation:
					'Two men stand by the fence, and they are the same man: the same coat and the same steps at the same moment, like a mirror that is not there.'
			},
			{
				category: 'cloned-region',
				span: { from: 1.5, to: 3 },
				explanation:
					'Then a paler rectangle hangs in front of the fence where the copy was pasted: the posts and the dust inside it do not join up with the fence around it.'
			}
		]
	},
	{
		id: 'ball-gone',
		tier: 2,
		recording: 'ball',
		real: { start: 2.7, duration: 2.5 },
		fake: { start: 0.2, duration: 2.5 },
		edit: { op: 'erase', box: [150, 105, 105, 100], feather: 8 },
		summary:
			'The ball was wiped out of the right part of the picture by covering it with the empty wall from other moments of the clip.',
		tells: [
			{
				category: 'smudged-fill',
				explanation:
					'Follow the ball: half-way across the dark wall it fades away and comes back only at the far right edge. A thrown ball does not vanish in mid-air.'
			}
		]
	},
	{
		id: 'two-posts',
		tier: 3,
		recording: 'shepard',
		real: { start: 9, duration: 2.5 },
		fake: { start: 12, duration: 2.5 },
		// A small copy of background, not of what the eye follows (the car, the man): with six video
		// pairs online, two are always in tier 3, and a second car was plain at phone size.
		edit: { op: 'clone', box: [152, 38, 28, 40], dx: -34, dy: 0, feather: 6 },
		summary:
			'A thin fence post by the track was copied and pasted a little to its left in every frame, so the fence seems to have one more post.',
		tells: [
			{
				category: 'cloned-region',
				explanation:
					"Between the car and the man, two thin posts stand at the foot of the fence, and they are the same post: the same height, the same light streak down the right side, and from frame to frame the old film's specks and flicker change on both in exactly the same way. The left one is a copy."
			}
		]
	},
	{
		id: 'two-balls',
		tier: 1,
		recording: 'ball',
		real: { start: 7.7, duration: 2.5 },
		fake: { start: 5.2, duration: 2.5 },
		edit: { op: 'clone', box: [80, 125, 180, 45], dx: 0, dy: 48, feather: 8 },
		summary:
			'A strip of the picture with the flying ball was copied and pasted lower down in every frame, so a second ball flies under the first.',
		tells: [
			{
				category: 'cloned-region',
				explanation:
					'Two balls fly together, one exactly under the other, always at the same speed, yet only one hand throws. The lower one is a copy.'
			}
		]
	},
	{
		id: 'rock-patch',
		tier: 2,
		recording: 'diver',
		real: { start: 10.5, duration: 3 },
		fake: { start: 2, duration: 2.5 },
		edit: { op: 'freeze', box: [190, 120, 110, 110], at: 37, feather: 8 },
		summary:
			'A square of the picture was covered with the same square from the last moment of the clip, a still patch that does not move with the camera.',
		tells: [
			{
				category: 'frozen-region',
				span: { from: 0, to: 1.7 },
				explanation:
					'Lower right, a square of greener water stays still while the camera swims past the rock and the bubbles stream by: that part of the picture is frozen.'
			}
		]
	}
];

/** Which real window each scene fake is shown against: the next clip's in the ring. */
export const SCENE_CLIP_PAIRS: { id: string; real: string; synthetic: string }[] = [
	{ id: 'video-04', real: 'track-man', synthetic: 'ball-gone' },
	{ id: 'video-05', real: 'ball-gone', synthetic: 'two-posts' },
	{ id: 'video-06', real: 'two-posts', synthetic: 'two-balls' },
	{ id: 'video-07', real: 'two-balls', synthetic: 'rock-patch' },
	{ id: 'video-08', real: 'rock-patch', synthetic: 'track-man' }
];
