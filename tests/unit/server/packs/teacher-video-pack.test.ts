import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPack, packZipOf, type ExportedPack } from '../../../support/pack-export';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairWarnings, type ItemDetails, type Look, type TimeTell } from '$lib/game/pack/teacher';
import { openDatabase } from '$lib/server/store/db';
import { TeacherPacks } from '$lib/server/packs/teacher/store';
import { SqliteTeacherPackRecords } from '$lib/server/packs/teacher/records';
import { importPackZip } from '$lib/server/packs/teacher/import';
import { processVideo, type ProcessedVideo } from '$lib/server/packs/teacher/videos';

/**
 * A teacher pack with a video pair: its videos stored by content as the pack's served format,
 * its time-range tell with a box, its export, and the import on another server, which checks
 * every video again as an upload. The videos are made here by ffmpeg, as a browser's conversion
 * sends them.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-video-pack-'));
function encode(name: string, args: string[]): Buffer {
	const file = path.join(dir, name);
	const run = spawnSync('ffmpeg', [
		'-v',
		'error',
		'-y',
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=320x180:rate=25:duration=2',
		'-f',
		'lavfi',
		'-i',
		'sine=frequency=440:duration=2',
		'-pix_fmt',
		'yuv420p',
		'-ac',
		'1',
		'-ar',
		'48000',
		'-metadata',
		'title=SECRET-TITLE',
		...args,
		file
	]);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return readFileSync(file);
}
const mp4 = (name: string, quality: string) =>
	encode(name, ['-c:v', 'libx264', '-crf', quality, '-c:a', 'aac']);

function newStore(): TeacherPacks {
	const root = mkdtempSync(path.join(dir, 'store-'));
	return new TeacherPacks({
		records: new SqliteTeacherPackRecords(openDatabase(root)),
		mediaDir: path.join(root, 'teacher-media'),
		ttlDays: 90,
		packQuotaBytes: 10_000_000,
		serverQuotaBytes: 100_000_000
	});
}

const details = (truth: 'real' | 'synthetic'): ItemDetails => ({
	truth,
	alt: 'A test card with a moving square.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0',
	madeWith: truth === 'real' ? 'filmed' : 'face-swap',
	...(truth === 'synthetic' ? { tool: 'Swap v3' } : {})
});

const tell: TimeTell = {
	category: 'lip-sync',
	region: { type: 'time', start: 0.5, end: 1.5, box: { x: 0.4, y: 0.5, w: 0.2, h: 0.1 } },
	explanation: 'The lips move after the words.'
};

async function video(bytes: Uint8Array): Promise<ProcessedVideo> {
	const result = await processVideo(bytes);
	if (!result.ok) throw new Error(result.refusal);
	return result.video;
}

/** A look as the editor's browser measures a video's frames and sends it (sentLook). */
const softLook: Look = {
	sharpness: 300,
	brightness: 110,
	colourfulness: 25,
	contrast: 50,
	noise: 2
};

let store: TeacherPacks;
let packId: string;
let exported: ExportedPack;

beforeAll(async () => {
	store = newStore();
	const created = await store.create('Videos', 'en');
	if (!created.ok) throw new Error('create');
	packId = created.id;
	const real = await store.addVideo(
		(await store.byId(packId))!,
		details('real'),
		await video(mp4('real.mp4', '23')),
		softLook
	);
	const fake = await store.addVideo(
		(await store.byId(packId))!,
		details('synthetic'),
		await video(mp4('fake.mp4', '30')),
		{ ...softLook, sharpness: 900 }
	);
	if (!real.ok || !fake.ok) throw new Error('add');
	expect(fake.item.sound).toBe(true);
	const record = (await store.byId(packId))!;
	await store.save(packId, {
		...record.draft,
		items: record.draft.items.map((item) =>
			item.id === fake.item.id ? { ...item, tells: [tell] } : item
		),
		pairs: [{ id: 'p1234', real: real.item.id, synthetic: fake.item.id, tier: 1, topic: 'video' }]
	});
	exported = await exportPack(store, packId);
}, 60_000);

describe('a teacher pack of videos', { timeout: 30_000 }, () => {
	it('stores each video as its own MP4 named by content, private, with its size and length', async () => {
		const [real, fake] = exported.pack.items;
		expect(real.media[0].src).not.toBe(fake.media[0].src);
		for (const item of exported.pack.items) {
			expect(item.kind).toBe('video');
			expect(item.media).toEqual([
				{
					src: expect.stringMatching(/^media\/[0-9a-f]{32}\.mp4$/),
					type: 'video/mp4',
					width: 320,
					height: 180,
					duration: expect.closeTo(2, 1)
				}
			]);
			const file = (await store.mediaFile(packId, item.media[0].src))!;
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(exported.media(item.media[0].src).includes('SECRET-TITLE')).toBe(false);
		}
	});

	it("keeps each video's measured look, and warns of a fake sharper than its real", async () => {
		const [real, fake] = (await store.byId(packId))!.draft.items;
		expect(real.look).toEqual(softLook);
		expect(pairWarnings(real, fake)).toEqual(['sharper']);
	});

	it('plays as a video pair with its description and the boxed time-range tell', () => {
		const fake = exported.pack.items.find((item) => item.truth === 'synthetic')!;
		expect(fake).toMatchObject({ alt: 'A test card with a moving square.', tells: [tell] });
		expect(fake.transcript).toBeUndefined();
		expect(exported.pack.pairs[0]).toMatchObject({ topic: 'video' });
	});

	it('is imported on another server with its videos checked again and its tell kept', async () => {
		const other = newStore();
		const imported = await importPackZip(other, exported.zip);
		if (!imported.ok) throw new Error(JSON.stringify(imported));
		const playable = await other.exportable(imported.id);
		if (!playable.ok) throw new Error(playable.problem);
		const fake = playable.pack.items.find((item) => item.truth === 'synthetic')!;
		expect(fake).toMatchObject({
			kind: 'video',
			tells: [tell],
			provenance: { method: 'Swap v3' }
		});
		expect(fake.provenance.digitalSourceType).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
		expect(playable.pack.pairs[0].topic).toBe('video');
		// A zip carries no measured look and the server measures none: until the editor's
		// browser measures them, the imported pair warns by length, shape and sound only.
		const record = (await other.byId(imported.id))!;
		const [realItem, fakeItem] = record.draft.items;
		expect(realItem.look).toBeUndefined();
		expect(pairWarnings(realItem, fakeItem)).toEqual([]);
	});

	it('refuses an imported video that is not the served format, naming its entry', async () => {
		const media = Object.fromEntries(
			exported.pack.items.map((item) => [item.media[0].src, exported.media(item.media[0].src)])
		);
		const [first] = Object.keys(media);
		media[first] = encode('clip.mp4', ['-c:v', 'mpeg4', '-c:a', 'aac']);
		const imported = await importPackZip(newStore(), packZipOf(exported.pack, media));
		expect(imported).toEqual({
			ok: false,
			reason: 'video',
			entry: `pack/${first}`,
			refusal: 'encoding'
		});
	});
});
