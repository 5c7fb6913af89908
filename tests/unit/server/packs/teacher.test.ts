import { crc32 } from 'node:zlib';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teacherManifest, type BoxTell, type ItemDetails } from '$lib/game/pack/teacher';
import { DAY_MS } from '$lib/server/store/retention';
import { processImage, type ProcessedImage } from '$lib/server/packs/teacher/images';
import { TeacherPacks } from '$lib/server/packs/teacher/store';
import { CURRENT_DRAW_RULE } from '$lib/game/pack/format';
import { onlinePool } from '$lib/game/pack/pools';
import {
	teacherPackQuotaBytes,
	teacherPackTtlDays,
	teacherPacksQuotaBytes
} from '$lib/server/config';
import { packZip } from '$lib/server/packs/teacher/export';
import { loadPackFromDir } from '$lib/server/packs/loader';
import { describeOnEngines } from '../../../support/engines';

/** A noisy test picture (so its encodings are not trivially small), with EXIF and a comment. */
async function photo(width: number, height: number, format: 'jpeg' | 'png') {
	const noise = Buffer.alloc(width * height * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
	return sharp(noise, { raw: { width, height, channels: 3 } })
		.withExif({ IFD0: { Artist: 'SECRET-ARTIST', ImageDescription: 'this one is fake' } })
		[format]()
		.toBuffer();
}

/** A real PNG whose header claims `width` x `height`, as a decompression bomb would. */
async function claimingPng(width: number, height: number): Promise<Buffer> {
	const png = Buffer.from(
		await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
			.png()
			.toBuffer()
	);
	png.writeUInt32BE(width, 16);
	png.writeUInt32BE(height, 20);
	png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
	return png;
}

/** The secret with its last character changed (to one it is not: a random secret may end in 'A'). */
function otherLastCharacter(secret: string): string {
	return secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
}

// Decoding and encoding pictures takes seconds on a busy machine: no test here is about speed.
describe('processImage', { timeout: 60_000 }, () => {
	it('re-encodes a JPEG with EXIF to the served sizes as WebP, with no metadata left', async () => {
		const result = await processImage(await photo(1000, 800, 'jpeg'));
		if (!result.ok) throw new Error(result.refusal);
		expect(result.image.renditions.map(({ width, height }) => [width, height])).toEqual([
			[640, 480],
			[1280, 960]
		]);
		for (const { bytes } of result.image.renditions) {
			const meta = await sharp(bytes).metadata();
			expect(meta.format).toBe('webp');
			expect([meta.width, meta.height, meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([
				expect.any(Number),
				expect.any(Number),
				undefined,
				undefined,
				undefined,
				undefined
			]);
			expect(bytes.includes('SECRET-ARTIST')).toBe(false);
		}
	});

	it('makes a portrait PNG and a landscape JPEG come out at the same sizes', async () => {
		const [a, b] = await Promise.all([
			processImage(await photo(600, 900, 'png')),
			processImage(await photo(1600, 900, 'jpeg'))
		]);
		if (!a.ok || !b.ok) throw new Error('both should pass');
		const sizes = (image: ProcessedImage) =>
			image.renditions.map(({ width, height }) => `${width}x${height}`);
		expect(sizes(a.image)).toEqual(sizes(b.image));
	});

	it('refuses a picture whose header claims too many pixels, before decoding it', async () => {
		expect(await processImage(await claimingPng(30_000, 30_000))).toEqual({
			ok: false,
			refusal: 'too-many-pixels'
		});
	});

	it('refuses a picture too small to find tells in', async () => {
		expect(await processImage(await photo(320, 240, 'png'))).toEqual({
			ok: false,
			refusal: 'too-small'
		});
	});

	it('refuses a damaged picture', async () => {
		const jpeg = await photo(800, 600, 'jpeg');
		const cut = Buffer.concat([jpeg.subarray(0, jpeg.length / 2), Buffer.from([0xff, 0xd9])]);
		expect(await processImage(cut)).toEqual({ ok: false, refusal: 'undecodable' });
	});

	it('refuses by content, whatever the name: an SVG and a program', async () => {
		expect(await processImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
			ok: false,
			refusal: 'svg'
		});
		expect(await processImage(readFileSync(process.execPath).subarray(0, 4096))).toEqual({
			ok: false,
			refusal: 'executable'
		});
	});
});

const details = (truth: 'real' | 'synthetic'): ItemDetails =>
	truth === 'real'
		? {
				truth,
				alt: 'A street.',
				source: 'made by me',
				author: 'T',
				licence: 'CC0',
				madeWith: 'camera'
			}
		: {
				truth,
				alt: 'A street at night.',
				source: 'made by me',
				author: 'T',
				licence: 'CC0',
				madeWith: 'generator',
				tool: 'gen v1'
			};
const tell: BoxTell = {
	category: 'text-symbols',
	region: { type: 'box', x: 0.1, y: 0.1, w: 0.2, h: 0.2 },
	explanation: 'The sign is garbled.'
};

/** Two processed pictures, made once: the stores' tests on either engine add them to packs. */
let images: ProcessedImage[];

beforeAll(async () => {
	images = [];
	for (const size of [
		[900, 700],
		[800, 600]
	]) {
		const result = await processImage(await photo(size[0], size[1], 'jpeg'));
		if (!result.ok) throw new Error(result.refusal);
		images.push(result.image);
	}
	// Decoding and encoding with sharp takes seconds on a busy 2-core machine.
}, 60_000);

describeOnEngines('TeacherPacks', (engine) => {
	let dir: string;
	let now: number;
	let store: TeacherPacks;
	const make = (over: Partial<ConstructorParameters<typeof TeacherPacks>[0]> = {}) =>
		new TeacherPacks({
			records: engine().stores.teacherPacks,
			mediaDir: path.join(dir, 'teacher-media'),
			ttlDays: 90,
			packQuotaBytes: 10_000_000,
			serverQuotaBytes: 100_000_000,
			now: () => now,
			...over
		});

	beforeEach(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-'));
		now = Date.UTC(2026, 0, 1);
		store = make();
	});

	/** A pack with one pair whose synthetic side has a tell. */
	async function readyPack() {
		const created = await store.create('Week 12', 'en');
		if (!created.ok) throw new Error('create');
		const added = [
			await store.addImage((await store.byId(created.id))!, details('real'), images[0]),
			await store.addImage((await store.byId(created.id))!, details('synthetic'), images[1])
		];
		if (!added[0].ok || !added[1].ok) throw new Error('add');
		const [real, fake] = [added[0].item, added[1].item];
		const record = (await store.byId(created.id))!;
		await store.save(created.id, {
			...record.draft,
			items: record.draft.items.map((item) =>
				item.id === fake.id ? { ...item, tells: [tell] } : item
			),
			pairs: [{ id: 'p1234', real: real.id, synthetic: fake.id, tier: 2, topic: 'scene' }]
		});
		return { ...created, real, fake };
	}

	it('keeps only the hash of the editor secret', async () => {
		const created = await store.create('Week 12', 'en');
		if (!created.ok) throw new Error('create');
		expect(created.id).toMatch(/^t-[0-9a-f]{32}$/);
		expect((await store.byEditor(created.editorSecret))?.id).toBe(created.id);
		expect(await store.byEditor(otherLastCharacter(created.editorSecret))).toBeNull();
		expect(await store.byEditor(created.id)).toBeNull();
		const dump = JSON.stringify(await engine().row('teacher_packs', 'id', created.id));
		expect(dump).not.toContain(created.editorSecret);
	});

	it('stores media named by content, private, and serves them only for their pack', async () => {
		const { id, fake } = await readyPack();
		const files = readdirSync(path.join(dir, 'teacher-media'));
		expect(files).toHaveLength(4);
		for (const file of files) {
			expect(file).toMatch(/^[0-9a-f]{32}\.webp$/);
			expect(statSync(path.join(dir, 'teacher-media', file)).mode & 0o777).toBe(0o600);
		}
		expect(await store.mediaFile(id, fake.media[0].src)).toBe(
			path.join(dir, 'teacher-media', fake.media[0].src.slice(6))
		);
		const other = await store.create('Other', 'en');
		expect(other.ok && (await store.mediaFile(other.id, fake.media[0].src))).toBeUndefined();
		expect(await store.mediaFile(id, '../telltale.sqlite')).toBeUndefined();
	});

	it('publishes a version when played, and a new one only after an edit', async () => {
		const { id, fake } = await readyPack();
		expect(await store.pack(id)).toBeUndefined();
		const first = await store.publish(id);
		expect(first.ok && first.pack.version).toBe('1.0.0');
		const again = await store.publish(id);
		expect(again.ok && again.pack.version).toBe('1.0.0');
		const record = (await store.byId(id))!;
		await store.save(id, {
			...record.draft,
			items: record.draft.items.map((item) =>
				item.id === fake.id ? { ...item, tells: [{ ...tell, explanation: 'Changed.' }] } : item
			)
		});
		const second = await store.publish(id);
		expect(second.ok && second.pack.version).toBe('2.0.0');
		expect(
			(await store.pack(id, '1.0.0'))?.items.find((i) => i.id === fake.id)?.tells?.[0].explanation
		).toBe('The sign is garbled.');
		expect((await store.pack(id))?.version).toBe('2.0.0');
		expect(await store.pack(id, '3.0.0')).toBeUndefined();
	});

	it('names the current draw rule in every new version; one played before the rule keeps its draw', async () => {
		const { id } = await readyPack();
		// A version recorded before manifests named their draw rule.
		const built = teacherManifest(id, 1, (await store.byId(id))!.draft);
		if (!built.ok) throw new Error('manifest');
		const { draw, ...before } = onlinePool(built.pack);
		expect(draw).toBe(CURRENT_DRAW_RULE);
		await engine().stores.teacherPacks.markPlayed(id, now, {
			version: 1,
			manifestJson: JSON.stringify(before)
		});
		store = make();
		const old = (await store.pack(id, '1.0.0'))!;
		expect(old.draw).toBeUndefined();
		// Played again, the unchanged draft gets a version of its own that draws by the new rule.
		const next = await store.publish(id);
		expect(next.ok && next.pack.version).toBe('2.0.0');
		expect(next.ok && next.pack.draw).toBe('kind-shares');
		expect(await store.pack(id, '1.0.0')).toEqual(old);
	});

	it('publishes one version when two servers start play on a changed draft at once', async () => {
		const { id } = await readyPack();
		// Another server on the same database.
		const other = make();
		const [mine, theirs] = await Promise.all([store.publish(id), other.publish(id)]);
		if (!mine.ok || !theirs.ok) throw new Error('publish');
		expect(mine.pack.version).toBe('1.0.0');
		expect(theirs.pack).toEqual(mine.pack);
		expect(await engine().count('teacher_pack_versions', 'pack_id', id)).toBe(1);
		expect((await other.byId(id))?.version).toBe(1);
	});

	it('holds the versions it published for class sessions, and loads stored ones on request', async () => {
		const { id } = await readyPack();
		expect(store.heldPack(id)).toBeUndefined();
		const published = await store.publish(id);
		if (!published.ok) throw new Error('publish');
		// Without waiting: what the class hub asks right after the host's page published it.
		expect(store.heldPack(id)).toBe(published.pack);
		expect(store.heldPack(id, '1.0.0')).toBe(published.pack);
		// A server started later holds nothing until start-up loads what its sessions play.
		const restarted = make();
		expect(restarted.heldPack(id, '1.0.0')).toBeUndefined();
		await restarted.holdVersions([
			{ packId: id, packVersion: '1.0.0' },
			{ packId: 'default', packVersion: '1.0.0' },
			{ packId: id, packVersion: '7.0.0' }
		]);
		expect(restarted.heldPack(id, '1.0.0')).toEqual(published.pack);
		expect(restarted.heldPack(id, '7.0.0')).toBeUndefined();
	});

	it('will not publish a pack that is not ready', async () => {
		const created = await store.create('Empty', 'en');
		expect(created.ok && (await store.publish(created.id))).toEqual({
			ok: false,
			problem: 'not-ready'
		});
	});

	it('holds a pack and the server to their quotas', async () => {
		const bytes = images[0].renditions.reduce((sum, r) => sum + r.bytes.length, 0);
		store = make({ packQuotaBytes: bytes + 10 });
		const created = await store.create('Small', 'en');
		if (!created.ok) throw new Error('create');
		const first = await store.addImage((await store.byId(created.id))!, details('real'), images[0]);
		expect(first.ok).toBe(true);
		expect(
			await store.addImage((await store.byId(created.id))!, details('real'), images[1])
		).toEqual({
			ok: false,
			problem: 'pack-full'
		});
		store = make({ serverQuotaBytes: bytes + 10 });
		const other = await store.create('Other', 'en');
		if (!other.ok) throw new Error('create');
		expect(await store.addImage((await store.byId(other.id))!, details('real'), images[1])).toEqual(
			{
				ok: false,
				problem: 'server-full'
			}
		);
	});

	it('refuses new packs at the cap', async () => {
		store = make({ maxPacks: 1 });
		expect((await store.create('One', 'en')).ok).toBe(true);
		expect((await store.create('Two', 'en')).ok).toBe(false);
	});

	it('deletes a pack unused for its time to live, with its files', async () => {
		const { id, editorSecret } = await readyPack();
		await store.publish(id);
		now += 89 * DAY_MS;
		expect(await store.purgeExpired()).toBe(0);
		await store.publish(id); // played again: kept 90 more days
		now += 89 * DAY_MS;
		expect(await store.purgeExpired()).toBe(0);
		now += 2 * DAY_MS;
		expect(await store.byEditor(editorSecret)).toBeNull();
		expect(await store.purgeExpired()).toBe(1);
		expect(readdirSync(path.join(dir, 'teacher-media'))).toEqual([]);
		expect(await engine().count('teacher_pack_versions')).toBe(0);
	});

	it('keeps a file another pack still holds when one pack is deleted', async () => {
		const a = await readyPack();
		const b = await readyPack();
		await store.delete(a.id);
		expect(existsSync((await store.mediaFile(b.id, b.fake.media[0].src))!)).toBe(true);
	});

	it('exports the pack as it plays, a zip that loads as a PACKS_DIR folder', async () => {
		const { id } = await readyPack();
		const exported = await store.exportable(id);
		if (!exported.ok) throw new Error(exported.problem);
		expect(exported.pack.version).toBe('1.0.0');
		expect(await store.pack(id)).toBeUndefined(); // exporting records no version
		const zip = await packZip(exported.pack, (src) => store.mediaFile(id, src));
		const packsDir = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		// Read the stored entries back by their local headers, as an unzip would.
		let at = 0;
		const names: string[] = [];
		while (zip.readUInt32LE(at) === 0x04034b50) {
			expect(zip.readUInt16LE(at + 8)).toBe(0);
			const size = zip.readUInt32LE(at + 18);
			const nameLength = zip.readUInt16LE(at + 26);
			const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
			const data = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
			expect(crc32(data)).toBe(zip.readUInt32LE(at + 14));
			mkdirSync(path.dirname(path.join(packsDir, name)), { recursive: true });
			writeFileSync(path.join(packsDir, name), data);
			names.push(name);
			at += 30 + nameLength + size;
		}
		expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
		expect(zip.readUInt16LE(zip.length - 12)).toBe(names.length);
		expect(names).toHaveLength(5);
		expect(names[0]).toBe(`${id}/manifest.json`);
		const loaded = loadPackFromDir(path.join(packsDir, id));
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
		expect(loaded.pack).toEqual(exported.pack);
	});
});

describe('teacher pack settings', () => {
	it('TEACHER_PACK_TTL_DAYS defaults to 90 days', () => {
		expect(teacherPackTtlDays(undefined)).toBe(90);
		expect(teacherPackTtlDays('7')).toBe(7);
		expect(() => teacherPackTtlDays('0')).toThrow(/TEACHER_PACK_TTL_DAYS must be a number of days/);
	});

	it('the quotas are megabytes, 100 per pack and 2000 per server by default', () => {
		expect(teacherPackQuotaBytes(undefined)).toBe(100 * 1024 * 1024);
		expect(teacherPacksQuotaBytes(' ')).toBe(2000 * 1024 * 1024);
		expect(teacherPackQuotaBytes('0.5')).toBe(512 * 1024);
		for (const bad of ['0', '-1', 'lots', 'Infinity']) {
			expect(() => teacherPacksQuotaBytes(bad), bad).toThrow(
				/TEACHER_PACKS_MB must be a number of megabytes above 0/
			);
		}
	});
});
