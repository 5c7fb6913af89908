/**
 * A pack folder built from a pack sheet (pack-sheet.ts) and the folder of pictures, voices and
 * videos it names: the command line's way to what the editor does. Every picture goes through
 * processImage, every voice through processVoice and every video through processVideo, exactly
 * as an upload does (checked by its bytes, written afresh with no metadata, content-hash names; a
 * voice or a video must already be what the editor's browser makes of one, Ogg Opus mono at
 * 48 kHz, or H.264 in MP4, as README says how to convert them), the sheet becomes the editor's
 * draft, its pairs pass the editor's pairRefusal, and teacherManifest makes and validates the
 * manifest. The folder is written whole next to its place and then moved there, so PACKS_DIR
 * never holds half a pack; nothing is written when anything is refused.
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
import { isSoundOrVideo } from '$lib/game/pack/upload';
import {
	detailsRefusal,
	pairRefusal,
	pairWarnings,
	tellRefusal,
	teacherManifest,
	type DetailsRefusal,
	type Draft,
	type DraftItem,
	type PairRefusal,
	type PairWarning,
	type TellRefusal
} from '$lib/game/pack/teacher';
import type { Pack } from '$lib/game/pack/schema';
import { pictureFiles, processImage, type ImageRefusal } from './teacher/images';
import { processVoice, voiceFiles, type VoiceRefusal } from './teacher/voices';
import { processVideo, videoFiles, type VideoRefusal } from './teacher/videos';
import type { ServedFile } from './teacher/served-files';
import { sheetVideoLook } from './sheet-video-look';

/** What stops a build, each naming the file (or the sheet's item) at fault. */
export type SheetBuildProblem =
	| { file: string; problem: 'missing' | 'outside-folder' | 'not-converted' }
	| { file: string; problem: 'picture'; refusal: ImageRefusal }
	| { file: string; problem: 'voice'; refusal: VoiceRefusal }
	| { file: string; problem: 'video'; refusal: VideoRefusal }
	| { file: string; problem: 'details'; refusal: DetailsRefusal }
	| { file: string; problem: 'pair'; refusal: PairRefusal }
	| { file: string; problem: 'tell'; tell: number; refusal: TellRefusal }
	| { file: string; problem: 'manifest'; message: string };

/** A pair that players could win without its tells, as the editor warns. */
export interface SheetBuildWarning {
	real: string;
	synthetic: string;
	warnings: PairWarning[];
}

export type SheetBuild =
	| {
			ok: true;
			pack: Pack;
			dir: string;
			warnings: SheetBuildWarning[];
			/** Videos whose look was not measured (no ffmpeg here), so not compared. */
			unmeasured: string[];
	  }
	| { ok: false; problems: SheetBuildProblem[] };

/** An id for a sheet's item, the same on every build of the sheet, telling nothing of the item. */
const itemId = (sheet: Sheet, file: string) =>
	`i${createHash('sha256').update(`${sheet.id}\u0000${file}`).digest('hex').slice(0, 12)}`;

/** An item's files once checked and written afresh, as the editor's store keeps them. */
type Processed = Pick<DraftItem, 'kind' | 'look' | 'voiceLook' | 'sound'> & {
	files: ServedFile[];
};

/** Why a file of the folder was refused, as the upload form would refuse it. */
type FileRefusal =
	| { problem: 'picture'; refusal: ImageRefusal }
	| { problem: 'voice'; refusal: VoiceRefusal }
	| { problem: 'video'; refusal: VideoRefusal }
	| { problem: 'not-converted' };

/**
 * A file of the sheet's folder as the upload form would take it: a voice (Ogg Opus), a video
 * (MP4), any other sound or video file refused as one the editor would have converted first, or
 * else a picture.
 */
async function processFile(bytes: Uint8Array): Promise<Processed | FileRefusal> {
	const head = bytes.subarray(0, SNIFF_BYTES);
	const sniffed = sniffMedia(head);
	if (sniffed === 'ogg-opus') {
		const voice = await processVoice(bytes);
		if (!voice.ok) return { problem: 'voice', refusal: voice.refusal };
		return { kind: 'audio', files: voiceFiles(voice.voice), voiceLook: voice.voice.look };
	}
	if (isSoundOrVideo(head) && sniffed !== 'mp4') return { problem: 'not-converted' };
	if (sniffed === 'mp4') {
		const video = await processVideo(bytes);
		if (!video.ok) return { problem: 'video', refusal: video.refusal };
		const look = sheetVideoLook(video.video);
		return {
			kind: 'video',
			files: videoFiles(video.video),
			sound: video.video.sound,
			...(look ? { look } : {})
		};
	}
	const picture = await processImage(bytes);
	if (!picture.ok) return { problem: 'picture', refusal: picture.refusal };
	return { kind: 'image', files: pictureFiles(picture.image), look: picture.image.look };
}

/**
 * Builds the pack of `sheet` from the pictures, voices and videos in `folder` into
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
		const { kind, files, look, voiceLook, sound } = processed.get(item.file)!;
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
			...(sound === undefined ? {} : { sound }),
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
		}),
		singles: []
	};
	// Each pair as the editor's pair form would take it (kinds, topic, transcripts on both sides
	// or neither); being in one pair only is the sheet's own check.
	for (const pair of draft.pairs) {
		const refusal = pairRefusal({ ...draft, pairs: [] }, pair.real, pair.synthetic, pair.topic);
		const file = sheet.items[items.findIndex((item) => item.id === pair.synthetic)].file;
		if (refusal) problems.push({ file, problem: 'pair', refusal });
	}
	if (problems.length > 0) return { ok: false, problems };
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
			warnings: pairWarnings(byFile.get(pair.real)!, byFile.get(pair.synthetic)!)
		}))
		.filter((pair) => pair.warnings.length > 0);
	const unmeasured = items
		.filter((item) => item.kind === 'video' && !item.look)
		.map((item) => sheet.items[items.indexOf(item)].file);

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
	return { ok: true, pack: manifest.pack, dir, warnings, unmeasured };
}
