// The name of a language in the player's own language ("fr-CA" -> "Canadian French"), for the
// line that says which language a round is in. Falls back to the tag where the runtime has no name.
import { getLocale } from '$lib/paraglide/runtime.js';

export function languageName(tag: string): string {
	try {
		return new Intl.DisplayNames([getLocale()], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}
