/**
 * A pack folder built from a pack sheet (pack-sheet.ts) and the folder of pictures and voices it
 * names: the command line's way to what the editor does. Every picture goes through processImage
 * and every voice through processVoice, exactly as an upload does (checked by its bytes, written
 * afresh with no metadata, content-hash names; a voice must already be what the editor's browser
 * makes of one, Ogg Opus mono at 48 kHz, as README says how to convert it),
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
import { tellOfSheet, type Sheet } from '$lib/game/pack/pack-sheet';
import { SNIFF_BYTES, sniffMedia } from '$lib/game/pack/sniff';
import { voiceWarnings, type VoiceWarning } from '$lib/game/pack/voice-look';
import {
	detailsRefusal,
	itemSeconds,
	lengthWarnings,
	lookWarnings,
	tellRefusal,
	teacherManifest,
	type DetailsRefusal,
	type Draft,
	type DraftItem,
	type LengthWarning,
	type LookWarning,
	type TellRefusal
} from '$lib/game/pack/teacher';
import type { Pack } from '$lib/game/pack/schema';
import { pictureFiles, processImage, type ImageRefusal } from './teacher/images';
import { processVoice, voiceFiles, type VoiceRefusal } from './teacher/voices';
import type { ServedFile } from './teacher/served-files';

/** What stops a build, each naming the file (or the sheet's item) at fault. */
export type SheetBuildProblem =
	| { file: string; problem: 'missing' | 'outside-folder' }
	| { file: string; problem: 'picture'; refusal: ImageRefusal }
	| { file: string; problem: 'voice'; refusal: VoiceRefusal }
	| { file: string; problem: 'details'; refusal: DetailsRefusal }
	| { file: string; problem: 'tell'; tell: number; refusal: TellRefusal }
	| { file: string; problem: 'manifest'; message: string };

/** A pair that players could win without its tells, as the editor warns. */
export interface SheetBuildWarning {
	real: string;
	synthetic: string;
	warnings: Array<LookWarning | LengthWarning | VoiceWarning>;
}

export type SheetBuild =
	| { ok: true; pack: Pack; dir: string; warnings: SheetBuildWarning[] }
	| { ok: false; problems: SheetBuildProblem[] };

/** An id for a sheet's item, the same on every build of the sheet, telling nothing of the item. */
const itemId = (sheet: Sheet, file: string) =>
	`i${createHash('sha256').update(`${sheet.id}\u0000${file}`).digest('hex').slice(0, 12)}`;

/** An item's files once checked and written afresh, as the editor's store keeps them. */
type Processed = Pick<DraftItem, 'kind' | 'look' | 'voiceLook'> & { files: ServedFile[] };

/** Why a file of the folder was refused, as the upload form would refuse it. */
type FileRefusal =
	{ problem: 'picture'; refusal: ImageRefusal } | { problem: 'voice'; refusal: VoiceRefusal };

/** A file of the sheet's folder as the upload form would take it: a voice or else a picture. */
async function processFile(bytes: Uint8Array): Promise<Processed | FileRefusal> {
	if (sniffMedia(bytes.subarray(0, SNIFF_BYTES)) === 'ogg-opus') {
		const voice = await processVoice(bytes);
		if (!voice.ok) return { problem: 'voice', refusal: voice.refusal };
		return { kind: 'audio', files: voiceFiles(voice.voice), voiceLook: voice.voice.look };
	}
	const picture = await processImage(bytes);
	if (!picture.ok) return { problem: 'picture', refusal: picture.refusal };
	return { kind: 'image', files: pictureFiles(picture.image), look: picture.image.look };
}

/**
 * Builds the pack of `sheet` from the pictures and voices in `folder` into
 * `packsDir/<sheet.id>`, replacing an earlier build of it.
 */
export async function buildSheetPack(
	sheet: Sheet,
	folder: string,
	packsDir: string
): Promise<SheetBuild> {
	const problems: SheetBuildProblem[] = [];
	const root = realpathSync(folder);
	const processed = new Map<string, Processed>();
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
		const result = await processFile(readFileSync(file));
		if ('problem' in result) problems.push({ file: item.file, ...result });
		else processed.set(item.file, result);
	}
	if (problems.length > 0) return { ok: false, problems };

	const items: DraftItem[] = sheet.items.map((item) => {
		const { kind, files, look, voiceLook } = processed.get(item.file)!;
		const { file, tells, ...details } = item;
		const unfit = detailsRefusal(kind, details);
		if (unfit) problems.push({ file, problem: 'details', refusal: unfit });
		const draftItem: DraftItem = {
			id: itemId(sheet, file),
			kind,
			details,
			media: files.map(({ rendition }) => rendition),
			bytes: files.reduce((sum, served) => sum + served.bytes.length, 0),
			...(look ? { look } : {}),
			...(voiceLook ? { voiceLook } : {}),
			tells: tells.map(tellOfSheet)
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
		.map((pair) => {
			const [real, fake] = [byFile.get(pair.real)!, byFile.get(pair.synthetic)!];
			return {
				real: pair.real,
				synthetic: pair.synthetic,
				warnings:
					real.look && fake.look
						? lookWarnings(real.look, fake.look)
						: [
								...lengthWarnings(itemSeconds(real), itemSeconds(fake)),
								...voiceWarnings(real.voiceLook!, fake.voiceLook!)
							]
			};
		})
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
	for (const { files } of processed.values()) {
		for (const { file, bytes } of files) writeFileSync(path.join(staging, 'media', file), bytes);
	}
	rmSync(dir, { recursive: true, force: true });
	renameSync(staging, dir);
	return { ok: true, pack: manifest.pack, dir, warnings };
}
