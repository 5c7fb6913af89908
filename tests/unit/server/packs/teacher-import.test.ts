import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { exportPack, packZipOf, type ExportedPack } from '../../../support/pack-export';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BoxTell } from '$lib/game/pack/teacher';
import { openDatabase } from '$lib/server/store/db';
import { processImage, type ProcessedImage } from '$lib/server/packs/teacher/images';
import { TeacherPacks } from '$lib/server/packs/teacher/store';
import { SqliteTeacherPackRecords } from '$lib/server/packs/teacher/records';
import { importPackZip } from '$lib/server/packs/teacher/import';
import {
	MAX_UNZIPPED_BYTES,
	MAX_ZIP_BYTES,
	MAX_ZIP_ENTRIES,
	isSafeZipPath,
	readPackZip
} from '$lib/server/packs/teacher/pack-zip';

/** A noisy picture with EXIF naming the answer, as a careless export would carry. */
async function photo(seed: number, width: number, height: number) {
	const noise = Buffer.alloc(width * height * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = ((i + seed * 7919) * 2654435761) >>> 24;
	return sharp(noise, { raw: { width, height, channels: 3 } })
		.blur(1)
		.withExif({ IFD0: { Artist: 'SECRET-ARTIST' } })
		.jpeg()
		.toBuffer();
}

function newStore(): TeacherPacks {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-import-'));
	return new TeacherPacks({
		records: new SqliteTeacherPackRecords(openDatabase(dir)),
		mediaDir: path.join(dir, 'teacher-media'),
		ttlDays: 90,
		packQuotaBytes: 10_000_000,
		serverQuotaBytes: 100_000_000
	});
}

const tell: BoxTell = {
	category: 'warped-geometry',
	region: { type: 'box', x: 0.1, y: 0.2, w: 0.3, h: 0.2 },
	explanation: 'The mast melts into the sky.'
};

const details = (truth: 'real' | 'synthetic') => ({
	truth,
	alt: truth === 'real' ? 'Boats in a harbour.' : 'Boats by a quay.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0',
	madeWith: truth === 'real' ? ('camera' as const) : ('generator' as const),
	...(truth === 'synthetic' ? { tool: 'Test generator v1' } : {})
});

let images: ProcessedImage[];
/** An export of a ready one-pair pack, and the pack it holds. */
let exported: ExportedPack;

beforeAll(async () => {
	images = [];
	for (const seed of [1, 2]) {
		const result = await processImage(await photo(seed, 900, 700));
		if (!result.ok) throw new Error(result.refusal);
		images.push(result.image);
	}
	const store = newStore();
	const created = await store.create('Harbour week', 'en');
	if (!created.ok) throw new Error('create');
	const real = await store.addImage((await store.byId(created.id))!, details('real'), images[0]);
	const fake = await store.addImage(
		(await store.byId(created.id))!,
		details('synthetic'),
		images[1]
	);
	if (!real.ok || !fake.ok) throw new Error('add');
	const record = (await store.byId(created.id))!;
	await store.save(created.id, {
		...record.draft,
		items: record.draft.items.map((item) =>
			item.id === fake.item.id ? { ...item, tells: [tell] } : item
		),
		pairs: [{ id: 'p1234', real: real.item.id, synthetic: fake.item.id, tier: 2, topic: 'scene' }]
	});
	exported = await exportPack(store, created.id);
});

/** The offset of the first central directory entry of a zip. */
const directoryStart = (zip: Uint8Array) => {
	const view = Buffer.from(zip);
	return view.readUInt32LE(view.length - 22 + 16);
};

describe('readPackZip', () => {
	it('reads an export: its manifest and media, by their path inside the pack folder', () => {
		const read = readPackZip(exported.zip);
		if (!read.ok) throw new Error(read.refusal);
		expect(read.folder).toBe(exported.pack.id);
		expect([...read.files.keys()].sort()).toEqual(
			[
				'manifest.json',
				...new Set(exported.pack.items.flatMap((item) => item.media.map((m) => m.src)))
			].sort()
		);
	});

	it('reads a pack zipped at its root, deflated, and ignores the files a Mac adds', () => {
		const read = readPackZip(
			zipSync(
				{
					'manifest.json': new TextEncoder().encode('{}'),
					'media/': new Uint8Array(),
					'__MACOSX/._manifest.json': new Uint8Array(10),
					'.DS_Store': new Uint8Array(10)
				},
				{ level: 9 }
			)
		);
		if (!read.ok) throw new Error(read.refusal);
		expect(read.folder).toBe('');
		expect([...read.files.keys()]).toEqual(['manifest.json']);
	});

	it('refuses what is not a zip, a zip too large to take, and a zip without a manifest', () => {
		expect(readPackZip(new TextEncoder().encode('hello, this is not a zip at all'))).toEqual({
			ok: false,
			refusal: 'not-a-zip'
		});
		expect(readPackZip(new Uint8Array(MAX_ZIP_BYTES + 1))).toMatchObject({ refusal: 'too-large' });
		expect(readPackZip(zipSync({ 'pack/media/a.webp': new Uint8Array(4) }))).toMatchObject({
			refusal: 'no-manifest'
		});
	});

	it('refuses a damaged zip: a cut-off directory, a zip cut short, a wrong CRC, a wrong local header', () => {
		const zip = packZipOf({ a: 1 });
		const cut = zip.subarray(0, zip.length - 30);
		expect(readPackZip(cut)).toMatchObject({ ok: false });
		// A download that stopped half-way is a damaged zip, not another kind of file.
		expect(readPackZip(zip.subarray(0, zip.length / 2))).toEqual({
			ok: false,
			refusal: 'malformed'
		});
		const badCrc = Buffer.from(zip);
		badCrc.writeUInt32LE(
			badCrc.readUInt32LE(directoryStart(zip) + 16) ^ 1,
			directoryStart(zip) + 16
		);
		expect(readPackZip(badCrc)).toEqual({
			ok: false,
			refusal: 'malformed',
			entry: 'pack/manifest.json'
		});
		const badLocal = Buffer.from(zip);
		badLocal.writeUInt32LE(0, 0);
		expect(readPackZip(badLocal)).toMatchObject({ refusal: 'malformed' });
	});

	it('refuses too many entries before reading them', () => {
		const entries: Zippable = { 'pack/manifest.json': new Uint8Array(2) };
		for (let i = 0; i < MAX_ZIP_ENTRIES; i++) entries[`pack/media/${i}.webp`] = new Uint8Array();
		expect(readPackZip(zipSync(entries))).toEqual({ ok: false, refusal: 'too-many-entries' });
	});

	it('refuses a zip bomb by the sizes it announces, before inflating anything', () => {
		// Entries announcing 60 MB each: more than MAX_UNZIPPED_BYTES together.
		const zip = Buffer.from(
			packZipOf({}, { 'media/a.webp': new Uint8Array(1000), 'media/b.webp': new Uint8Array(1000) })
		);
		let at = directoryStart(zip);
		while (zip.readUInt32LE(at) === 0x02014b50) {
			zip.writeUInt32LE(Math.ceil(MAX_UNZIPPED_BYTES / 2) + 1, at + 24);
			at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		}
		expect(readPackZip(zip)).toEqual({ ok: false, refusal: 'too-big-unzipped' });
	});

	it('stops inflating an entry that gives more than it announced', () => {
		// 50 MB of zeros deflate to about 50 kB; the directory says 1,000 bytes.
		const zip = Buffer.from(
			zipSync(
				{
					'pack/manifest.json': new Uint8Array(2),
					'pack/media/a.webp': new Uint8Array(50_000_000)
				},
				{ level: 9 }
			)
		);
		let at = directoryStart(zip);
		at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
		zip.writeUInt32LE(1000, at + 24);
		const started = performance.now();
		expect(readPackZip(zip)).toEqual({
			ok: false,
			refusal: 'malformed',
			entry: 'pack/media/a.webp'
		});
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('refuses paths that climb out, start at the root or a drive, or use backslashes', () => {
		for (const name of [
			'../manifest.json',
			'pack/../../etc/passwd',
			'/etc/manifest.json',
			'C:/manifest.json',
			'pack\\manifest.json',
			'pack//manifest.json',
			'./manifest.json'
		]) {
			expect(isSafeZipPath(name), name).toBe(false);
			expect(
				readPackZip(zipSync({ [name]: new Uint8Array(2), 'manifest.json': new Uint8Array(2) })),
				name
			).toEqual({
				ok: false,
				refusal: 'unsafe-path',
				entry: name
			});
		}
		expect(isSafeZipPath('pack/media/0123abcd.webp')).toBe(true);
	});

	it('refuses links, encrypted entries and files that are no part of a pack', () => {
		const link = zipSync({
			'pack/manifest.json': new Uint8Array(2),
			'pack/media/a.webp': [
				new TextEncoder().encode('/etc/passwd'),
				{ os: 3, attrs: 0o120777 << 16 }
			]
		});
		expect(readPackZip(link)).toEqual({ ok: false, refusal: 'link', entry: 'pack/media/a.webp' });
		const encrypted = Buffer.from(packZipOf({}));
		encrypted.writeUInt16LE(1, directoryStart(encrypted) + 8);
		expect(readPackZip(encrypted)).toMatchObject({ refusal: 'encrypted' });
		expect(readPackZip(packZipOf({}, { 'run.sh': new Uint8Array(2) }))).toEqual({
			ok: false,
			refusal: 'unknown-file',
			entry: 'pack/run.sh'
		});
		expect(readPackZip(packZipOf({}, { 'media/deep/a.webp': new Uint8Array(2) }))).toMatchObject({
			refusal: 'unknown-file'
		});
	});
});

describe('importPackZip', () => {
	let store: TeacherPacks;
	beforeEach(() => {
		store = newStore();
	});

	it('makes an export a new pack with the same items, tells and pair, every picture re-encoded', async () => {
		const imported = await importPackZip(store, exported.zip);
		if (!imported.ok) throw new Error(JSON.stringify(imported));
		expect(imported.id).not.toBe(exported.pack.id);
		const record = (await store.byEditor(imported.editorSecret))!;
		expect(record.id).toBe(imported.id);
		expect(record.draft.title).toBe('Harbour week');
		expect(record.draft.items.map((item) => item.details)).toEqual([
			details('real'),
			details('synthetic')
		]);
		expect(record.draft.items[1].tells).toEqual([tell]);
		expect(record.draft.pairs).toEqual([
			{
				id: expect.any(String),
				real: record.draft.items[0].id,
				synthetic: record.draft.items[1].id,
				tier: 2,
				topic: 'scene'
			}
		]);
		// Each served file was made here, from the decoded picture: none is a file of the zip.
		const zipped = new Set(
			exported.pack.items.flatMap((item) =>
				item.media.map((m) => exported.media(m.src).toString('base64'))
			)
		);
		for (const item of record.draft.items) {
			expect(item.media.map((m) => [m.width, m.height])).toEqual([
				[640, 480],
				[1280, 960]
			]);
			for (const rendition of item.media) {
				const file = (await store.mediaFile(imported.id, rendition.src))!;
				expect(zipped.has(readFileSync(file).toString('base64'))).toBe(false);
			}
		}
		expect((await store.publish(imported.id)).ok).toBe(true);
	});

	it('keeps "Real or fake?" rounds through an export and an import, in a pack with no pair', async () => {
		const source = newStore();
		const created = await source.create('Viral week', 'en');
		if (!created.ok) throw new Error('create');
		const doubt = await source.addImage(
			(await source.byId(created.id))!,
			details('real'),
			images[0]
		);
		const viral = await source.addImage(
			(await source.byId(created.id))!,
			details('synthetic'),
			images[1]
		);
		if (!doubt.ok || !viral.ok) throw new Error('add');
		const record = (await source.byId(created.id))!;
		await source.save(created.id, {
			...record.draft,
			items: record.draft.items.map((item) =>
				item.id === viral.item.id ? { ...item, tells: [tell] } : item
			),
			singles: [
				{ id: 's1234', item: viral.item.id, tier: 3, topic: 'scene' },
				{ id: 's5678', item: doubt.item.id, tier: 1, topic: 'face' }
			]
		});
		const singles = await exportPack(source, created.id);
		expect(singles.pack.pairs).toEqual([]);
		expect(singles.pack.singles).toEqual([
			{ id: 's1234', item: viral.item.id, tier: 3, topic: 'scene' },
			{ id: 's5678', item: doubt.item.id, tier: 1, topic: 'face' }
		]);

		const imported = await importPackZip(store, singles.zip);
		if (!imported.ok) throw new Error(JSON.stringify(imported));
		const draft = (await store.byId(imported.id))!.draft;
		const [real, fake] = draft.items;
		expect([real.details.truth, fake.details.truth]).toEqual(['real', 'synthetic']);
		expect(fake.tells).toEqual([tell]);
		expect(draft.pairs).toEqual([]);
		expect(draft.singles).toEqual([
			{ id: `s${fake.id.slice(1)}`, item: fake.id, tier: 3, topic: 'scene' },
			{ id: `s${real.id.slice(1)}`, item: real.id, tier: 1, topic: 'face' }
		]);
		const published = await store.publish(imported.id);
		expect(published.ok && published.pack.singles?.length).toBe(2);
	});

	it('names the manifest file and field of every problem', async () => {
		const broken = {
			...exported.pack,
			title: '',
			items: exported.pack.items.map((item, i) => (i === 0 ? { ...item, truth: 'maybe' } : item))
		};
		const imported = await importPackZip(store, packZipOf(broken));
		expect(imported).toMatchObject({ ok: false, reason: 'manifest' });
		if (imported.ok || imported.reason !== 'manifest') throw new Error('not refused');
		expect(imported.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ file: 'pack/manifest.json', path: 'title' }),
				expect.objectContaining({ file: 'pack/manifest.json', path: 'items[0].truth' })
			])
		);
		const notJson = await importPackZip(store, packZipOf('{"title": '));
		expect(notJson).toMatchObject({
			reason: 'manifest',
			problems: [
				{ file: 'pack/manifest.json', path: '', message: expect.stringMatching(/^is not JSON/) }
			]
		});
	});

	it('names what the editor cannot take from a valid pack: a flat outline, a long tool', async () => {
		const fake = exported.pack.items.findIndex((item) => item.truth === 'synthetic');
		const pack = structuredClone(exported.pack);
		pack.items[fake].tells = [
			{
				...tell,
				region: {
					type: 'polygon',
					points: [
						[0.1, 0.1],
						[0.2, 0.2],
						[0.3, 0.3]
					]
				}
			}
		];
		pack.items[fake].provenance.method = 'x'.repeat(201);
		const media = Object.fromEntries(
			pack.items.flatMap((item) => item.media.map((m) => [m.src, exported.media(m.src)]))
		);
		const imported = await importPackZip(store, packZipOf(pack, media));
		expect(imported).toMatchObject({
			ok: false,
			reason: 'manifest',
			problems: [
				{
					file: 'pack/manifest.json',
					path: `items[${fake}].provenance.method`,
					message: 'must be at most 200 characters'
				},
				{
					file: 'pack/manifest.json',
					path: `items[${fake}].tells[0].region.points`,
					message: expect.stringMatching(/^must enclose an area/)
				}
			]
		});
	});

	it('keeps an outline tell, as the editor draws one', async () => {
		const fake = exported.pack.items.findIndex((item) => item.truth === 'synthetic');
		const pack = structuredClone(exported.pack);
		const outline = {
			type: 'polygon' as const,
			points: [
				[0.1, 0.1],
				[0.2, 0.1],
				[0.2, 0.3]
			] as [number, number][]
		};
		pack.items[fake].tells = [{ ...tell, region: outline }];
		const media = Object.fromEntries(
			pack.items.flatMap((item) => item.media.map((m) => [m.src, exported.media(m.src)]))
		);
		const imported = await importPackZip(store, packZipOf(pack, media));
		expect(imported).toMatchObject({ ok: true });
		if (!imported.ok) return;
		const draft = (await store.byEditor(imported.editorSecret))!.draft;
		expect(draft.items.find((item) => item.tells.length > 0)?.tells).toEqual([
			{ ...tell, region: outline }
		]);
	});

	it('refuses a medium missing from the zip or refused as an upload would be, naming its entry', async () => {
		const [first] = exported.pack.items[0].media.slice(-1);
		const missing = await importPackZip(store, packZipOf(exported.pack));
		expect(missing).toMatchObject({
			ok: false,
			reason: 'missing-media',
			entry: expect.stringMatching(/^pack\/media\//)
		});
		const media = Object.fromEntries(
			exported.pack.items.flatMap((item) => item.media.map((m) => [m.src, exported.media(m.src)]))
		);
		media[first.src] = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]);
		const program = await importPackZip(store, packZipOf(exported.pack, media));
		expect(program).toEqual({
			ok: false,
			reason: 'media',
			entry: `pack/${first.src}`,
			refusal: 'executable'
		});
	});

	it('refuses what pack-zip refuses, and a pack the quota cannot hold, leaving no pack behind', async () => {
		expect(await importPackZip(store, new Uint8Array(100))).toMatchObject({
			ok: false,
			reason: 'not-a-zip'
		});
		const dir = mkdtempSync(path.join(tmpdir(), 'telltale-import-'));
		const db = openDatabase(dir);
		const small = new TeacherPacks({
			records: new SqliteTeacherPackRecords(db),
			mediaDir: path.join(dir, 'm'),
			ttlDays: 90,
			packQuotaBytes: 1000,
			serverQuotaBytes: 1e9
		});
		expect(await importPackZip(small, exported.zip)).toEqual({ ok: false, reason: 'pack-full' });
		expect(db.prepare(`SELECT count(*) AS n FROM teacher_packs`).get()).toEqual({ n: 0 });
		expect(readdirSync(path.join(dir, 'm'))).toEqual([]);
	});
});
