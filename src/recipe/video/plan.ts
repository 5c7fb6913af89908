// The video pairs: a real talking-head clip against the same clip with a face swapped onto every
// frame. Explanations were written after looking at frames of each swapped clip.
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
