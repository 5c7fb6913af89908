import { getLocaleForUrl, overwriteGetLocale } from '$lib/paraglide/runtime';

// Every URL names its locale (a path without a locale prefix is the base locale), so the page's
// URL is the one source of the locale in the browser. Paraglide's own getLocale() also stores
// the first locale it resolves in a cookie, from inside the first message a page renders: a
// synchronous cookie write in the middle of hydration, for a cookie nothing reads.
overwriteGetLocale(() => getLocaleForUrl(window.location.href));
