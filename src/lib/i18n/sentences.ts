/**
 * Helpers that keep translated sentences whole: a list in the current language's own way, and a
 * sentence split around its one value so the page can wrap the value in markup.
 */
import { getLocale } from '$lib/paraglide/runtime.js';

/** "Ada, Bo, and Cy" in English, "Ada、Bo和Cy" in Chinese: never items joined with ", ". */
export function formatList(items: readonly string[]): string {
	return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

const SLOT = '\u0000';

/**
 * The text before and after the value in a translated sentence, e.g. for "Join at {url}" with the
 * URL in bold: the translator still orders the whole sentence. A translation that leaves the
 * value out gives the whole sentence before it.
 */
export function aroundValue(sentence: (value: string) => string): [before: string, after: string] {
	const text = sentence(SLOT);
	const at = text.indexOf(SLOT);
	return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + SLOT.length)];
}
