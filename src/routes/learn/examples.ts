/** What the learn page shows of each tell category. */
import type { Region } from '$lib/game/pack/schema';
import type { TellCategory, TellGroup } from '$lib/game/pack/taxonomy';

/** One tell cut out of a synthetic item of the pack, to show or play on the learn page. */
export interface TellExample {
	kind: 'image' | 'audio' | 'video';
	src: string;
	width?: number;
	height?: number;
	duration?: number;
	region: Region;
	explanation: string;
	alt?: string;
	transcript?: string;
}

export interface LearnCategory {
	id: TellCategory;
	group: TellGroup;
	examples: TellExample[];
}
