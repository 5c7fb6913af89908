import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as runtime from '$lib/paraglide/runtime.js';
import { renderScoreCard, scoreCardView, type ScoreCardView } from '$lib/server/share/score-card';
import type { ScoreFacts } from '$lib/server/share/links';
import { fontCharacters } from '../../../support/font-cmap';

const FONT_DIR = 'src/lib/server/share/fonts';
const LATIN = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
const CHINESE = ['NotoSansSC-Regular-card.otf', 'NotoSansSC-Bold-card.otf'];
const FONTS = [...LATIN, ...CHINESE].map((file) => path.resolve(FONT_DIR, file));

const facts: ScoreFacts = {
	code: 'CODE',
	mode: 'pairs',
	packId: 'default',
	packTitle: 'Telltale starter pack',
	packVersion: '1.1.0',
	day: '2026-11-25',
	right: 7,
	total: 10,
	results: [true, true, false, true, false, true, true, true, false, true],
	meanConfidence: 0.82,
	overconfidence: 0.12,
	sensitivity: [{ type: 'pair', rounds: 10, dPrime: -0.3 }],
	replay: { status: 'same' },
	replayOf: null
};

/** Every card the server can draw, by what changes its words: mode, d′ kind, calibration, replay. */
const CARDS: ScoreFacts[] = [
	facts,
	{ ...facts, mode: 'single', sensitivity: [{ type: 'single', rounds: 10, dPrime: 1.24 }] },
	{ ...facts, mode: 'mixed', overconfidence: -0.2 },
	{
		...facts,
		mode: 'mixed',
		overconfidence: 0.01,
		sensitivity: [{ type: 'single', rounds: 6, dPrime: 0.8 }]
	},
	{ ...facts, replayOf: { code: 'ORIGINAL', right: 9, total: 10, day: '2026-12-31' } },
	{ ...facts, replayOf: { code: null } }
];

function words(view: ScoreCardView): string {
	return [view.app, view.badge, view.score, view.headline, view.date, view.call]
		.concat(view.stats.flatMap((stat) => [stat.label, stat.value]))
		.join('');
}

const original = runtime.getLocale;
beforeAll(() => runtime.overwriteGetLocale(() => 'zh-CN'));
afterAll(() => runtime.overwriteGetLocale(original));

describe('the score card in Chinese', () => {
	it('is written in Chinese', () => {
		const view = scoreCardView(facts);
		expect(view.badge).toBe('已验证的成绩');
		expect(view.date).toBe('2026年11月25日');
		expect(view.call).toMatch(/[\u4e00-\u9fff]/);
	});

	it('has a glyph for every character it can show: no empty .notdef boxes', () => {
		const drawable = new Set<number>();
		for (const file of FONTS) {
			for (const code of fontCharacters(readFileSync(file))) drawable.add(code);
		}
		const missing = new Set<string>();
		for (const card of CARDS) {
			for (const char of words(scoreCardView(card))) {
				if (!drawable.has(char.codePointAt(0)!)) missing.add(char);
			}
		}
		expect([...missing]).toEqual([]);
	});

	it('draws the Chinese words (the subset font is used, not skipped)', async () => {
		const png = renderScoreCard(scoreCardView(facts), FONTS);
		const withoutChinese = renderScoreCard(
			scoreCardView(facts),
			LATIN.map((file) => path.resolve(FONT_DIR, file))
		);
		// The badge is all Chinese: with only DejaVu it would be empty.
		const badge = { left: 860, top: 80, width: 250, height: 52 };
		const ink = async (image: Buffer) => {
			const { data, info } = await sharp(image)
				.extract(badge)
				.raw()
				.toBuffer({ resolveWithObject: true });
			let dark = 0;
			for (let i = 0; i < data.length; i += info.channels) if (data[i] < 60) dark++;
			return dark;
		};
		expect(await ink(png)).toBeGreaterThan(500);
		expect(await ink(withoutChinese)).toBeLessThan(await ink(png));
		if (process.env.CARD_PREVIEW) writeFileSync(process.env.CARD_PREVIEW, png);
	});

	it('keeps the shipped Chinese fonts small', () => {
		for (const file of CHINESE) {
			expect(statSync(path.resolve(FONT_DIR, file)).size).toBeLessThan(200_000);
		}
	});
});
