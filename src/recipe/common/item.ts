// Helpers the parts share to describe items in the manifest's own shapes.
import type { Item, Pair } from '../../lib/game/pack/schema';

export const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
/** An unaltered photo or recording. */
export const DIGITAL_CAPTURE = `${IPTC}digitalCapture`;
/**
 * A composite with at least one synthetic element: pixels computed by software, such as a face
 * warped and recoloured onto another photo, or an inpainted fill.
 */
export const COMPOSITE_SYNTHETIC = `${IPTC}compositeSynthetic`;
/** A composite whose elements are all real captures, only moved: copy-move and splice. */
export const COMPOSITE_CAPTURE = `${IPTC}compositeCapture`;

/**
 * A pair with its two items in id order: ids are hashes, so the order says nothing about which
 * side is real, and it does not change between runs.
 */
export function pairOf(id: string, a: Item, b: Item, fields: Omit<Pair, 'id' | 'items'>): Pair {
	const [first, second] = [a.id, b.id].sort();
	return { id, items: [first, second], ...fields };
}
