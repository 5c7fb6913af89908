import { describe, expect, it } from 'vitest';
import {
	localeFromAcceptLanguage,
	localeRedirect,
	preferredLocale
} from '$lib/server/http/locale-choice';

/** A browser opening `path` from outside the site (typed, bookmarked, a link in a chat). */
function arrival(path: string, headers: Record<string, string> = {}): Request {
	return new Request(`http://telltale.test${path}`, {
		headers: { 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none', ...headers }
	});
}

describe('localeFromAcceptLanguage', () => {
	it('reads every Chinese tag as Simplified Chinese', () => {
		for (const header of ['zh-CN', 'zh', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'zh-TW,zh;q=0.9']) {
			expect(localeFromAcceptLanguage(header)).toBe('zh-CN');
		}
	});

	it('follows the q weights, not the order, and skips languages Telltale does not speak', () => {
		expect(localeFromAcceptLanguage('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
		expect(localeFromAcceptLanguage('fr-FR, de;q=0.9, en-GB;q=0.8, zh;q=0.7')).toBe('en');
		expect(localeFromAcceptLanguage('fr, de')).toBeUndefined();
		expect(localeFromAcceptLanguage('zh;q=0, en')).toBe('en');
		expect(localeFromAcceptLanguage('*')).toBeUndefined();
		expect(localeFromAcceptLanguage(null)).toBeUndefined();
	});
});

describe('preferredLocale', () => {
	it('puts the language switch cookie before the browser languages', () => {
		const zhBrowser = { 'accept-language': 'zh-CN,zh;q=0.9' };
		expect(preferredLocale(arrival('/', zhBrowser))).toBe('zh-CN');
		expect(
			preferredLocale(arrival('/', { ...zhBrowser, cookie: 'a=1; PARAGLIDE_LOCALE=en' }))
		).toBe('en');
		expect(preferredLocale(arrival('/', { cookie: 'PARAGLIDE_LOCALE=zh-CN' }))).toBe('zh-CN');
		// A cookie with no locale Telltale knows counts as none.
		expect(preferredLocale(arrival('/', { ...zhBrowser, cookie: 'PARAGLIDE_LOCALE=xx' }))).toBe(
			'zh-CN'
		);
		expect(preferredLocale(arrival('/'))).toBe('en');
	});
});

describe('localeRedirect', () => {
	const zh = { 'accept-language': 'zh-CN' };

	it('sends a Chinese reader who opens an address without a language to the same page in Chinese', () => {
		expect(localeRedirect(arrival('/', zh))?.href).toBe('http://telltale.test/zh-CN/');
		expect(localeRedirect(arrival('/s/abc?from=x', zh))?.href).toBe(
			'http://telltale.test/zh-CN/s/abc?from=x'
		);
		expect(localeRedirect(arrival('/j/123456', zh))?.href).toBe(
			'http://telltale.test/zh-CN/j/123456'
		);
	});

	it('leaves English readers, addresses with a language and the site’s own links alone', () => {
		expect(localeRedirect(arrival('/play'))).toBeUndefined();
		expect(localeRedirect(arrival('/zh-CN/play', { 'accept-language': 'en' }))).toBeUndefined();
		expect(localeRedirect(arrival('/zh-CN/play', zh))).toBeUndefined();
		// The switch to English is a link on a Chinese page: it must not bounce back to Chinese.
		expect(
			localeRedirect(arrival('/play', { ...zh, 'sec-fetch-site': 'same-origin' }))
		).toBeUndefined();
	});

	it('never redirects what is not a page being opened: fetches, images, form posts', () => {
		expect(localeRedirect(arrival('/api/runs/x', { ...zh, 'sec-fetch-dest': 'empty' }))).toBe(
			undefined
		);
		expect(
			localeRedirect(arrival('/s/abc/card.png', { ...zh, 'sec-fetch-dest': 'image' }))
		).toBeUndefined();
		const post = new Request('http://telltale.test/play?/start', {
			method: 'POST',
			headers: { ...zh, 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' }
		});
		expect(localeRedirect(post)).toBeUndefined();
	});

	it('works without fetch metadata: an HTML request from elsewhere, judged by its Referer', () => {
		const old = (headers: Record<string, string>) =>
			new Request('http://telltale.test/learn', { headers: { ...zh, ...headers } });
		expect(localeRedirect(old({ accept: 'text/html' }))?.pathname).toBe('/zh-CN/learn');
		expect(
			localeRedirect(old({ accept: 'text/html', referer: 'http://telltale.test/zh-CN/' }))
		).toBeUndefined();
		expect(localeRedirect(old({ accept: 'application/json' }))).toBeUndefined();
	});
});
