/** Player-facing names and one-line descriptions of the tell categories, in the current locale. */
import type { TellCategory } from '$lib/game/pack/taxonomy';
import { m } from '$lib/paraglide/messages.js';

// Spelled out (not built from the id) so the bundler keeps only these messages and TypeScript
// checks that every category has both.
const NAMES: Record<TellCategory, () => string> = {
	'blend-seam': m.tell_blend_seam_name,
	'skin-texture': m.tell_skin_texture_name,
	'lighting-mismatch': m.tell_lighting_mismatch_name,
	eyes: m.tell_eyes_name,
	'teeth-mouth': m.tell_teeth_mouth_name,
	'hair-edges': m.tell_hair_edges_name,
	accessories: m.tell_accessories_name,
	'warped-geometry': m.tell_warped_geometry_name,
	background: m.tell_background_name,
	'text-symbols': m.tell_text_symbols_name,
	'cloned-region': m.tell_cloned_region_name,
	'smudged-fill': m.tell_smudged_fill_name,
	'flat-intonation': m.tell_flat_intonation_name,
	'buzzy-timbre': m.tell_buzzy_timbre_name,
	'missing-breaths': m.tell_missing_breaths_name,
	'splice-jump': m.tell_splice_jump_name,
	'unnatural-rhythm': m.tell_unnatural_rhythm_name,
	mispronunciation: m.tell_mispronunciation_name,
	'lip-sync': m.tell_lip_sync_name,
	flicker: m.tell_flicker_name,
	'frozen-region': m.tell_frozen_region_name
};

const DESCRIPTIONS: Record<TellCategory, () => string> = {
	'blend-seam': m.tell_blend_seam_desc,
	'skin-texture': m.tell_skin_texture_desc,
	'lighting-mismatch': m.tell_lighting_mismatch_desc,
	eyes: m.tell_eyes_desc,
	'teeth-mouth': m.tell_teeth_mouth_desc,
	'hair-edges': m.tell_hair_edges_desc,
	accessories: m.tell_accessories_desc,
	'warped-geometry': m.tell_warped_geometry_desc,
	background: m.tell_background_desc,
	'text-symbols': m.tell_text_symbols_desc,
	'cloned-region': m.tell_cloned_region_desc,
	'smudged-fill': m.tell_smudged_fill_desc,
	'flat-intonation': m.tell_flat_intonation_desc,
	'buzzy-timbre': m.tell_buzzy_timbre_desc,
	'missing-breaths': m.tell_missing_breaths_desc,
	'splice-jump': m.tell_splice_jump_desc,
	'unnatural-rhythm': m.tell_unnatural_rhythm_desc,
	mispronunciation: m.tell_mispronunciation_desc,
	'lip-sync': m.tell_lip_sync_desc,
	flicker: m.tell_flicker_desc,
	'frozen-region': m.tell_frozen_region_desc
};

/** The category's short name, e.g. "Blend seam". */
export function tellName(category: TellCategory): string {
	return NAMES[category]();
}

/** One line on what to look or listen for. */
export function tellDescription(category: TellCategory): string {
	return DESCRIPTIONS[category]();
}
