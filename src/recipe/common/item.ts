// Helpers the parts share to describe items in the manifest's own shapes.
import type { Item, Pair } from '../../lib/game/pack';

export const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
/** An unaltered photo or recording. */
export const DIGITAL_CAPTURE = `${IPTC}digitalCapture`;
/** A mix of captured media and edits made by software (face swaps, splices, copy-move). */
export const COMPOSITE_SYNTHETIC = `${IPTC}compositeSynthetic`;

/**
 * A pair with its two items in id order: ids are hashes, so the order says nothing about which
 * side is real, and it does not change between runs.
 */
export function pairOf(id: string, a: Item, b: Item, fields: Omit<Pair, 'id' | 'items'>): Pair {
	const [first, second] = [a.id, b.id].sort();
	return { id, items: [first, second], ...fields };
}
