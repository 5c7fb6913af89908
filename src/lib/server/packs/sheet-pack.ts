/**
 * A pack folder built from a pack sheet (pack-sheet.ts) and the folder of pictures it names: the
 * command line's way to what the editor does. Every picture goes through processImage, exactly
 * as an upload does (checked by its bytes, decoded, re-encoded, no metadata, content-hash names),
 * the sheet becomes the editor's draft, and teacherManifest makes and validates the manifest.
 * The folder is written whole next to its place and then moved there, so PACKS_DIR never holds
 * half a pack; nothing is written when anything is refused.
 */
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import type { Sheet } from '$lib/game/pack/pack-sheet';
import {
	lookWarnings,
	tellRefusal,
	teacherManifest,
	type Draft,
	type DraftItem,
	type LookWarning,
	type TellRefusal
} from '$lib/game/pack/teacher';
import type { Pack } from '$lib/game/pack/schema';
import {
	pictureFiles,
	processImage,
	type ImageRefusal,
	type ProcessedImage
} from './teacher/images';

/** What stops a build, each naming the file (or the sheet's item) at fault. */
export type SheetBuildProblem =
	| { file: string; problem: 'missing' | 'outside-folder' }
	| { file: string; problem: 'picture'; refusal: ImageRefusal }
	| { file: string; problem: 'tell'; tell: number; refusal: TellRefusal }
	| { file: string; problem: 'manifest'; message: string };

/** A pair that players could win without its tells, as the editor warns. */
export interface SheetBuildWarning {
	real: string;
	synthetic: string;
	warnings: LookWarning[];
}

export type SheetBuild =
	| { ok: true; pack: Pack; dir: string; warnings: SheetBuildWarning[] }
	| { ok: false; problems: SheetBuildProblem[] };

/** An id for a sheet's item, the same on every build of the sheet, telling nothing of the item. */
const itemId = (sheet: Sheet, file: string) =>
	`i${createHash('sha256').update(`${sheet.id}\u0000${file}`).digest('hex').slice(0, 12)}`;

/**
 * Builds the pack of `sheet` from the pictures in `folder` into `packsDir/<sheet.id>`,
 * replacing an earlier build of it.
 */
export async function buildSheetPack(
	sheet: Sheet,
	folder: string,
	packsDir: string
): Promise<SheetBuild> {
	const problems: SheetBuildProblem[] = [];
	const root = realpathSync(folder);
	const processed = new Map<string, ProcessedImage>();
	for (const item of sheet.items) {
		const file = path.resolve(root, item.file);
		if (!existsSync(file)) {
			problems.push({ file: item.file, problem: 'missing' });
			continue;
		}
		// A link inside the folder may point anywhere; only files really inside it are read.
		if (!realpathSync(file).startsWith(root + path.sep)) {
			problems.push({ file: item.file, problem: 'outside-folder' });
			continue;
		}
		const result = await processImage(readFileSync(file));
		if (result.ok) processed.set(item.file, result.image);
		else problems.push({ file: item.file, problem: 'picture', refusal: result.refusal });
	}
	if (problems.length > 0) return { ok: false, problems };

	const files = new Map<string, ReturnType<typeof pictureFiles>>();
	const items: DraftItem[] = sheet.items.map((item) => {
		const image = processed.get(item.file)!;
		const pictures = pictureFiles(image);
		files.set(item.file, pictures);
		const { file, tells, ...details } = item;
		const draftItem: DraftItem = {
			id: itemId(sheet, file),
			kind: 'image',
			details,
			media: pictures.map(({ rendition }) => rendition),
			bytes: pictures.reduce((sum, picture) => sum + picture.bytes.length, 0),
			look: image.look,
			tells: tells.map(({ category, box, explanation }) => ({
				category,
				region: { type: 'box', ...box },
				explanation
			}))
		};
		draftItem.tells.forEach((tell, index) => {
			const refusal = tellRefusal(draftItem, tell);
			if (refusal) problems.push({ file, problem: 'tell', tell: index + 1, refusal });
		});
		return draftItem;
	});
	if (problems.length > 0) return { ok: false, problems };

	const byFile = new Map(sheet.items.map((item, index) => [item.file, items[index]]));
	const draft: Draft = {
		title: sheet.title,
		language: sheet.language,
		items,
		pairs: sheet.pairs.map((pair) => {
			const synthetic = byFile.get(pair.synthetic)!.id;
			return {
				id: `p${synthetic.slice(1)}`,
				real: byFile.get(pair.real)!.id,
				synthetic,
				tier: pair.tier,
				topic: pair.topic
			};
		})
	};
	const manifest = teacherManifest(sheet.id, sheet.version, draft);
	if (!manifest.ok) {
		return {
			ok: false,
			problems: manifest.errors.map((error) => ({
				file: error.file,
				problem: 'manifest',
				message: `${error.path}: ${error.message}`
			}))
		};
	}
	const warnings = sheet.pairs
		.map((pair) => ({
			real: pair.real,
			synthetic: pair.synthetic,
			warnings: lookWarnings(byFile.get(pair.real)!.look!, byFile.get(pair.synthetic)!.look!)
		}))
		.filter((pair) => pair.warnings.length > 0);

	const dir = path.join(packsDir, sheet.id);
	// A dot folder: the pack store skips it while it is being written.
	const staging = path.join(packsDir, `.${sheet.id}.building`);
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(path.join(staging, 'media'), { recursive: true });
	writeFileSync(
		path.join(staging, 'manifest.json'),
		JSON.stringify(manifest.pack, null, '\t') + '\n'
	);
	for (const pictures of files.values()) {
		for (const { file, bytes } of pictures) writeFileSync(path.join(staging, 'media', file), bytes);
	}
	rmSync(dir, { recursive: true, force: true });
	renameSync(staging, dir);
	return { ok: true, pack: manifest.pack, dir, warnings };
}
