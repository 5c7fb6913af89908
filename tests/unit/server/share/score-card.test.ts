import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
	renderScoreCard,
	scoreCardSvg,
	scoreCardView,
	SCORE_CARD_HEIGHT,
	SCORE_CARD_WIDTH,
	type ScoreCardView
} from '$lib/server/share/score-card';
import type { ScoreFacts } from '$lib/server/share/links';

const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
	path.resolve('src/lib/server/share/fonts', file)
);

const view: ScoreCardView = {
	app: 'Telltale',
	badge: 'Verified score',
	score: '7/10',
	headline: 'pairs · Default pack',
	date: '25 November 2026',
	stats: [
		{ label: 'Sensitivity (d′)', value: '1.24' },
		{ label: 'Confidence', value: '82% sure' }
	],
	rounds: [true, true, false, true, false, true, true, true, false, true],
	call: 'Can you spot the fakes? Play the same rounds.'
};

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(png.readUInt32BE(8)).toBe(13);
	expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** How many pixels in a box are nearly the card's text colour (#f1f0ec). */
async function textPixels(
	png: Buffer,
	box: { left: number; top: number; width: number; height: number }
) {
	const { data, info } = await sharp(png).extract(box).raw().toBuffer({ resolveWithObject: true });
	let count = 0;
	for (let i = 0; i < data.length; i += info.channels) {
		if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) count++;
	}
	return count;
}

describe('renderScoreCard', () => {
	it('renders a valid 1200x630 PNG', () => {
		const png = renderScoreCard(view, FONTS);
		expect(pngSize(png)).toEqual({ width: SCORE_CARD_WIDTH, height: SCORE_CARD_HEIGHT });
		expect(png.length).toBeGreaterThan(5_000);
	});

	it('draws its text with the shipped font, never a system font', async () => {
		const score = { left: 86, top: 190, width: 400, height: 140 };
		// With no font files there is nothing to draw text with (system fonts are never loaded).
		expect(await textPixels(renderScoreCard(view, []), score)).toBe(0);
		expect(await textPixels(renderScoreCard(view, FONTS), score)).toBeGreaterThan(5_000);
	});

	it('marks right and wrong rounds by shape, and fits 50 rounds inside the card', () => {
		const svg = scoreCardSvg({ ...view, rounds: Array.from({ length: 50 }, (_, i) => i % 4 > 0) });
		// A wrong round is drawn as a cross (two strokes), a right one as a tick (one stroke).
		expect(svg.match(/M[\d.]+ [\d.]+l[\d.]+ [\d.]+M/g)).toHaveLength(13);
		const xs = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)]
			.slice(3)
			.map(([, x, y, size]) => [Number(x) + Number(size), Number(y) + Number(size)]);
		for (const [right, bottom] of xs) {
			expect(right).toBeLessThanOrEqual(1160);
			expect(bottom).toBeLessThanOrEqual(590);
		}
		expect(pngSize(renderScoreCard({ ...view, rounds: Array(50).fill(false) }, FONTS))).toEqual({
			width: 1200,
			height: 630
		});
	});

	it('escapes text, so a pack title cannot inject markup', () => {
		const svg = scoreCardSvg({ ...view, headline: 'pairs · <image href="x"/> & "q"' });
		expect(svg).not.toContain('<image');
		expect(svg).toContain('&#60;image href=&#34;x&#34;/&#62; &#38; &#34;q&#34;');
		expect(pngSize(renderScoreCard({ ...view, headline: '</svg><svg>' }, FONTS)).width).toBe(1200);
	});
});

describe('scoreCardView', () => {
	const facts: ScoreFacts = {
		code: 'CODE',
		mode: 'mixed',
		packId: 'default',
		packTitle: 'Default pack',
		packVersion: '1.0.0',
		day: '2026-11-25',
		right: 3,
		total: 4,
		results: [true, false, true, true],
		meanConfidence: 0.9,
		overconfidence: 0.15,
		sensitivity: [
			{ type: 'pair', rounds: 1, dPrime: 0.5 },
			{ type: 'single', rounds: 3, dPrime: 1.234 }
		],
		replay: { status: 'same' },
		replayOf: null
	};

	it('says the score, mode, pack, date, d′ and calibration, with nothing about the items', () => {
		expect(scoreCardView(facts)).toEqual({
			app: 'Telltale',
			badge: 'Verified score',
			score: '3/4',
			headline: 'mixed · Default pack',
			date: 'November 25, 2026',
			stats: [
				{ label: 'Sensitivity (d′), real-or-fake rounds', value: '1.23' },
				{ label: 'Confidence', value: '90% sure' },
				{ label: 'Calibration', value: '15 points surer than right' }
			],
			rounds: [true, false, true, true],
			call: 'Can you spot the fakes? Play the same rounds.'
		});
	});

	it('says that a replay is one, and whose rounds it replayed', () => {
		const named = scoreCardView({
			...facts,
			replayOf: { code: 'ORIGINAL', right: 7, total: 10, day: '2026-11-20' }
		});
		expect(named.badge).toBe('Verified replay');
		expect(named.call).toBe('A replay of the rounds of a 7/10 score from November 20, 2026');
		const unnamed = scoreCardView({ ...facts, replayOf: { code: null } });
		expect(unnamed.badge).toBe('Verified replay');
		expect(unnamed.call).toBe('A replay of the rounds of another score link');
	});

	it('leaves out what it cannot know', () => {
		const view = scoreCardView({
			...facts,
			mode: 'single',
			packTitle: null,
			sensitivity: [],
			results: [],
			right: 0,
			total: 0,
			meanConfidence: null,
			overconfidence: null
		});
		expect(view.stats).toEqual([]);
		expect(view.headline).toBe('real or fake · default');
		expect(view.score).toBe('0/0');
	});
});
