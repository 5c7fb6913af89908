/**
 * Makes the score card's Chinese fonts: Noto Sans CJK SC (Regular and Bold) cut down to the
 * characters the card can show, so the repository and the server's memory hold a few dozen
 * kilobytes instead of two 20 MB font collections.
 *
 * The characters are those of the card's messages in every non-English catalogue, the titles of
 * the packs in static/packs, digits, ASCII and the punctuation of dates and numbers. Run it again
 * (`npm run card-fonts`) after changing one of them; the unit test score-card-glyphs.test.ts
 * fails while a character the card can show is missing from the fonts.
 *
 * Needs Debian's fonts-noto-cjk (the source fonts) and fonttools (pyftsubset):
 *   apt-get install fonts-noto-cjk fonttools
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../../..');
const SOURCE = '/usr/share/fonts/opentype/noto';
/** Noto Sans CJK SC is face 2 of Debian's collections (JP, KR, SC, TC, HK, ...). */
const SC_FACE = 2;

/** The messages the card draws (see scoreCardView and score-words.ts). */
export const CARD_MESSAGES = [
	'app_name',
	'score_verified',
	'score_replay_badge',
	'score_mode_pairs',
	'score_mode_single',
	'score_mode_mixed',
	'score_sensitivity',
	'score_sensitivity_pair',
	'score_sensitivity_single',
	'score_confidence',
	'score_confidence_value',
	'score_calibration',
	'score_calibration_over',
	'score_calibration_under',
	'score_calibration_matched',
	'score_card_call',
	'score_card_replay_unnamed',
	'score_card_replay_of'
];

/** Characters a date or a number adds in some locale: 2026年11月25日, −0.30, 1,5 … */
const FORMAT_CHARACTERS = '0123456789年月日−–—·…%/′.,:： ';

function printableAscii() {
	return Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
}

/** Every string under a key that names a title, at any depth (a pack's title in any language). */
function titles(value, underTitle = false) {
	if (typeof value === 'string') return underTitle ? [value] : [];
	if (Array.isArray(value)) return value.flatMap((entry) => titles(entry, underTitle));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, entry]) =>
			titles(entry, underTitle || /title/i.test(key))
		);
	}
	return [];
}

function cardText() {
	const messages = path.join(root, 'messages');
	const catalogues = readdirSync(messages).filter((f) => f.endsWith('.json') && f !== 'en.json');
	const texts = catalogues.flatMap((file) => {
		const catalogue = JSON.parse(readFileSync(path.join(messages, file), 'utf8'));
		return CARD_MESSAGES.map((key) => JSON.stringify(catalogue[key] ?? ''));
	});
	const packs = path.join(root, 'static/packs');
	for (const pack of readdirSync(packs)) {
		const manifest = path.join(packs, pack, 'manifest.json');
		if (statSync(manifest, { throwIfNoEntry: false })) {
			texts.push(...titles(JSON.parse(readFileSync(manifest, 'utf8'))));
		}
	}
	return [...new Set([...texts.join(''), ...FORMAT_CHARACTERS, ...printableAscii()])].join('');
}

function subset(weight) {
	const output = path.join(here, `NotoSansSC-${weight}-card.otf`);
	execFileSync('pyftsubset', [
		path.join(SOURCE, `NotoSansCJK-${weight}.ttc`),
		`--font-number=${SC_FACE}`,
		`--text=${cardText()}`,
		`--output-file=${output}`,
		// Only what drawing needs: no hinting, no layout features beyond the defaults.
		'--no-hinting',
		'--desubroutinize',
		'--name-IDs=*',
		'--name-languages=*'
	]);
	console.log(`${path.relative(root, output)}: ${statSync(output).size} bytes`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	subset('Regular');
	subset('Bold');
}
