/** A small in-memory pack for the class session tests: image and audio pairs over three tiers. */
import type { Tier } from '$lib/game/pack/schema';
import type { TellCategory } from '$lib/game/pack/taxonomy';
import { buildPack, type PairSpec } from './pack-builder';

const IMAGE_TELLS: TellCategory[] = ['blend-seam', 'eyes', 'background', 'skin-texture'];
const AUDIO_TELLS: TellCategory[] = ['flat-intonation', 'missing-breaths'];

/** `count` pairs of one kind, their tells' categories taking turns, tiers cycling 1, 2, 3. */
function specs(kind: 'image' | 'audio', count: number, tells: TellCategory[]): PairSpec[] {
	return Array.from({ length: count }, (_, index) => ({
		kind,
		tier: ((index % 3) + 1) as Tier,
		category: tells[index % tells.length]
	}));
}

/** `images` image pairs and `audio` audio pairs. */
export function classPack({ images = 12, audio = 4 } = {}) {
	return buildPack(
		[...specs('image', images, IMAGE_TELLS), ...specs('audio', audio, AUDIO_TELLS)],
		'class-test'
	);
}
