/**
 * `npm run pack:sheet -- <folder> [options]`: builds a pack folder from a folder of pictures and
 * voices and its sheet (pack.yaml, pack.yml or pack.csv in it, or --sheet FILE) into PACKS_DIR (or --out
 * DIR), where the server loads it at its next start. A CSV sheet needs --id, --title and
 * --language (a YAML sheet says them itself). Problems are printed one per line, each naming the
 * file, row or field at fault; the exit code is 1 when the pack was not built.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { sheetFromCsv, sheetFromDocument, type SheetResult } from '$lib/game/pack/pack-sheet';
import { buildSheetPack, type SheetBuildProblem } from '$lib/server/packs/sheet-pack';
import {
	detailsRefusal,
	imageRefusal,
	pairWarningText,
	tellRefusal,
	voiceRefusal
} from '$lib/i18n/teacher-refusals';

const USAGE = `Usage: npm run pack:sheet -- <folder> [--sheet FILE] [--out DIR]
         [--id ID --title TITLE --language TAG [--version N]]   (for a CSV sheet)`;

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

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

const problemText = (problem: SheetBuildProblem): string => {
	switch (problem.problem) {
		case 'missing':
			return 'no such file in the folder';
		case 'outside-folder':
			return 'is a link to a file outside the folder';
		case 'picture':
			return imageRefusal[problem.refusal]();
		case 'voice':
			return voiceRefusal[problem.refusal]();
		case 'details':
			return detailsRefusal[problem.refusal]();
		case 'tell':
			return `tell ${problem.tell}: ${tellRefusal[problem.refusal]()}`;
		case 'manifest':
			return problem.message;
	}
};

const out = path.resolve(values.out ?? process.env.PACKS_DIR ?? 'static/packs');
const built = await buildSheetPack(read.sheet, folder, out);
if (!built.ok)
	fail(built.problems.map((problem) => `${problem.file}: ${problemText(problem)}`).join('\n'));
for (const pair of built.warnings) {
	for (const warning of pair.warnings) {
		console.warn(`Warning, ${pair.real} / ${pair.synthetic}: ${pairWarningText[warning]()}`);
	}
}
const pairs = built.pack.pairs.length === 1 ? '1 pair' : `${built.pack.pairs.length} pairs`;
console.log(
	`Built pack ${built.pack.id} ${built.pack.version} (${pairs}) in ${built.dir}.\nRestart the server to offer it on the Host page.`
);
