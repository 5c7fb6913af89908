/**
 * A pack's words in the reader's language. A pack is written in its own `language`; its
 * `translations` give, per locale, each translated text keyed by the exact source text it
 * translates. Keying by the source means a changed source sentence no longer finds its old
 * translation: validation reports that translation as stale instead of showing it.
 *
 * Every resolved text says which language it is actually in, so the page can mark it with `lang`.
 */
import type { Item, Pack, Pair } from './schema';
// Types only: the round page's script takes this module, and round.ts brings zod with it.
import type { PlayerRound, RoundReveal } from '../play/round';

/** A text as shown, in the language it is actually in (a BCP 47 tag for `lang`). */
export interface PackText {
	text: string;
	lang: string;
}

/**
 * Words said in a voice or a video: the original as said, and, when the reader's language is
 * another, a translation beside it (in the reader's language, or in the pack's if it has none).
 */
export interface SpokenText {
	original: PackText;
	translation?: PackText;
}

/** Whether two language tags name the same language (BCP 47 tags compare without case). */
export function sameLanguage(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

/** The pack's translations into `locale`, if it has any. */
function translationsInto(pack: Pack, locale: string): Record<string, string> | undefined {
	const translations = pack.translations ?? {};
	const tag = Object.keys(translations).find((candidate) => sameLanguage(candidate, locale));
	return tag === undefined ? undefined : translations[tag];
}

/** Whether the pack can be read in `locale`: its own language, or one it has translations into. */
export function speaksLocale(pack: Pack, locale: string): boolean {
	return sameLanguage(pack.language, locale) || translationsInto(pack, locale) !== undefined;
}

/** A source text of the pack in `locale`: its translation, or the source itself when it has none. */
export function packText(pack: Pack, locale: string, source: string): PackText {
	const translations = sameLanguage(pack.language, locale)
		? undefined
		: translationsInto(pack, locale);
	if (translations && Object.hasOwn(translations, source)) {
		return { text: translations[source], lang: locale };
	}
	return { text: source, lang: pack.language };
}

/**
 * Spoken words for a reader of `locale`. `language` is what the words are said in; words in the
 * pack's language are translated from themselves, words in another language from `translation`
 * (the pack's own translation of them), shown in the pack's language if `locale` has none.
 */
function spokenText(
	pack: Pack,
	locale: string,
	words: string,
	language: string,
	translation: string | undefined
): SpokenText {
	const original = { text: words, lang: language };
	if (sameLanguage(language, locale)) return { original };
	if (!sameLanguage(language, pack.language)) {
		return translation === undefined
			? { original }
			: { original, translation: packText(pack, locale, translation) };
	}
	const translated = packText(pack, locale, words);
	return translated.lang === pack.language ? { original } : { original, translation: translated };
}

/** What an item says to a reader of `locale`: alt text, spoken words, how it was made, its tells. */
export interface ItemText {
	alt?: PackText;
	transcript?: SpokenText;
	/** How it was made, in one plain sentence (provenance.summary), when the pack has one. */
	summary?: PackText;
	/** The technical method (provenance.method). */
	method?: PackText;
	/** Each tell's explanation, in the order of `item.tells`. */
	tells: PackText[];
}

/** The one place an item's text is chosen for a locale. */
export function itemText(pack: Pack, item: Item, locale: string): ItemText {
	const text: ItemText = {
		tells: (item.tells ?? []).map((tell) => packText(pack, locale, tell.explanation))
	};
	if (item.alt !== undefined) text.alt = packText(pack, locale, item.alt);
	if (item.transcript !== undefined) {
		text.transcript = spokenText(
			pack,
			locale,
			item.transcript,
			item.language ?? pack.language,
			item.translation
		);
	}
	if (item.provenance.summary !== undefined) {
		text.summary = packText(pack, locale, item.provenance.summary);
	}
	if (item.provenance.method !== undefined) {
		text.method = packText(pack, locale, item.provenance.method);
	}
	return text;
}

/**
 * The item of a pair that says its prompt in a language other than the pack's, if any: both
 * sides of a pair speak the same language (a pack rule), so either tells the prompt's language
 * and carries its translation.
 */
function promptSpokenElsewhere(pack: Pack, pair: Pair): Item | undefined {
	return pack.items.find(
		(item) =>
			pair.items.includes(item.id) &&
			item.transcript === pair.prompt &&
			item.language !== undefined &&
			!sameLanguage(item.language, pack.language)
	);
}

/** A pair's prompt (the words its voices say, in their language) for a reader of `locale`. */
export function pairPrompt(pack: Pack, pair: Pair, locale: string): SpokenText | undefined {
	if (pair.prompt === undefined) return undefined;
	const said = promptSpokenElsewhere(pack, pair);
	return said
		? spokenText(pack, locale, pair.prompt, said.language!, said.translation)
		: spokenText(pack, locale, pair.prompt, pack.language, undefined);
}

/** Where a source text sits in a pack (a JSON path) and the text. */
export interface SourceText {
	path: string;
	text: string;
}

/**
 * Every text of the pack a translation may translate, with where it is: the title, the licence
 * line, credits' roles, items' alt text, transcripts in the pack's language, translations of
 * transcripts in other languages, how each item was made (the plain sentence and the method), tell
 * explanations and pair prompts in the pack's language.
 * Names, sources, authors and licence identifiers are not translated.
 */
export function sourceTexts(pack: Pack): SourceText[] {
	const texts: SourceText[] = [
		{ path: 'title', text: pack.title },
		{ path: 'licence', text: pack.licence }
	];
	pack.credits.forEach((credit, i) =>
		texts.push({ path: `credits[${i}].role`, text: credit.role })
	);
	pack.items.forEach((item, i) => {
		const at = `items[${i}]`;
		if (item.alt !== undefined) texts.push({ path: `${at}.alt`, text: item.alt });
		const spokenInPackLanguage = sameLanguage(item.language ?? pack.language, pack.language);
		if (item.transcript !== undefined && spokenInPackLanguage) {
			texts.push({ path: `${at}.transcript`, text: item.transcript });
		}
		if (item.translation !== undefined) {
			texts.push({ path: `${at}.translation`, text: item.translation });
		}
		if (item.provenance.summary !== undefined) {
			texts.push({ path: `${at}.provenance.summary`, text: item.provenance.summary });
		}
		if (item.provenance.method !== undefined) {
			texts.push({ path: `${at}.provenance.method`, text: item.provenance.method });
		}
		(item.tells ?? []).forEach((tell, j) =>
			texts.push({ path: `${at}.tells[${j}].explanation`, text: tell.explanation })
		);
	});
	pack.pairs.forEach((pair, i) => {
		// A prompt in another language is not a source: its items' translation is.
		if (pair.prompt !== undefined && !promptSpokenElsewhere(pack, pair)) {
			texts.push({ path: `pairs[${i}].prompt`, text: pair.prompt });
		}
	});
	return texts;
}

/**
 * The pack's translations cut down to its own texts: a pool of a pack (pools.ts) must not carry
 * the translated tells of items it left out, since a practice pool ships to the browser.
 */
export function translationsOfOwnTexts(pack: Pack): Pack['translations'] {
	if (!pack.translations) return undefined;
	const own = new Set(sourceTexts(pack).map(({ text }) => text));
	return Object.fromEntries(
		Object.entries(pack.translations).map(([locale, texts]) => [
			locale,
			Object.fromEntries(Object.entries(texts).filter(([source]) => own.has(source)))
		])
	);
}

/**
 * The language the pack's words fell back to for a reader of `locale`, if any of `shown` did
 * (a pack without that locale shows its own language), else null: the page says so once.
 * Quoted originals of spoken words are not passed: they are meant to stay in their language.
 */
export function fallbackLanguage(
	shown: ReadonlyArray<PackText | undefined>,
	locale: string
): string | null {
	return shown.find((text) => text && !sameLanguage(text.lang, locale))?.lang ?? null;
}

/**
 * The pack's words a round shows for the reader to read (for fallbackLanguage):
 * alt text, spoken words as the reader gets them (the translation, else the original), and
 * after the verdict how the fake was made and its tells.
 */
export function readerTexts(round: PlayerRound, reveal?: RoundReveal | null): PackText[] {
	const spoken = (words: SpokenText | undefined) => words && (words.translation ?? words.original);
	const texts = [
		spoken(round.prompt),
		...round.items.flatMap((item) => [item.alt, spoken(item.transcript)]),
		...(reveal?.items ?? []).flatMap((item) => [
			item.summary,
			item.method,
			...item.tells.map((tell) => tell.explanation)
		])
	];
	return texts.filter((text): text is PackText => text !== undefined);
}
