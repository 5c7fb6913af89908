import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
	TAXONOMY,
	TELL_CATEGORIES,
	categoriesForKind,
	categoryFitsKind,
	isTellCategory,
	tellGroup
} from '$lib/game/pack/taxonomy';
import { tellDescription, tellName } from '$lib/i18n/tells';

const messages: Record<string, string> = JSON.parse(readFileSync('messages/en.json', 'utf8'));
const key = (category: string, part: 'name' | 'desc') =>
	`tell_${category.replaceAll('-', '_')}_${part}`;

describe('taxonomy', () => {
	test('keeps its order: share codes store focus categories by position', () => {
		expect(TELL_CATEGORIES).toEqual([
			'blend-seam',
			'skin-texture',
			'lighting-mismatch',
			'eyes',
			'teeth-mouth',
			'hair-edges',
			'accessories',
			'warped-geometry',
			'background',
			'text-symbols',
			'cloned-region',
			'smudged-fill',
			'flat-intonation',
			'buzzy-timbre',
			'missing-breaths',
			'splice-jump',
			'unnatural-rhythm',
			'mispronunciation',
			'lip-sync',
			'flicker',
			'frozen-region'
		]);
	});

	test('every category has a group and at least one kind', () => {
		expect(TAXONOMY.map((info) => info.id)).toEqual(TELL_CATEGORIES);
		for (const info of TAXONOMY) {
			expect(info.kinds.length).toBeGreaterThan(0);
			expect(tellGroup(info.id)).toBe(info.group);
		}
	});

	test('kinds: pictures for images, sound for audio, everything for video', () => {
		expect(categoriesForKind('image')).toEqual(TELL_CATEGORIES.slice(0, 12));
		expect(categoriesForKind('audio')).toEqual(TELL_CATEGORIES.slice(12, 18));
		expect(categoriesForKind('video')).toEqual(TELL_CATEGORIES);
		expect(categoryFitsKind('lip-sync', 'image')).toBe(false);
		expect(categoryFitsKind('eyes', 'video')).toBe(true);
		expect(categoryFitsKind('splice-jump', 'video')).toBe(true);
		expect(categoryFitsKind('eyes', 'audio')).toBe(false);
	});

	test('isTellCategory', () => {
		expect(isTellCategory('eyes')).toBe(true);
		expect(isTellCategory('Eyes')).toBe(false);
		expect(isTellCategory(3)).toBe(false);
	});

	test('every category has a player-facing name and description in messages/en.json', () => {
		for (const category of TELL_CATEGORIES) {
			expect(messages[key(category, 'name')], category).toMatch(/\S/);
			expect(messages[key(category, 'desc')], category).toMatch(/\S/);
			expect(tellName(category)).toBe(messages[key(category, 'name')]);
			expect(tellDescription(category)).toBe(messages[key(category, 'desc')]);
		}
	});

	test('has no tell messages for categories that do not exist', () => {
		const known = new Set(TELL_CATEGORIES.flatMap((c) => [key(c, 'name'), key(c, 'desc')]));
		expect(Object.keys(messages).filter((k) => k.startsWith('tell_') && !known.has(k))).toEqual([]);
	});
});
