// The faces of the KPhotoAlbum demo album that the pack uses: which photo, where the face is (a
// point inside its detection box, upright coordinates) and whose face it is, so that swaps stay
// between photos of the same person.
import type { Point } from './warp';

export interface FaceSpot {
	photo: string;
	at: Point;
	person: 'Jesper' | 'Anne Helene' | 'Wayne' | 'Jim';
	/** A neutral description for screen readers, the same for an original and its manipulation. */
	alt: string;
}

export const SPOTS = {
	'anne_helene:anne': {
		photo: 'anne_helene.jpg',
		at: [181, 183],
		person: 'Anne Helene',
		alt: 'A smiling woman with blond hair and sunglasses sitting on a beach.'
	},
	'bar55:anne': {
		photo: 'bar55.jpg',
		at: [312, 284],
		person: 'Anne Helene',
		alt: 'A smiling blond woman leaning against a man in a dark bar.'
	},
	'bar55:jesper': {
		photo: 'bar55.jpg',
		at: [409, 219],
		person: 'Jesper',
		alt: 'A smiling man with his arm around a blond woman in a dark bar.'
	},
	'bar55_2:jesper': {
		photo: 'bar55_2.jpg',
		at: [437, 169],
		person: 'Jesper',
		alt: 'A smiling man in a striped shirt raising a glass of wine in a bar.'
	},
	'bar55_2:anne': {
		photo: 'bar55_2.jpg',
		at: [316, 192],
		person: 'Anne Helene',
		alt: 'A smiling blond woman raising a glass of wine, cheek to cheek with a man.'
	},
	'cold_water:jesper': {
		photo: 'cold_water.jpg',
		at: [459, 207],
		person: 'Jesper',
		alt: 'A man in sunglasses and a black sweatshirt standing in shallow sea water.'
	},
	'grand_canyon_1:anne': {
		photo: 'grand_canyon_1.jpg',
		at: [369, 214],
		person: 'Anne Helene',
		alt: 'A blond woman in a white jacket in front of a canyon.'
	},
	'grand_canyon_1:jesper': {
		photo: 'grand_canyon_1.jpg',
		at: [161, 143],
		person: 'Jesper',
		alt: 'A man in a dark jacket in front of a canyon under a blue sky.'
	},
	'grand_canyon_2:jesper': {
		photo: 'grand_canyon_2.jpg',
		at: [381, 280],
		person: 'Jesper',
		alt: 'A man in a knitted hat at a canyon viewpoint in evening light.'
	},
	'jesper:jesper': {
		photo: 'jesper.jpg',
		at: [403, 245],
		person: 'Jesper',
		alt: 'A close-up of a smiling man with short hair.'
	},
	'jesper_2:jesper': {
		photo: 'jesper_2.jpg',
		at: [383, 255],
		person: 'Jesper',
		alt: 'A man in a dark jacket talking to the camera, in front of a white door.'
	},
	'new_wave_1:jesper': {
		photo: 'new_wave_1.jpg',
		at: [384, 241],
		person: 'Jesper',
		alt: 'A young man with spiky hair resting his cheek on his hand.'
	},
	'new_wave_2:jesper': {
		photo: 'new_wave_2.jpg',
		at: [400, 297],
		person: 'Jesper',
		alt: 'A young man with tall spiky hair smiling widely in a room with photos on the wall.'
	},
	'pool_2:jesper': {
		photo: 'pool_2.jpg',
		at: [254, 86],
		person: 'Jesper',
		alt: 'A man leaning over a pool table in a dim room.'
	},
	'qt-logo:wayne': {
		photo: 'qt-logo.jpg',
		at: [214, 150],
		person: 'Wayne',
		alt: 'A grinning man in a grey sleeveless shirt flexing his arm next to friends.'
	},
	'qt-logo:jim': {
		photo: 'qt-logo.jpg',
		at: [632, 112],
		person: 'Jim',
		alt: 'A smiling man with glasses flexing his arm next to friends.'
	},
	'qt-logo:jesper': {
		photo: 'qt-logo.jpg',
		at: [408, 155],
		person: 'Jesper',
		alt: 'A smiling man in a red shirt between two friends, all flexing their arms.'
	},
	'wayne:wayne': {
		photo: 'wayne.jpg',
		at: [193, 292],
		person: 'Wayne',
		alt: 'A man in a white shirt standing in a room with wood panelling and a fish on the wall.'
	},
	'wayne:jim': {
		photo: 'wayne.jpg',
		at: [503, 313],
		person: 'Jim',
		alt: 'A man in a red shirt in a wood-panelled room.'
	}
} satisfies Record<string, FaceSpot>;

export type SpotName = keyof typeof SPOTS;
