/**
 * Which language a visitor gets when they arrive at an address without one.
 *
 * The language is in the URL (/zh-CN/play, or no prefix for English), and a URL with a prefix is
 * always served in that language. An address without one is what people pass around (a share
 * link, the join link and QR code on the projector, a bookmark of the home page): whoever opens it
 * from outside the site gets their own language, the one they chose with the language switch (its
 * cookie), or else the first one their browser asks for that Telltale speaks. Links inside the
 * site always carry the page's language, so a navigation from one of its own pages is left alone.
 */
import {
	baseLocale,
	cookieName,
	isLocale,
	localizeUrl,
	locales,
	toLocale,
	type Locale
} from '$lib/paraglide/runtime';
import { cookieValue } from './cookies';

/** The locale a language tag of Accept-Language means, if Telltale speaks it. */
function localeOfTag(tag: string): Locale | undefined {
	const lower = tag.toLowerCase();
	// zh, zh-CN, zh-Hans, zh-SG and also zh-TW and zh-HK: Simplified Chinese is read by far more
	// of those readers than English is.
	if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
	return locales.find((locale) => {
		const own = locale.toLowerCase();
		return lower === own || lower.startsWith(`${own}-`);
	});
}

/** The first locale in an Accept-Language header (by its q weights) that Telltale speaks. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(',')
		.map((part, order) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag: tag.trim(), weight: q ? Number(q.slice(2)) : 1, order };
		})
		.filter(({ tag, weight }) => tag && tag !== '*' && weight > 0)
		.sort((a, b) => b.weight - a.weight || a.order - b.order);
	for (const { tag } of ranked) {
		const locale = localeOfTag(tag);
		if (locale) return locale;
	}
	return undefined;
}

/** The visitor's own language: the switch's cookie, else their browser's, else English. */
export function preferredLocale(request: Request): Locale {
	const chosen = cookieValue(request.headers.get('cookie'), cookieName);
	if (chosen && isLocale(chosen)) return chosen;
	return localeFromAcceptLanguage(request.headers.get('accept-language')) ?? baseLocale;
}

/** Whether the request is a person opening a page (not a script's fetch, an image, a form post). */
function opensPage(request: Request): boolean {
	if (request.method !== 'GET' && request.method !== 'HEAD') return false;
	const dest = request.headers.get('sec-fetch-dest');
	if (dest) return dest === 'document';
	return request.headers.get('accept')?.includes('text/html') ?? false;
}

/** Whether the request comes from one of Telltale's own pages (a link, a redirect after it). */
function fromOwnPage(request: Request, url: URL): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (site) return site === 'same-origin';
	const referer = request.headers.get('referer');
	return referer !== null && URL.canParse(referer) && new URL(referer).origin === url.origin;
}

/**
 * Where to send a visitor who opens an address without a language from outside the site, if
 * their language is not English: the same page and query in theirs. Undefined: serve it as it is.
 */
export function localeRedirect(request: Request): URL | undefined {
	const url = new URL(request.url);
	const [, first = ''] = url.pathname.split('/');
	if (toLocale(first) || !opensPage(request) || fromOwnPage(request, url)) return undefined;
	const locale = preferredLocale(request);
	return locale === baseLocale ? undefined : localizeUrl(url, { locale });
}
