/**
 * `npm run pack:sheet -- <folder> [options]`: builds a pack folder from a folder of pictures,
 * voices and videos and its sheet (pack.yaml, pack.yml or pack.csv in it, or --sheet FILE) into
 * PACKS_DIR (or --out DIR), where the server loads it at its next start. A CSV sheet needs --id,
 * --title and --language (a YAML sheet says them itself). Problems are printed one per line,
 * each naming the sheet's row and column (or field) and the file at fault; the exit code is 1
 * when the pack was not built. Videos' look is measured with the system's ffmpeg when there is
 * one (sheet-video-look.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { sheetFromCsv, sheetFromDocument, type SheetResult } from '$lib/game/pack/pack-sheet';
import { buildSheetPack, type SheetBuildProblem } from '$lib/server/packs/sheet-pack';
import type { VideoRefusal } from '$lib/server/packs/teacher/videos';
import type { VoiceRefusal } from '$lib/server/packs/teacher/voices';
import {
	detailsRefusal,
	imageRefusal,
	pairRefusal,
	pairWarningText,
	tellRefusal,
	videoRefusal,
	voiceRefusal
} from '$lib/i18n/teacher-refusals';
import { fail } from './fail';

const USAGE = `Usage: npm run pack:sheet -- <folder> [--sheet FILE] [--out DIR]
         [--id ID --title TITLE --language TAG [--version N]]   (for a CSV sheet)`;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		sheet: { type: 'string' },
		out: { type: 'string' },
		id: { type: 'string' },
		title: { type: 'string' },
		language: { type: 'string' },
		version: { type: 'string' },
		help: { type: 'boolean', short: 'h' }
	}
});
if (values.help || positionals.length !== 1) fail(USAGE);

const folder = path.resolve(positionals[0]);
const sheetFile = values.sheet
	? path.resolve(values.sheet)
	: ['pack.yaml', 'pack.yml', 'pack.csv'].map((name) => path.join(folder, name)).find(existsSync);
if (!sheetFile || !existsSync(sheetFile)) {
	fail(`No sheet: put pack.yaml or pack.csv in ${folder}, or name one with --sheet.\n${USAGE}`);
}
const sheetName = path.relative(process.cwd(), sheetFile);

let read: SheetResult;
try {
	const text = readFileSync(sheetFile, 'utf8');
	if (sheetFile.endsWith('.csv')) {
		if (!values.id || !values.title || !values.language) {
			fail(`A CSV sheet needs --id, --title and --language.\n${USAGE}`);
		}
		read = sheetFromCsv(parseCsv(text, { bom: true, relax_column_count: true }), {
			id: values.id,
			title: values.title,
			language: values.language,
			...(values.version ? { version: Number(values.version) } : {})
		});
	} else {
		read = sheetFromDocument(parseYaml(text));
	}
} catch (error) {
	fail(`${sheetName}: cannot be read (${(error as Error).message})`);
}
if (!read.ok) {
	fail(
		read.problems.map((problem) => `${sheetName}, ${problem.where}: ${problem.message}`).join('\n')
	);
}

/**
 * Voices and videos not in the editor's format: the editor's words would say to add the
 * original with JavaScript on, a sheet's author needs to convert it first.
 */
const NOT_CONVERTED = {
	voice: {
		refusals: ['not-ogg-opus', 'tracks', 'encoding'] as VoiceRefusal[],
		words:
			'must be a voice as the editor makes one (Ogg Opus, mono, 48 kHz): convert it with the ffmpeg command README gives'
	},
	video: {
		refusals: ['not-mp4', 'tracks', 'encoding', 'too-big-picture', 'frame-rate'] as VideoRefusal[],
		words:
			'must be a video as the editor makes one (H.264 in MP4, at most 640 pixels on its longest side, even-sized, square pixels, 25 frames a second, any sound mono 48 kHz AAC or Opus): convert it with the ffmpeg command README gives'
	}
};

const problemText = (problem: SheetBuildProblem): string => {
	switch (problem.problem) {
		case 'missing':
			return 'no such file in the folder';
		case 'outside-folder':
			return 'is a link to a file outside the folder';
		case 'not-converted':
			return 'is a sound or video file not yet converted: a voice must be Ogg Opus, mono, 48 kHz, and a video H.264 in MP4 (README gives the ffmpeg commands)';
		case 'picture':
			return imageRefusal[problem.refusal]();
		case 'voice':
			return NOT_CONVERTED.voice.refusals.includes(problem.refusal)
				? NOT_CONVERTED.voice.words
				: voiceRefusal[problem.refusal]();
		case 'video':
			return NOT_CONVERTED.video.refusals.includes(problem.refusal)
				? NOT_CONVERTED.video.words
				: videoRefusal[problem.refusal]();
		case 'details':
			return detailsRefusal[problem.refusal]();
		case 'pair':
			return `its pair: ${pairRefusal[problem.refusal]()}`;
		case 'tell':
			return `tell ${problem.tell}: ${tellRefusal[problem.refusal]()}`;
		case 'manifest':
			return problem.message;
	}
};

/** A problem with the sheet's row and column (or field) naming the file, then the file. */
const problemLine = (problem: SheetBuildProblem): string => {
	const index = read.sheet.items.findIndex((item) => item.file === problem.file);
	const where = index >= 0 ? `${sheetName}, ${read.where(['items', index, 'file'])}, ` : '';
	return `${where}${problem.file}: ${problemText(problem)}`;
};

const out = path.resolve(values.out ?? process.env.PACKS_DIR ?? 'static/packs');
const built = await buildSheetPack(read.sheet, folder, out);
if (!built.ok) fail(built.problems.map(problemLine).join('\n'));
for (const pair of built.warnings) {
	for (const warning of pair.warnings) {
		console.warn(`Warning, ${pair.real} / ${pair.synthetic}: ${pairWarningText[warning]()}`);
	}
}
if (built.unmeasured.length > 0) {
	console.warn(
		`Note: no ffmpeg on this computer, so the look of ${built.unmeasured.join(', ')} was not compared (install ffmpeg for those warnings).`
	);
}
const pairs = built.pack.pairs.length === 1 ? '1 pair' : `${built.pack.pairs.length} pairs`;
console.log(
	`Built pack ${built.pack.id} ${built.pack.version} (${pairs}) in ${built.dir}.\nRestart the server to offer it on the Host page.`
);
