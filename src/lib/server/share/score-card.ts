/**
 * The score card as a 1200x630 PNG for social previews: an SVG drawn here, rendered by resvg with
 * the fonts that ship with the app (never a system font lookup, so every server draws the same
 * card). No item media goes on it: the card must not spoil the rounds it invites people to play.
 */
import { renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { read } from '$app/server';
import { calibrationText, formatDay, formatDPrime, modeName, percent } from '$lib/i18n/score-words';
import { m } from '$lib/paraglide/messages.js';
import { app } from '../store/app';
import regularFont from './fonts/DejaVuSans.ttf';
import boldFont from './fonts/DejaVuSans-Bold.ttf';
import regularCjkFont from './fonts/NotoSansSC-Regular-card.otf';
import boldCjkFont from './fonts/NotoSansSC-Bold-card.otf';
import type { ScoreFacts } from './links';
import { privateDir, writePrivateFile } from '../store/private-files';

export const SCORE_CARD_WIDTH = 1200;
export const SCORE_CARD_HEIGHT = 630;
/** The family name inside the shipped font files. */
export const SCORE_CARD_FONT_FAMILY = 'DejaVu Sans';
/**
 * Chinese characters, which DejaVu lacks, come from Noto Sans CJK SC, cut down to the characters
 * the card can show (fonts/subset-cjk.js).
 */
export const SCORE_CARD_CJK_FONT_FAMILY = 'Noto Sans CJK SC';

/** Everything the card says, already in the reader's language. */
export interface ScoreCardView {
	app: string;
	/** "Verified score". */
	badge: string;
	/** "7/10". */
	score: string;
	/** "pairs · Default pack". */
	headline: string;
	/** "25 November 2026". */
	date: string;
	/** Up to three figures, e.g. { label: "Sensitivity (d′)", value: "1.24" }. */
	stats: Array<{ label: string; value: string }>;
	/** One entry per round played: right or wrong. */
	rounds: boolean[];
	/** "Can you spot the fakes? Play the same rounds.", or which score a replay replayed. */
	call: string;
}

// The dark theme of app.css, so the preview looks like the app.
const COLOURS = {
	bg: '#121317',
	surface: '#1c1e24',
	border: '#454955',
	text: '#f1f0ec',
	muted: '#b9bcc5',
	accent: '#8fb1ff',
	right: '#4ade80',
	wrong: '#f87171',
	ink: '#0c1222'
};

const MAX_STATS = 3;
const ROUND_AREA = { x: 90, y: 452, width: 1020, height: 84 };
const ROUND_GAP = 8;
const ROUNDS_PER_LINE = 25;

function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// DejaVu Sans Bold averages about 0.62 em a character (measured on this card's words); a Chinese
// character (or full-width punctuation) is a whole em.
const BOLD_EM_PER_CHAR = 0.62;
const WIDE =
	/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** About how many ems wide a text is drawn. */
function ems(text: string): number {
	return Array.from(text).reduce((sum, char) => sum + (WIDE.test(char) ? 1 : BOLD_EM_PER_CHAR), 0);
}

/** Cuts text that would be wider than `maxChars` Latin characters; the card has no way to wrap. */
function fit(text: string, maxChars: number): string {
	const room = maxChars * BOLD_EM_PER_CHAR;
	if (ems(text) <= room) return text;
	const kept: string[] = [];
	for (const char of text) {
		if (ems([...kept, char, '…'].join('')) > room) break;
		kept.push(char);
	}
	return `${kept.join('')}…`;
}

function text(
	x: number,
	y: number,
	content: string,
	{ size, weight = 400, fill = COLOURS.text, anchor = 'start' }: TextStyle
): string {
	return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

interface TextStyle {
	size: number;
	weight?: 400 | 700;
	fill?: string;
	anchor?: 'start' | 'end';
}

/** The largest font size, up to `max`, at which bold text stays within `width` pixels. */
function fittedSize(content: string, width: number, max: number): number {
	return Math.max(20, Math.min(max, Math.floor(width / Math.max(BOLD_EM_PER_CHAR, ems(content)))));
}

/** Right: a filled square with a tick; wrong: an outlined square with a cross. Shape, not only colour. */
function roundMarks(rounds: readonly boolean[]): string {
	if (rounds.length === 0) return '';
	const lines = Math.ceil(rounds.length / ROUNDS_PER_LINE);
	const perLine = Math.ceil(rounds.length / lines);
	const size = Math.min(
		48,
		Math.floor((ROUND_AREA.width - ROUND_GAP * (perLine - 1)) / perLine),
		Math.floor((ROUND_AREA.height - ROUND_GAP * (lines - 1)) / lines)
	);
	return rounds
		.map((right, index) => {
			const x = ROUND_AREA.x + (index % perLine) * (size + ROUND_GAP);
			const y = ROUND_AREA.y + Math.floor(index / perLine) * (size + ROUND_GAP);
			const s = size / 48;
			const mark = right
				? `<path d="M${x + 12 * s} ${y + 25 * s}l${8 * s} ${8 * s}l${16 * s} ${-17 * s}" fill="none" stroke="${COLOURS.ink}" stroke-width="${5 * s}" stroke-linecap="round" stroke-linejoin="round"/>`
				: `<path d="M${x + 15 * s} ${y + 15 * s}l${18 * s} ${18 * s}M${x + 33 * s} ${y + 15 * s}l${-18 * s} ${18 * s}" stroke="${COLOURS.wrong}" stroke-width="${5 * s}" stroke-linecap="round"/>`;
			const box = right
				? `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="${8 * s}" fill="${COLOURS.right}"/>`
				: `<rect x="${x + 2 * s}" y="${y + 2 * s}" width="${size - 4 * s}" height="${size - 4 * s}" rx="${7 * s}" fill="none" stroke="${COLOURS.wrong}" stroke-width="${4 * s}"/>`;
			return box + mark;
		})
		.join('');
}

/** The card as SVG markup (1200x630). */
export function scoreCardSvg(view: ScoreCardView): string {
	const badge = fit(view.badge, 24);
	const badgeWidth = Math.round(ems(badge) * 26) + 78;
	const badgeX = 1110 - badgeWidth;
	const stats = view.stats
		.slice(0, MAX_STATS)
		.map(
			(stat, index) =>
				text(660, 200 + index * 88, fit(stat.label, 34), {
					size: 26,
					fill: COLOURS.muted
				}) +
				text(660, 244 + index * 88, fit(stat.value, 28), {
					size: fittedSize(stat.value, 440, 40),
					weight: 700
				})
		)
		.join('');
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${SCORE_CARD_WIDTH}" height="${SCORE_CARD_HEIGHT}" viewBox="0 0 ${SCORE_CARD_WIDTH} ${SCORE_CARD_HEIGHT}" font-family="${SCORE_CARD_FONT_FAMILY}, ${SCORE_CARD_CJK_FONT_FAMILY}">`,
		`<rect width="100%" height="100%" fill="${COLOURS.bg}"/>`,
		`<rect x="40" y="40" width="1120" height="550" rx="28" fill="${COLOURS.surface}" stroke="${COLOURS.border}" stroke-width="2"/>`,
		// The app's magnifier logo, as in the site header.
		`<g transform="translate(88 76) scale(1.5)" fill="none" stroke="${COLOURS.accent}"><circle cx="14" cy="14" r="9" stroke-width="3"/><path d="M21 21l7 7" stroke-width="3.5" stroke-linecap="round"/></g>`,
		text(146, 122, fit(view.app, 20), { size: 40, weight: 700 }),
		`<rect x="${badgeX}" y="78" width="${badgeWidth}" height="56" rx="28" fill="${COLOURS.right}"/>`,
		`<path d="M${badgeX + 22} ${106}l8 8l15 -16" fill="none" stroke="${COLOURS.ink}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`,
		text(badgeX + 56, 115, badge, { size: 26, weight: 700, fill: COLOURS.ink }),
		text(86, 318, fit(view.score, 7), { size: 150, weight: 700 }),
		text(90, 372, fit(view.headline, 34), { size: 32, fill: COLOURS.text }),
		text(90, 414, fit(view.date, 34), { size: 26, fill: COLOURS.muted }),
		stats,
		roundMarks(view.rounds),
		text(90, 568, fit(view.call, 64), { size: 26, fill: COLOURS.accent }),
		'</svg>'
	].join('');
}

/** Renders the card to PNG bytes with only the given font files (the ones shipped with the app). */
export function renderScoreCard(view: ScoreCardView, fontFiles: string[]): Buffer {
	const resvg = new Resvg(scoreCardSvg(view), {
		font: {
			loadSystemFonts: false,
			fontFiles,
			defaultFontFamily: SCORE_CARD_FONT_FAMILY,
			sansSerifFamily: SCORE_CARD_FONT_FAMILY
		},
		fitTo: { mode: 'original' },
		logLevel: 'off'
	});
	return resvg.render().asPng();
}

/** The card of a verified score, in the current locale. */
export function scoreCardView(facts: ScoreFacts): ScoreCardView {
	const stats: ScoreCardView['stats'] = [];
	// The card has room for one d′: the one over more rounds (pairs first on a tie).
	const main = [...facts.sensitivity].sort((a, b) => b.rounds - a.rounds)[0];
	if (main) {
		const label =
			facts.mode !== 'mixed'
				? m.score_sensitivity()
				: main.type === 'pair'
					? m.score_sensitivity_pair()
					: m.score_sensitivity_single();
		stats.push({ label, value: formatDPrime(main.dPrime) });
	}
	if (facts.meanConfidence !== null && facts.overconfidence !== null) {
		stats.push({
			label: m.score_confidence(),
			value: m.score_confidence_value({ percent: percent(facts.meanConfidence) })
		});
		stats.push({ label: m.score_calibration(), value: calibrationText(facts.overconfidence) });
	}
	const original = facts.replayOf;
	return {
		app: m.app_name(),
		badge: original ? m.score_replay_badge() : m.score_verified(),
		score: `${facts.right}/${facts.total}`,
		headline: `${modeName(facts.mode)} · ${facts.packTitle ?? facts.packId}`,
		date: formatDay(facts.day),
		stats,
		rounds: facts.results,
		call: !original
			? m.score_card_call()
			: original.code === null
				? m.score_card_replay_unnamed()
				: m.score_card_replay_of({
						right: original.right,
						total: original.total,
						date: formatDay(original.day)
					})
	};
}

let fontFiles: Promise<string[]> | undefined;

/**
 * Paths of the shipped fonts. resvg reads fonts from files only, and the build keeps them as
 * hashed assets that `read` can serve, so they are written once into the data directory.
 */
function shippedFontFiles(): Promise<string[]> {
	fontFiles ??= Promise.all(
		[regularFont, boldFont, regularCjkFont, boldCjkFont].map(async (asset) => {
			const file = path.join(app().dataDir, 'fonts', path.basename(asset));
			try {
				if (statSync(file).size > 0) return file;
			} catch {
				// not written yet
			}
			const bytes = new Uint8Array(await read(asset).arrayBuffer());
			privateDir(path.dirname(file));
			// Written beside and renamed, so a crash never leaves a half-written font behind.
			const partial = `${file}.${process.pid}.partial`;
			writePrivateFile(partial, bytes);
			renameSync(partial, file);
			return file;
		})
	).catch((error: unknown) => {
		fontFiles = undefined;
		throw error;
	});
	return fontFiles;
}

// Rendered cards by code and locale. A code's card never changes (the code is signed and the
// card shows only what it carries), so a small in-memory cache spares resvg the repeat work.
const CACHE_LIMIT = 200;
const rendered = new Map<string, Buffer>();

/** The PNG of a verified score's card, rendered once per code and locale. */
export async function scoreCardPng(facts: ScoreFacts, locale: string): Promise<Buffer> {
	const key = `${locale}:${facts.code}`;
	const cached = rendered.get(key);
	if (cached) {
		// Refreshes its place, so the cache drops the least recently used card first.
		rendered.delete(key);
		rendered.set(key, cached);
		return cached;
	}
	const png = renderScoreCard(scoreCardView(facts), await shippedFontFiles());
	rendered.set(key, png);
	if (rendered.size > CACHE_LIMIT) rendered.delete(rendered.keys().next().value!);
	return png;
}
