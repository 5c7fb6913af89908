// The face pairs: which face goes onto which photo of the same person, in which tier, which real
// photo it is shown against, and the tells as they were seen in the result. Every explanation was
// written after looking at that swapped image; the regions come from the swap's landmarks.
import type { TellCategory } from '../../lib/game/pack/schema';
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
	/**
	 * The real photo the fake is shown against: the target itself, or another photo; never the
	 * photo that gave the face (the same face and expression on both sides would give it away).
	 */
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
					'A hard edge runs around the face: his fringe stops in a straight line just above the eyebrows, and down the cheeks the pasted skin is darker and greyer than his neck and the skin beside it.'
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
				category: 'blend-seam',
				place: 'brow',
				explanation:
					'Just above the eyebrows a soft band marks where the pasted face begins: below it the skin is pinker and warmer than his pale forehead.'
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
					'Her lips are pressed together in a soft, blurry band, and a faint pale line runs from the left corner of her mouth into her cheek.'
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
	},
	{
		id: 'face-05',
		tier: 2,
		target: 'bar55_2:anne',
		source: 'bar55:anne',
		real: 'bar55_2:anne',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'Her skin from the eyebrows down is softer and smoother than her forehead, which still shows fine freckles.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'Between her lips a row of teeth shows as a soft white smear with no clear edges.'
			}
		]
	},
	{
		id: 'face-06',
		tier: 1,
		target: 'new_wave_1:jesper',
		source: 'new_wave_2:jesper',
		real: 'new_wave_1:jesper',
		tells: [
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A hard outline runs round a pale, bluish-white face, while his forehead and neck are warm beige. On the right the edge even cuts across the fingers resting on his cheek.'
			},
			{
				category: 'lighting-mismatch',
				place: 'face',
				explanation:
					'The face is lit brightly from the front, like a flash photo, but the rest of his head is in soft, warm room light.'
			}
		]
	},
	{
		id: 'face-07',
		tier: 2,
		target: 'wayne:wayne',
		source: 'qt-logo:wayne',
		real: 'wayne:wayne',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The face is dull, greyish and softer than his ears and hair, and the skin around the mouth is smudged.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'Only a small row of yellowish teeth shows in a wide, laughing mouth, and the lips around it are blurred.'
			}
		]
	},
	{
		id: 'face-08',
		tier: 3,
		target: 'bar55:jesper',
		source: 'jesper:jesper',
		real: 'bar55:jesper',
		tells: [
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The mouth came with the pasted face: the thin closed smile is blurrier than his eyes and does not lift his cheeks.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'His head is bowed down towards her, yet his eyes are open and look straight out of the photo, in a cold green-blue.'
			},
			{
				category: 'blend-seam',
				place: 'brow',
				explanation:
					'The eyebrows are darker, straighter and sharper than the soft, pale forehead just above them.'
			}
		]
	},
	{
		id: 'face-09',
		tier: 3,
		target: 'qt-logo:jesper',
		source: 'bar55:jesper',
		real: 'jesper_2:jesper',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The skin from the eyebrows to the chin is smoother and a shade paler than the blotchy forehead above it.'
			}
		]
	},
	{
		id: 'face-10',
		tier: 1,
		target: 'jesper_2:jesper',
		source: 'qt-logo:jesper',
		real: 'new_wave_1:jesper',
		tells: [
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A sharp outline runs round a pinker patch of face: across the forehead under his fringe, down both cheeks and under the chin.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The teeth are stretched into an uneven row with pointed gaps, bent to fit a mouth that was talking, not grinning.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'The pupils glow red, a camera flash reflection that does not fit the soft light on the rest of his head.'
			}
		]
	},
	{
		id: 'face-11',
		tier: 3,
		target: 'bar55_2:jesper',
		source: 'bar55:jesper',
		real: 'new_wave_2:jesper',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The skin between the eyebrows and the chin is smoother and more even than his forehead, which still shows pores and small spots.'
			}
		]
	},
	{
		id: 'face-12',
		tier: 2,
		target: 'qt-logo:wayne',
		source: 'wayne:wayne',
		real: 'qt-logo:wayne',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The face is blurry and waxy, while his hair, ears and neck are sharp and show fine wrinkles.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation: 'The teeth are a soft white smear with no gaps between them.'
			}
		]
	},
	{
		id: 'face-13',
		tier: 1,
		target: 'cold_water:jesper',
		source: 'grand_canyon_2:jesper',
		real: 'pool_2:jesper',
		tells: [
			{
				category: 'lighting-mismatch',
				place: 'face',
				explanation:
					'The face is lit by orange evening sun from one side, with a deep blue shadow on the other, while the rest of his head is in flat grey daylight.'
			},
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A jagged, stair-stepped edge runs round the face patch and stands out against his cheeks and chin.'
			},
			{
				category: 'accessories',
				place: 'eyes',
				explanation:
					'His sunglasses are gone from the patch: only a piece of the dark frame is left at its top edge.'
			}
		]
	},
	{
		id: 'face-14',
		tier: 2,
		target: 'qt-logo:jesper',
		source: 'bar55_2:jesper',
		real: 'qt-logo:jesper',
		tells: [
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The teeth are a neat row of small, evenly spaced teeth, smaller than such a wide grin would show.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'His cheeks are smoother and more evenly pink than his forehead, which still shows small spots.'
			}
		]
	},
	{
		id: 'face-15',
		tier: 2,
		target: 'bar55_2:jesper',
		source: 'qt-logo:jesper',
		real: 'jesper:jesper',
		tells: [
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The teeth are yellowish and uneven, with a dark gap under the upper row, as if a wider grin was squeezed into this mouth.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation: 'His cheeks look smoother and more blurred than his forehead and hairline.'
			}
		]
	},
	{
		id: 'face-16',
		tier: 1,
		target: 'bar55:jesper',
		source: 'qt-logo:jesper',
		real: 'grand_canyon_2:jesper',
		tells: [
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A hard-edged, purplish-pink patch covers the face from the eyebrows to the chin; the skin around it is warm beige.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'His head is bowed down, yet the eyes in the patch look straight at the camera.'
			}
		]
	},
	{
		id: 'face-17',
		tier: 1,
		target: 'grand_canyon_2:jesper',
		source: 'jesper_2:jesper',
		real: 'grand_canyon_2:jesper',
		tells: [
			{
				category: 'lighting-mismatch',
				place: 'face',
				explanation:
					'The face is lit evenly and looks pale pink, while the rest of his head glows orange in the low evening sun.'
			},
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A jagged edge runs round the face, right under the brim of his hat and down both cheeks.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The face is sharp, with crisp eyes and teeth, while his hat and the cheeks around it are soft and blurry.'
			}
		]
	},
	{
		id: 'face-18',
		tier: 2,
		target: 'jesper:jesper',
		source: 'bar55_2:jesper',
		real: 'jesper:jesper',
		tells: [
			{
				category: 'warped-geometry',
				place: 'nose',
				explanation:
					'The nose is bent out of shape: its left side has a doubled outline, as if two noses were drawn one over the other.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'The eyes are dark, with a red glow in the pupils: a flash reflection carried over from another photo.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The smile is lopsided: the lips are stretched thin and uneven teeth peek out of one side.'
			}
		]
	},
	{
		id: 'face-19',
		tier: 1,
		target: 'bar55:anne',
		source: 'bar55_2:anne',
		real: 'bar55:anne',
		tells: [
			{
				category: 'blend-seam',
				place: 'outline',
				explanation:
					'A visible edge runs round a greyish face patch: across the forehead under her fringe and down her cheeks, where the skin outside is warmer.'
			},
			{
				category: 'skin-texture',
				place: 'chin',
				explanation:
					'A brown, glassy wedge sits on her chin: it is the rim of a wine glass, cut out of another photo together with the face.'
			}
		]
	},
	{
		id: 'face-20',
		tier: 3,
		target: 'bar55_2:anne',
		source: 'bar55:anne',
		real: 'bar55_2:anne',
		tells: [
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'A pale ring runs round both eyes, lighter than the skin of her cheeks and forehead, where the pasted eye area meets her own skin.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'A thin row of teeth shows between her lips, soft and blurred next to the sharp rim of the glass in front of her.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'Her cheeks are smoother and slightly blotchy, with fewer freckles than her forehead.'
			}
		]
	},
	{
		id: 'face-21',
		tier: 3,
		target: 'wayne:wayne',
		source: 'qt-logo:wayne',
		real: 'wayne:wayne',
		tells: [
			{
				category: 'lighting-mismatch',
				place: 'brow',
				explanation:
					'Pale, bleached arcs run over both eyes where the eyebrows should be, brighter than any light falling on his face.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'A small row of yellowish teeth sits in a wide, laughing mouth, with blurred lips around it.'
			},
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'The middle of the face is a flat, greyish beige, softer than the sharp highlights on his cheeks and ears.'
			}
		]
	},
	{
		id: 'face-22',
		tier: 2,
		target: 'jesper_2:jesper',
		source: 'jesper:jesper',
		real: 'jesper_2:jesper',
		tells: [
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The mouth is pressed into a small closed smile with faint vertical streaks on the lips, where the skin was stretched to fit.'
			},
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'The eyes do not match: his left eye (on the right of the picture) droops and looks sideways while the other looks ahead.'
			}
		]
	},
	{
		id: 'face-23',
		tier: 3,
		target: 'pool_2:jesper',
		source: 'bar55:jesper',
		real: 'pool_2:jesper',
		tells: [
			{
				category: 'eyes',
				place: 'eyes',
				explanation:
					'Around both eyes there are dark, ragged smudges instead of clear eyelids and eyebrows, and the eyes look closed.'
			},
			{
				category: 'skin-texture',
				place: 'nose',
				explanation:
					'A small bright green speck sits beside his nose, a colour that appears nowhere else on his face.'
			}
		]
	},
	{
		id: 'face-24',
		tier: 3,
		target: 'new_wave_1:jesper',
		source: 'qt-logo:jesper',
		real: 'new_wave_1:jesper',
		tells: [
			{
				category: 'skin-texture',
				place: 'face',
				explanation:
					'White blotches sit on both cheeks, flat patches with no skin texture, unlike the rest of his face.'
			},
			{
				category: 'blend-seam',
				// His hand rests on the picture's right side of the face: the tell is there, not all round.
				place: 'jaw-right',
				explanation:
					'Where his fingers touch his cheek they fade into the skin, as if the face had been painted over them.'
			},
			{
				category: 'teeth-mouth',
				place: 'mouth',
				explanation:
					'The teeth of the wide grin are yellowish and blurry, softer than his sharp eyes and eyebrows.'
			}
		]
	}
];
