import { describe, expect, test } from 'vitest';
import { getItem, getPair, validatePack, type Pack } from '$lib/game/pack/schema';
import {
	fallbackLanguage,
	itemText,
	packText,
	pairPrompt,
	readerTexts,
	sourceTexts,
	speaksLocale
} from '$lib/game/pack/text';
import { practicePool } from '$lib/game/pack/pools';
import { revealRound, roundForPlayer } from '$lib/game/play/round';
import type { Round } from '$lib/game/play/run';
import { buildPack } from '../pack-builder';

const FILE = 'packs/test/manifest.json';

/** A pack with an image pair, a voice pair and a French voice, translated into zh-CN. */
function bilingual(): Pack {
	const pack = structuredClone(
		buildPack([{ kind: 'image' }, { kind: 'audio', prompt: 'Say it' }, { kind: 'audio' }])
	);
	// Both items of a pair carry the same kinds of text (a pack rule), here the same words.
	for (const id of ['i000r', 'i000s']) getItem(pack, id).alt = 'A face';
	for (const id of ['i001r', 'i001s']) getItem(pack, id).transcript = 'Say it';
	for (const id of ['i002r', 'i002s']) {
		Object.assign(getItem(pack, id), {
			transcript: 'Dis-le',
			language: 'fr',
			translation: 'Say it again'
		});
	}
	pack.translations = {
		'zh-CN': {
			'Test pack': '测试素材包',
			'A face': '一张脸',
			'A blend-seam tell.': '融合接缝的破绽。',
			'Say it': '说出来',
			'Say it again': '再说一遍',
			'method 000': '方法 000'
		}
	};
	return pack;
}

/** `path: message` lines of a manifest that must fail. */
function problems(json: unknown): string[] {
	const result = validatePack(json, FILE);
	if (result.ok) throw new Error('expected the pack to be rejected');
	for (const error of result.errors) expect(error.file).toBe(FILE);
	return result.errors.map((error) => `${error.path}: ${error.message}`);
}

describe('pack text in a locale', () => {
	test('a translated text is in the locale, marked with it', () => {
		expect(packText(bilingual(), 'zh-CN', 'A face')).toEqual({ text: '一张脸', lang: 'zh-CN' });
	});

	test('locale tags match without case', () => {
		expect(packText(bilingual(), 'zh-cn', 'A face').text).toBe('一张脸');
	});

	test('the pack language, or a text without translation, is the source in the pack language', () => {
		const pack = bilingual();
		expect(packText(pack, 'en', 'A face')).toEqual({ text: 'A face', lang: 'en' });
		expect(packText(pack, 'zh-CN', 'method 001')).toEqual({ text: 'method 001', lang: 'en' });
		// Not an inherited property of the map.
		expect(packText(pack, 'zh-CN', 'constructor')).toEqual({ text: 'constructor', lang: 'en' });
	});

	test('a pack without the locale falls back to its own language', () => {
		const pack = bilingual();
		delete pack.translations;
		expect(speaksLocale(pack, 'zh-CN')).toBe(false);
		expect(speaksLocale(pack, 'en')).toBe(true);
		expect(itemText(pack, getItem(pack, 'i000s'), 'zh-CN')).toMatchObject({
			alt: { text: 'A face', lang: 'en' },
			tells: [{ text: 'A blend-seam tell.', lang: 'en' }]
		});
	});

	test('an item resolves every text it has', () => {
		const pack = bilingual();
		expect(itemText(pack, getItem(pack, 'i000s'), 'zh-CN')).toEqual({
			alt: { text: '一张脸', lang: 'zh-CN' },
			method: { text: '方法 000', lang: 'zh-CN' },
			tells: [{ text: '融合接缝的破绽。', lang: 'zh-CN' }]
		});
	});

	test('spoken words keep their original beside the translation', () => {
		const pack = bilingual();
		expect(itemText(pack, getItem(pack, 'i001s'), 'zh-CN').transcript).toEqual({
			original: { text: 'Say it', lang: 'en' },
			translation: { text: '说出来', lang: 'zh-CN' }
		});
		// In the pack's own language there is nothing to translate.
		expect(itemText(pack, getItem(pack, 'i001s'), 'en').transcript).toEqual({
			original: { text: 'Say it', lang: 'en' }
		});
		expect(pairPrompt(pack, getPair(pack, 'p001'), 'zh-CN')?.translation?.text).toBe('说出来');
	});

	test('words in a third language are translated from the pack’s own translation', () => {
		const pack = bilingual();
		const french = getItem(pack, 'i002s');
		expect(itemText(pack, french, 'zh-CN').transcript).toEqual({
			original: { text: 'Dis-le', lang: 'fr' },
			translation: { text: '再说一遍', lang: 'zh-CN' }
		});
		expect(itemText(pack, french, 'en').transcript).toEqual({
			original: { text: 'Dis-le', lang: 'fr' },
			translation: { text: 'Say it again', lang: 'en' }
		});
		expect(itemText(pack, french, 'fr').transcript).toEqual({
			original: { text: 'Dis-le', lang: 'fr' }
		});
	});

	test('rounds and reveals carry the chosen text, and the page notes a fallback once', () => {
		const pack = bilingual();
		const round: Round = {
			index: 0,
			type: 'pair',
			pairId: 'p000',
			kind: 'image',
			tier: 1,
			items: ['i000r', 'i000s']
		} as Round;
		const player = roundForPlayer(round, pack, 'zh-CN');
		expect(player.items[1].alt).toEqual({ text: '一张脸', lang: 'zh-CN' });
		const reveal = revealRound(round, pack, 'zh-CN');
		expect(reveal.synthetic?.tells[0].explanation).toEqual({
			text: '融合接缝的破绽。',
			lang: 'zh-CN'
		});
		expect(reveal.items[1].method).toEqual({ text: '方法 000', lang: 'zh-CN' });
		expect(fallbackLanguage(readerTexts(player, reveal), 'zh-CN')).toBeNull();

		delete pack.translations;
		const untranslated = roundForPlayer(round, pack, 'zh-CN');
		expect(
			fallbackLanguage(readerTexts(untranslated, revealRound(round, pack, 'zh-CN')), 'zh-CN')
		).toBe('en');
		expect(fallbackLanguage(readerTexts(untranslated), 'en')).toBeNull();
	});

	test('source texts name where each text is', () => {
		const paths = sourceTexts(bilingual()).map(({ path }) => path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'title',
				'licence',
				'credits[0].role',
				'items[0].alt',
				'items[1].alt',
				'items[1].provenance.method',
				'items[1].tells[0].explanation',
				'items[3].transcript',
				'items[4].translation',
				'items[5].translation',
				'pairs[1].prompt'
			])
		);
		// Words in another language are not a source: their translation is.
		expect(paths).not.toContain('items[5].transcript');
	});

	test('the plain "how it was made" sentence is a source text and reaches the reveal', () => {
		const pack = bilingual();
		getItem(pack, 'i000s').provenance.summary = 'A face was pasted in.';
		pack.translations!['zh-CN']['A face was pasted in.'] = '脸是贴上去的。';
		expect(sourceTexts(pack)).toContainEqual({
			path: 'items[1].provenance.summary',
			text: 'A face was pasted in.'
		});
		const round = {
			index: 0,
			type: 'pair',
			pairId: 'p000',
			kind: 'image',
			tier: 1,
			items: ['i000r', 'i000s']
		} as Round;
		const reveal = revealRound(round, pack, 'zh-CN');
		expect(reveal.items[1].summary).toEqual({ text: '脸是贴上去的。', lang: 'zh-CN' });
		expect(readerTexts(roundForPlayer(round, pack, 'zh-CN'), reveal)).toContainEqual(
			reveal.items[1].summary
		);
	});

	test('a prompt said in another language is quoted in it and translated from its items', () => {
		const pack = bilingual();
		const pair = getPair(pack, 'p002');
		pair.prompt = 'Dis-le';
		expect(pairPrompt(pack, pair, 'zh-CN')).toEqual({
			original: { text: 'Dis-le', lang: 'fr' },
			translation: { text: '再说一遍', lang: 'zh-CN' }
		});
		expect(sourceTexts(pack).map(({ path }) => path)).not.toContain('pairs[2].prompt');
	});

	test('a practice pool carries only the translations of its own texts', () => {
		const pack = bilingual();
		pack.pairs[0].practice = true;
		const pool = practicePool(pack);
		expect(Object.keys(pool.translations!['zh-CN']).sort()).toEqual(
			['A blend-seam tell.', 'A face', 'Test pack', 'method 000'].sort()
		);
	});
});

describe('validating translations', () => {
	test('accepts a translated pack', () => {
		expect(validatePack(bilingual(), FILE).ok).toBe(true);
	});

	test('a stale translation (its source text changed) is named with its locale', () => {
		const pack = bilingual();
		for (const id of ['i000r', 'i000s']) getItem(pack, id).alt = 'A smiling face';
		expect(problems(pack)).toEqual([
			'translations.zh-CN: "A face" translates no text of this pack (a stale translation, if that text was changed)'
		]);
	});

	test('a translation into the pack’s own language is refused', () => {
		const pack = bilingual();
		pack.translations!.en = { 'A face': 'A face' };
		expect(problems(pack)).toEqual([
			"translations.en: is the pack's own language (en): its text needs no translation"
		]);
	});

	test('an empty translation is named by locale and source text', () => {
		const pack = bilingual();
		pack.translations!['zh-CN']['A face'] = ' ';
		expect(problems(pack)).toEqual(['translations.zh-CN.A face: must not be empty']);
	});

	test('a locale that is not a language tag is named', () => {
		const pack = bilingual();
		pack.translations!['not a tag'] = {};
		expect(problems(pack)).toEqual([
			'translations.not a tag: must be a BCP 47 language tag such as zh-CN'
		]);
	});
});
