// The default pack's Chinese text: it covers every text a player reads, it was made from the
// current English (each translation is keyed by the English it translates, so a changed
// sentence leaves a stale key the loader refuses), and the committed manifest holds exactly what
// the recipe's translation source says.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { sourceTexts } from '$lib/game/pack/text';
import { loaded, pack } from './default-pack';

const LOCALE = 'zh-CN';
const SOURCE = `src/recipe/translations/${LOCALE}.json`;

const source = (): Record<string, string> => JSON.parse(readFileSync(SOURCE, 'utf8'));
const translations = () => pack().translations?.[LOCALE] ?? {};

describe(`the default pack in ${LOCALE}`, () => {
	test('loads: no translation is stale or malformed', () => {
		expect(loaded.ok ? [] : loaded.errors).toEqual([]);
	});

	test('translates every text a player reads', () => {
		const missing = sourceTexts(pack())
			.filter(({ text }) => !Object.hasOwn(translations(), text))
			.map(({ path, text }) => `${path}: ${text}`);
		expect(missing).toEqual([]);
	});

	test(`holds exactly the recipe's ${SOURCE}`, () => {
		expect(translations()).toEqual(source());
	});

	test('each translation is Chinese and keeps the numbers and quoted words of its English', () => {
		const problems: string[] = [];
		for (const [english, chinese] of Object.entries(translations())) {
			if (!/\p{Script=Han}/u.test(chinese)) problems.push(`not Chinese: ${chinese}`);
			// Measurements (Hz, seconds, semitones), versions and licences must survive translation.
			for (const number of english.match(/\d+(?:\.\d+)*/g) ?? []) {
				if (!chinese.includes(number)) problems.push(`${number} lost in: ${chinese}`);
			}
			// The words a voice says are quoted in English: the player hears them in English.
			for (const [, quoted] of english.matchAll(/“([^”]+)”/g)) {
				if (!chinese.includes(`“${quoted}”`)) problems.push(`“${quoted}” lost in: ${chinese}`);
			}
		}
		expect(problems).toEqual([]);
	});
});
