/** What RoundMedia hands each view of an item (picture, voice or video). */
import type { PlayerItem, RevealedTell } from '$lib/game/play/round';

/** The props every view of an item takes. */
export interface ItemViewProps {
	item: PlayerItem;
	/** Accessible name when the pack gives none, e.g. "Left picture" or "Voice on the left". */
	label: string;
	/** Tells to draw (the synthetic item after the verdict). */
	tells?: RevealedTell[];
	/** The tell in focus (its index), if any. */
	focused?: number | null;
	/** A tell was tapped (its index), or the whole item asked for (null). */
	onfocus?: (tellIndex: number | null) => void;
	/**
	 * The tallest the picture or video may be, in px, so a screen that cannot scroll (the
	 * projector) shows it whole; it then keeps its shape and narrows. Unset: full width.
	 */
	fitHeight?: number;
}
