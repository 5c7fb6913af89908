// The face pairs: which face goes onto which photo of the same person, in which tier, which real
// photo it is shown against, and the tells as they were seen in the result. Every explanation was
// written after looking at that swapped image; the regions come from the swap's landmarks.
import type { TellCategory } from '../../lib/game/pack';
import type { FacePlace } from './regions';
import type { SpotName } from './spots';
import type { Tier } from './swap';

export interface FaceTellPlan {
	category: TellCategory;
	place: FacePlace;
	explanation: string;
}

export interface FacePairPlan {
	id: string;
	tier: Tier;
	/** The photo whose face is replaced; the fake is a crop of it. */
	target: SpotName;
	/** The other photo of the same person that gives the new face. */
	source: SpotName;
	/** The real photo the fake is shown against: the target itself, or another photo. */
	real: SpotName;
	tells: FaceTellPlan[];
}

export const FACE_PAIRS: FacePairPlan[] = [
	{
		id: 'face-01',
		tier: 1,
		target: 'bar55_2:jesper',
		source: 'jesper_2:jesper',
		real: 'bar55_2:jesper',
		tells: [
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A hard edge runs around the face: his fringe stops in a straight line just above the eyebrows, and down the cheeks the pasted skin is lighter than the skin beside it.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'The eyes are a bright, sharp turquoise that does not fit the dim yellow light of the bar or the soft focus of the rest of the photo.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The mouth is bent into a lopsided, half-open shape: it came from a photo where he was talking and was stretched to fit a smile.'
			}
		]
	},
	{
		id: 'face-02',
		tier: 2,
		target: 'bar55:jesper',
		source: 'bar55_2:jesper',
		real: 'qt-logo:jesper',
		tells: [
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'His head is bowed down towards her, yet his eyes are wide open and look straight at the camera: they come from a photo where he faced the lens.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The skin from the eyebrows to the chin is paler and smoother than his forehead and neck, as if a lighter layer sits on top.'
			}
		]
	},
	{
		id: 'face-03',
		tier: 3,
		target: 'bar55:anne',
		source: 'bar55_2:anne',
		real: 'anne_helene:anne',
		tells: [
			{
				category: 'skin-texture',
				place: 'chin',
				explanation:
					'A pale curved streak sits on her chin below the lips. It is the rim of a wine glass from the photo the face was taken from, pasted in with the skin.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'Her lips are closed in a flat, blurry line while the rest of the face is sharper; the mouth was stretched from another photo.'
			}
		]
	},
	{
		id: 'face-04',
		tier: 1,
		target: 'qt-logo:wayne',
		source: 'wayne:wayne',
		real: 'qt-logo:wayne',
		tells: [
			{
				category: 'blend-seam',
				place: 'brow',
				explanation:
					'A straight edge cuts across his forehead: the hair of the fringe stops in a line and a flat patch of face begins below it.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The face is blurry and yellow while his ears, neck and hair are sharp and pinker: a small face was blown up to cover a big one.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation: 'The teeth melt into one smeared white band with no gaps between them.'
			}
		]
	}
];
