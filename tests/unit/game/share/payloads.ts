// Share payloads the share tests build on.
import type { SharePayload, ShareResult } from '$lib/game/share/payload';

/** Twenty rounds of mixed play: right unless the index is a multiple of 3, buckets 0-3 in turn. */
export function twentyRounds(): SharePayload {
	return {
		packId: 'default',
		packVersion: '1.0.0',
		seed: 0xffffffff,
		mode: 'mixed',
		count: 20,
		difficulty: 'any',
		kinds: ['image', 'audio', 'video'],
		focus: ['eyes', 'splice-jump', 'frozen-region'],
		results: Array.from({ length: 20 }, (_, i): ShareResult => ({
			correct: i % 3 !== 0,
			bucket: (i % 4) as 0 | 1 | 2 | 3
		})),
		day: '2026-11-25'
	};
}
