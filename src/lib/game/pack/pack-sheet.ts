/**
 * A pack sheet: a teacher pack written as a file instead of in the editor, for a maintainer who
 * builds packs on the command line from a folder of pictures, voices and videos. The same sheet can be YAML (one
 * document, the shape of sheetSchema) or CSV (one row per item, extra rows for more tells, a
 * `pair` column naming the two rows of a pair). Either way it becomes the editor's own draft
 * (draftFromSheet), so a sheet obeys every rule the editor does, then teacherManifest's.
 */
import * as z from 'zod';
import {
	boxTellSchema,
	itemDetailsSchema,
	outlineTellSchema,
	pointsOfField,
	TEACHER_TOPICS,
	timeTellSchema,
	TITLE_MAX,
	type TeacherTell
} from './teacher';

/** A file of the sheet's folder: a plain relative path that cannot leave the folder. */
const fileName = z
	.string()
	.trim()
	.min(1, 'must name a file of the folder')
	.refine(
		(name) => !name.startsWith('/') && !name.split(/[\\/]/).includes('..'),
		'must be a path inside the folder (no "/" at the start, no "..")'
	);

/**
 * A tell as a sheet writes it: its place is one of a box or an outline on a picture, or a time
 * range on a voice or a video (on a video, with a box on the picture if wanted), each as the
 * editor's region without its type.
 */
const sheetTellSchema = z
	.strictObject({
		category: boxTellSchema.shape.category,
		box: boxTellSchema.shape.region.omit({ type: true }).optional(),
		outline: outlineTellSchema.shape.region.shape.points.optional(),
		time: timeTellSchema.shape.region.omit({ type: true }).optional(),
		explanation: boxTellSchema.shape.explanation
	})
	.refine(
		(tell) => [tell.box, tell.outline, tell.time].filter((place) => place).length === 1,
		'must have one of box or outline (on a picture) or time (on a voice or a video)'
	);
type SheetTell = z.infer<typeof sheetTellSchema>;

/** A sheet's tell as the editor's draft holds it. */
export function tellOfSheet({ category, box, outline, time, explanation }: SheetTell): TeacherTell {
	if (box) return { category, region: { type: 'box', ...box }, explanation };
	if (outline) return { category, region: { type: 'polygon', points: outline }, explanation };
	return { category, region: { type: 'time', ...time! }, explanation };
}

const sheetItemSchema = itemDetailsSchema.safeExtend({
	file: fileName,
	tells: z.array(sheetTellSchema).default([])
});

const sheetPairSchema = z.strictObject({
	real: fileName,
	synthetic: fileName,
	tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' }),
	topic: z.enum(TEACHER_TOPICS)
});

export const sheetSchema = z.strictObject({
	/** The pack's id: its folder's name in PACKS_DIR, and how hosts and links name it. */
	id: z
		.string()
		.regex(
			/^[a-z0-9][a-z0-9-]{1,62}$/,
			'must be 2-63 lowercase letters, digits and hyphens (e.g. "fakes-week-49")'
		)
		// A build replaces the folder of its id: never the default pack's, nor a teacher pack's name.
		.refine((id) => id !== 'default', 'must not be "default", the default pack\'s id')
		.refine((id) => !id.startsWith('t-'), 'must not start with "t-", which names teacher packs'),
	/** Each build of a changed sheet gets a higher one, so score links name what was played. */
	version: z.int().positive('must be a whole number above 0').default(1),
	title: z.string().trim().min(1, 'must not be empty').max(TITLE_MAX),
	language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag'),
	items: z.array(sheetItemSchema).min(2, 'must list at least two items'),
	pairs: z.array(sheetPairSchema).min(1, 'must pair at least one real with one synthetic item')
});
export type Sheet = z.infer<typeof sheetSchema>;
export type SheetItem = Sheet['items'][number];

/** One problem of a sheet: where (a JSON path, or a CSV row and column) and what. */
export interface SheetProblem {
	where: string;
	message: string;
}

export type SheetResult =
	| {
			ok: true;
			sheet: Sheet;
			/** Where a part of the sheet is written (a JSON path, or a CSV row and column). */
			where: (path: PropertyKey[]) => string;
	  }
	| { ok: false; problems: SheetProblem[] };

/** A YAML sheet's parsed document, checked. */
export function sheetFromDocument(document: unknown): SheetResult {
	const parsed = sheetSchema.safeParse(document);
	if (parsed.success) return withPairsChecked(parsed.data, (path) => jsonPath(path));
	return { ok: false, problems: parsed.error.issues.map(problemAt((path) => jsonPath(path))) };
}

/** The columns of a CSV sheet, as its header row names them. */
export const CSV_COLUMNS = [
	'file',
	'truth',
	'made_with',
	'tool',
	'alt',
	'source',
	'author',
	'licence',
	'transcript',
	'pair',
	'tier',
	'topic',
	'tell_category',
	'tell_x',
	'tell_y',
	'tell_w',
	'tell_h',
	'tell_points',
	'tell_start',
	'tell_end',
	'tell_explanation'
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string>>;

/** The CSV column behind each field of an item, to name it in a problem. */
const ITEM_COLUMN: Record<string, CsvColumn> = {
	file: 'file',
	truth: 'truth',
	madeWith: 'made_with',
	tool: 'tool',
	alt: 'alt',
	source: 'source',
	author: 'author',
	licence: 'licence',
	transcript: 'transcript'
};
const TELL_COLUMN: Record<string, CsvColumn> = {
	category: 'tell_category',
	x: 'tell_x',
	y: 'tell_y',
	w: 'tell_w',
	h: 'tell_h',
	outline: 'tell_points',
	start: 'tell_start',
	end: 'tell_end',
	explanation: 'tell_explanation'
};

/**
 * A CSV sheet, from its rows (the header row first) and what a CSV has no room for (the pack's
 * id, title, language and version, given on the command line). Rows are numbered as a
 * spreadsheet shows them, the header being row 1.
 */
export function sheetFromCsv(
	rows: string[][],
	pack: { id: string; title: string; language: string; version?: number }
): SheetResult {
	const [header = [], ...body] = rows;
	const names = header.map((name) => name.trim().toLowerCase());
	const unknown = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
	if (unknown.length > 0 || !names.includes('file')) {
		const message =
			unknown.length > 0
				? `unknown column ${JSON.stringify(unknown[0])}; the columns are ${CSV_COLUMNS.join(', ')}`
				: `has no "file" column; the columns are ${CSV_COLUMNS.join(', ')}`;
		return { ok: false, problems: [{ where: 'row 1', message }] };
	}
	const cells = body.map((cells): CsvRow => {
		const row: CsvRow = {};
		names.forEach((name, index) => {
			const value = cells[index]?.trim();
			if (value) row[name as CsvColumn] = value;
		});
		return row;
	});

	// Where each part of the document came from, to name the row and column of a problem.
	const itemRows: number[] = [];
	const tellRows: number[][] = [];
	const pairRows: Array<Record<string, number>> = [];
	const rowsByPair = new Map<string, Record<string, number>>();
	const items: Record<string, unknown>[] = [];
	/** Each file's item and its place in `items`. */
	const byFile = new Map<string, { item: Record<string, unknown>; index: number }>();
	const pairs = new Map<
		string,
		{ real?: string; synthetic?: string; tier?: number | string; topic?: string }
	>();
	cells.forEach((row, index) => {
		const rowNumber = index + 2;
		if (!row.file) return;
		let found = byFile.get(row.file);
		if (!found) {
			const item = {
				file: row.file,
				truth: row.truth,
				madeWith: row.made_with,
				alt: row.alt,
				source: row.source,
				author: row.author,
				licence: row.licence,
				...(row.tool ? { tool: row.tool } : {}),
				...(row.transcript ? { transcript: row.transcript } : {}),
				tells: []
			};
			found = { item, index: items.length };
			byFile.set(row.file, found);
			items.push(item);
			itemRows.push(rowNumber);
			tellRows.push([]);
		}
		if (row.tell_category || row.tell_explanation) {
			(found.item.tells as unknown[]).push({
				category: row.tell_category,
				...csvTellPlace(row),
				explanation: row.tell_explanation
			});
			tellRows[found.index].push(rowNumber);
		}
		if (row.pair) {
			let pair = pairs.get(row.pair);
			if (!pair) {
				pair = {};
				pairs.set(row.pair, pair);
				rowsByPair.set(row.pair, { pair: rowNumber });
				pairRows.push(rowsByPair.get(row.pair)!);
			}
			const rowsOfPair = rowsByPair.get(row.pair)!;
			const side = row.truth === 'real' ? 'real' : 'synthetic';
			pair[side] = row.file;
			rowsOfPair[side] = rowNumber;
			if (row.tier) {
				pair.tier = number(row.tier);
				rowsOfPair.tier = rowNumber;
			}
			if (row.topic) {
				pair.topic = row.topic;
				rowsOfPair.topic = rowNumber;
			}
		}
	});
	const document = {
		id: pack.id,
		title: pack.title,
		language: pack.language,
		...(pack.version === undefined ? {} : { version: pack.version }),
		items,
		pairs: [...pairs.values()]
	};
	const cellOf = (path: PropertyKey[]): string => {
		const [part, index, field, tellIndex] = path;
		if (part === 'items' && typeof index === 'number') {
			if (field === 'tells' && typeof tellIndex === 'number') {
				// The innermost part a column holds: a time range's box's x is tell_x.
				const column =
					path
						.slice(4)
						.map(String)
						.reverse()
						.map((name) => TELL_COLUMN[name])
						.find(Boolean) ?? 'tell_category';
				return `row ${tellRows[index][tellIndex]}, column ${column}`;
			}
			return `row ${itemRows[index]}, column ${ITEM_COLUMN[String(field)] ?? 'file'}`;
		}
		if (part === 'pairs' && typeof index === 'number') {
			const column = field === 'tier' || field === 'topic' ? field : 'pair';
			const rowsOfPair = pairRows[index];
			return `row ${rowsOfPair[String(field)] ?? rowsOfPair.pair}, column ${column}`;
		}
		if (part === 'items' || part === 'pairs') return 'the rows';
		return `the command line's ${String(part)}`;
	};
	const parsed = sheetSchema.safeParse(document);
	if (parsed.success) return withPairsChecked(parsed.data, cellOf);
	return { ok: false, problems: parsed.error.issues.map(problemAt(cellOf)) };
}

/**
 * Where a CSV row's tell is: an outline when it has tell_points, a time range when it has
 * tell_start or tell_end (on a video, with the box of tell_x to tell_h when it has one), else a
 * box.
 */
function csvTellPlace(row: CsvRow): Record<string, unknown> {
	if (row.tell_points) return { outline: pointsOfField(row.tell_points) ?? row.tell_points };
	const box = {
		x: number(row.tell_x),
		y: number(row.tell_y),
		w: number(row.tell_w),
		h: number(row.tell_h)
	};
	if (row.tell_start || row.tell_end) {
		const boxed = row.tell_x || row.tell_y || row.tell_w || row.tell_h;
		return {
			time: { start: number(row.tell_start), end: number(row.tell_end), ...(boxed ? { box } : {}) }
		};
	}
	return { box };
}

/** A number cell as a number, or the text itself so the schema names what is wrong with it. */
function number(cell: string | undefined): number | string | undefined {
	if (cell === undefined) return undefined;
	const value = Number(cell);
	return cell.trim() !== '' && Number.isFinite(value) ? value : cell;
}

function jsonPath(path: PropertyKey[]): string {
	return (
		path.reduce<string>(
			(where, part) =>
				typeof part === 'number'
					? `${where}[${part}]`
					: where
						? `${where}.${String(part)}`
						: String(part),
			''
		) || 'the sheet'
	);
}

/** The editor's reason codes, as the sentences a sheet's author needs instead. */
const CODE_MESSAGES: Record<string, string> = {
	'truth-mismatch':
		'does not fit the truth: a real item is made with camera or light-edit (a voice: recording; a video: filmed); a synthetic one with generator, ai-edit or photo-editor (a voice: voice-clone; a video: video-generator or face-swap)',
	'tool-required':
		'is required for a synthetic item: what made it (a generator and its version, "voice clone", "photo editor")'
};

function problemAt(where: (path: PropertyKey[]) => string) {
	return (issue: z.core.$ZodIssue): SheetProblem => {
		let message = CODE_MESSAGES[issue.message] ?? issue.message;
		if (issue.code === 'invalid_type') {
			// zod keeps no input in its issues unless asked to; its own message says what it got.
			message = /received undefined$/.test(issue.message)
				? 'is required'
				: `must be a ${issue.expected}`;
		}
		return { where: where(issue.path), message };
	};
}

/** The checks across items: files named once, pairs of listed files, each item in one pair. */
function withPairsChecked(sheet: Sheet, where: (path: PropertyKey[]) => string): SheetResult {
	const problems: SheetProblem[] = [];
	const files = new Map<string, SheetItem>();
	sheet.items.forEach((item, index) => {
		if (files.has(item.file)) {
			problems.push({ where: where(['items', index, 'file']), message: 'is listed twice' });
		}
		files.set(item.file, item);
	});
	const paired = new Set<string>();
	sheet.pairs.forEach((pair, index) => {
		for (const side of ['real', 'synthetic'] as const) {
			const item = files.get(pair[side]);
			const at = where(['pairs', index, side]);
			if (!item) problems.push({ where: at, message: `names ${pair[side]}, which no item lists` });
			else if (item.truth !== side) problems.push({ where: at, message: `must be a ${side} item` });
			else if (paired.has(item.file)) {
				problems.push({ where: at, message: `${item.file} is already in another pair` });
			}
			paired.add(pair[side]);
		}
		if ((files.get(pair.synthetic)?.tells.length ?? 0) === 0) {
			problems.push({
				where: where(['pairs', index, 'synthetic']),
				message: 'the synthetic item has no tell: mark at least one so players learn why'
			});
		}
	});
	sheet.items.forEach((item, index) => {
		if (!paired.has(item.file)) {
			problems.push({
				where: where(['items', index, 'file']),
				message: 'is in no pair: pair it with an item of the other kind, or leave it out'
			});
		}
	});
	return problems.length > 0 ? { ok: false, problems } : { ok: true, sheet, where };
}
