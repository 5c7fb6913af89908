/** Paths as they are in every language, for cookies scoped to a part of the site. */
import { localizeHref, locales } from '$lib/paraglide/runtime.js';

/**
 * A path in every language (/class/…, /zh-CN/class/…): a cookie reaches only the paths under its
 * own, and a page may be open in any language, so a cookie for a part of the site is set on each.
 */
export function pathsInEveryLanguage(path: string): string[] {
	return locales.map((locale) => localizeHref(path, { locale }));
}
