/**
 * Importing a pack zip as a new teacher pack. The zip is read under pack-zip.ts' limits, its
 * manifest passes validatePack (every problem named by file and JSON path) and importPlan (what
 * the editor needs beyond that), and every medium is processed exactly as an upload is (a
 * picture decoded and re-encoded, a voice or a video checked strictly and written again by
 * processVoice or processVideo):
 * nothing in the zip is ever written or served as it came. The pack is made only once every
 * medium has been processed, so a refused zip leaves nothing behind.
 */
import { importPlan, type ImportProblem } from '$lib/game/pack/teacher-import';
import { validatePack, type PackError } from '$lib/game/pack/schema';
import { processImage, type ImageRefusal, type ProcessedImage } from './images';
import { processVoice, type ProcessedVoice, type VoiceRefusal } from './voices';
import { processVideo, type ProcessedVideo, type VideoRefusal } from './videos';
import { readPackZip, type ZipRefusal } from './pack-zip';
import type { TeacherPacks } from './store';

export type ImportRefusal =
	| { reason: ZipRefusal; entry?: string }
	| { reason: 'manifest'; problems: PackError[] }
	| { reason: 'missing-media'; entry: string }
	| { reason: 'media'; entry: string; refusal: ImageRefusal }
	| { reason: 'voice'; entry: string; refusal: VoiceRefusal }
	| { reason: 'video'; entry: string; refusal: VideoRefusal }
	| { reason: 'pack-full' | 'server-full' | 'too-many-packs' };

export type ImportResult =
	{ ok: true; id: string; editorSecret: string } | ({ ok: false } & ImportRefusal);

const manifestProblems = (file: string, problems: ImportProblem[]): PackError[] =>
	problems.map((problem) => ({ file, ...problem }));

/** Reads a pack zip and makes it a new teacher pack in `packs`, or says why not. */
export async function importPackZip(packs: TeacherPacks, bytes: Uint8Array): Promise<ImportResult> {
	const zip = readPackZip(bytes);
	if (!zip.ok) return { ok: false, reason: zip.refusal, entry: zip.entry };
	const file = zip.folder ? `${zip.folder}/manifest.json` : 'manifest.json';
	let json: unknown;
	try {
		json = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(zip.files.get('manifest.json'))
		);
	} catch (error) {
		const message = `is not JSON (${(error as Error).message})`;
		return { ok: false, reason: 'manifest', problems: [{ file, path: '', message }] };
	}
	const validated = validatePack(json, file);
	if (!validated.ok) return { ok: false, reason: 'manifest', problems: validated.errors };
	const planned = importPlan(validated.pack);
	if (!planned.ok) {
		return { ok: false, reason: 'manifest', problems: manifestProblems(file, planned.problems) };
	}
	const { plan } = planned;
	const entryName = (src: string) => (zip.folder ? `${zip.folder}/${src}` : src);

	const processed: Array<
		| { kind: 'image'; image: ProcessedImage }
		| { kind: 'audio'; voice: ProcessedVoice }
		| { kind: 'video'; video: ProcessedVideo }
	> = [];
	for (const item of plan.items) {
		const entry = entryName(item.source.src);
		const medium = zip.files.get(item.source.src);
		if (!medium) return { ok: false, reason: 'missing-media', entry };
		if (item.kind === 'audio') {
			const result = await processVoice(medium);
			if (!result.ok) return { ok: false, reason: 'voice', entry, refusal: result.refusal };
			processed.push({ kind: 'audio', voice: result.voice });
		} else if (item.kind === 'video') {
			const result = await processVideo(medium);
			if (!result.ok) return { ok: false, reason: 'video', entry, refusal: result.refusal };
			processed.push({ kind: 'video', video: result.video });
		} else {
			const result = await processImage(medium);
			if (!result.ok) return { ok: false, reason: 'media', entry, refusal: result.refusal };
			processed.push({ kind: 'image', image: result.image });
		}
	}

	const created = await packs.create(plan.title, plan.language);
	if (!created.ok) return { ok: false, reason: 'too-many-packs' };
	const ids = new Map<string, string>();
	for (const [index, item] of plan.items.entries()) {
		const record = (await packs.byId(created.id))!;
		const medium = processed[index];
		const added =
			medium.kind === 'image'
				? await packs.addImage(record, item.details, medium.image)
				: medium.kind === 'audio'
					? await packs.addVoice(record, item.details, medium.voice)
					: await packs.addVideo(record, item.details, medium.video);
		if (!added.ok) {
			await packs.delete(created.id);
			return { ok: false, reason: added.problem };
		}
		ids.set(item.key, added.item.id);
	}
	const record = (await packs.byId(created.id))!;
	const tells = new Map(plan.items.map((item) => [ids.get(item.key)!, item.tells]));
	await packs.save(created.id, {
		...record.draft,
		items: record.draft.items.map((item) => ({ ...item, tells: tells.get(item.id) ?? [] })),
		pairs: plan.pairs.map((pair) => {
			const synthetic = ids.get(pair.synthetic)!;
			return {
				id: `p${synthetic.slice(1)}`,
				real: ids.get(pair.real)!,
				synthetic,
				tier: pair.tier,
				topic: pair.topic
			};
		}),
		singles: plan.singles.map((single) => {
			const item = ids.get(single.item)!;
			return { id: `s${item.slice(1)}`, item, tier: single.tier, topic: single.topic };
		})
	});
	return { ok: true, id: created.id, editorSecret: created.editorSecret };
}
