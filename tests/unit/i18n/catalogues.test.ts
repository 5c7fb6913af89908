import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime.js';

type Variant = { declarations: string[]; selectors: string[]; match: Record<string, string> };
type Message = string | Variant[];
type Catalogue = Record<string, Message>;

function catalogue(locale: string): Catalogue {
	const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Catalogue;
	delete messages.$schema;
	return messages;
}

/** Every text a message can show: the string, or each branch of a plural or select. */
function texts(message: Message): string[] {
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

/** The inputs a message takes: its declared inputs and every {name} its texts use. */
function inputs(message: Message): string[] {
	const declared =
		typeof message === 'string'
			? []
			: message.flatMap((v) =>
					v.declarations.filter((d) => d.startsWith('input ')).map((d) => d.slice(6))
				);
	const used = texts(message).flatMap((text) =>
		[...text.matchAll(/\{\s*(\w+)\s*\}/g)].map(([, name]) => name)
	);
	// A plural's local variable ({countPlural}) is not an input.
	const locals =
		typeof message === 'string'
			? []
			: message.flatMap((v) =>
					v.declarations.filter((d) => d.startsWith('local ')).map((d) => d.split(/\s+/)[1])
				);
	return [...new Set([...declared, ...used])].filter((name) => !locals.includes(name)).sort();
}

const english = catalogue('en');

describe('message catalogues', () => {
	it('has a catalogue for every locale of the project, Chinese among them', () => {
		expect(locales).toContain('zh-CN');
	});

	for (const locale of locales.filter((l) => l !== 'en')) {
		const other = catalogue(locale);

		it(`${locale} has exactly the English keys`, () => {
			expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
		});

		it(`${locale} takes the same inputs as English in every message`, () => {
			const differing = Object.keys(english)
				.filter((key) => key in other)
				.filter((key) => inputs(english[key]).join() !== inputs(other[key]).join())
				.map((key) => `${key}: ${inputs(english[key])} vs ${inputs(other[key])}`);
			expect(differing).toEqual([]);
		});

		it(`${locale} has no empty text and no text left in English`, () => {
			const empty = Object.entries(other)
				.filter(([, message]) => texts(message).some((text) => text.trim() === ''))
				.map(([key]) => key);
			expect(empty).toEqual([]);
			// The same text as English is fine for a name or a pure format ("Telltale", "{count} ·
			// {percent}%"), not for a sentence: three English words in a row are a missed message.
			const untranslated = Object.entries(other)
				.filter(([key, message]) => texts(message).join() === texts(english[key]).join())
				.filter(([, message]) =>
					texts(message).some((t) => /[A-Za-z]{2,}(\s+[A-Za-z]{2,}){2}/.test(t))
				)
				.map(([key]) => key);
			expect(untranslated).toEqual([]);
		});
	}

	it('the Chinese catalogue is written in Chinese, with full-width punctuation', () => {
		const zh = catalogue('zh-CN');
		const chinese = /[\u4e00-\u9fff]/;
		const halfWidthAfterChinese = /[\u4e00-\u9fff][,;?!:](?!\/)/;
		const problems = Object.entries(zh).flatMap(([key, message]) =>
			texts(message)
				.filter((text) => chinese.test(text) && halfWidthAfterChinese.test(text))
				.map((text) => `${key}: ${text}`)
		);
		expect(problems).toEqual([]);
	});
});
