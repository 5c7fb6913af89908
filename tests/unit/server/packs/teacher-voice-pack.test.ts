import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPack, packZipOf, type ExportedPack } from '../../../support/pack-export';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '$lib/game/pack/schema';
import type { ItemDetails, TimeTell } from '$lib/game/pack/teacher';
import { openDatabase } from '$lib/server/store/db';
import { TeacherPacks } from '$lib/server/packs/teacher/store';
import { SqliteTeacherPackRecords } from '$lib/server/packs/teacher/records';
import { importPackZip } from '$lib/server/packs/teacher/import';
import { processVoice, type ProcessedVoice } from '$lib/server/packs/teacher/voices';

/**
 * A teacher pack with a voice pair: its voices stored by content as the pack's served format,
 * its time-range tells, its export, and the import on another server, which checks every voice
 * again as an upload. The voices are made here by ffmpeg, as a browser's conversion sends them.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'telltale-voice-pack-'));
function encode(name: string, frequency: number, seconds: number, args: string[]): Buffer {
	const file = path.join(dir, name);
	const source = ['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`];
	const run = spawnSync('ffmpeg', ['-v', 'error', '-y', ...source, ...args, file]);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return readFileSync(file);
}
const opus = (name: string, frequency: number, seconds = 3) =>
	encode(name, frequency, seconds, [
		'-ac',
		'1',
		'-ar',
		'48000',
		'-c:a',
		'libopus',
		'-b:a',
		'32k',
		'-metadata',
		'title=SECRET-TITLE'
	]);

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
	alt: 'A man reads the weather forecast.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0',
	madeWith: truth === 'real' ? 'recording' : 'voice-clone',
	transcript: 'Rain tomorrow, then sun.',
	...(truth === 'synthetic' ? { tool: 'Voice clone v2' } : {})
});

const tell: TimeTell = {
	category: 'flat-intonation',
	region: { type: 'time', start: 1.1, end: 1.9 },
	explanation: 'The voice stays on one note.'
};

async function voice(bytes: Uint8Array): Promise<ProcessedVoice> {
	const result = await processVoice(bytes);
	if (!result.ok) throw new Error(result.refusal);
	return result.voice;
}

let store: TeacherPacks;
let packId: string;
let exported: ExportedPack;

beforeAll(async () => {
	store = newStore();
	const created = await store.create('Voices', 'en');
	if (!created.ok) throw new Error('create');
	packId = created.id;
	const real = await store.addVoice(
		(await store.byId(packId))!,
		details('real'),
		await voice(opus('real.opus', 220))
	);
	const fake = await store.addVoice(
		(await store.byId(packId))!,
		details('synthetic'),
		await voice(opus('fake.opus', 330))
	);
	if (!real.ok || !fake.ok) throw new Error('add');
	const record = (await store.byId(packId))!;
	await store.save(packId, {
		...record.draft,
		items: record.draft.items.map((item) =>
			item.id === fake.item.id ? { ...item, tells: [tell] } : item
		),
		pairs: [{ id: 'p1234', real: real.item.id, synthetic: fake.item.id, tier: 1, topic: 'voice' }]
	});
	exported = await exportPack(store, packId);
}, 60_000);

const allMedia = (pack: Pack) =>
	Object.fromEntries(
		pack.items.flatMap((item) => item.media.map((m) => [m.src, exported.media(m.src)]))
	);

describe('a teacher pack of voices', () => {
	it('stores each voice as its own Ogg Opus file named by content, private, with its length', async () => {
		const [real, fake] = exported.pack.items;
		for (const item of [real, fake]) {
			expect(item.kind).toBe('audio');
			expect(item.media).toEqual([
				{
					src: expect.stringMatching(/^media\/[0-9a-f]{32}\.opus$/),
					type: 'audio/ogg; codecs=opus',
					duration: expect.closeTo(3, 1)
				}
			]);
			const file = (await store.mediaFile(packId, item.media[0].src))!;
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(exported.media(item.media[0].src).includes('SECRET-TITLE')).toBe(false);
		}
		expect(await store.mediaFile(packId, 'media/' + 'a'.repeat(32) + '.mp3')).toBeUndefined();
	});

	it('plays as a voice pair with the transcript and the time-range tell', () => {
		const fake = exported.pack.items.find((item) => item.truth === 'synthetic')!;
		expect(fake).toMatchObject({ transcript: 'Rain tomorrow, then sun.', tells: [tell] });
		expect(exported.pack.pairs[0]).toMatchObject({ topic: 'voice' });
	});

	it('is imported on another server with its voices checked again, transcripts and tells kept', async () => {
		const other = newStore();
		const imported = await importPackZip(other, exported.zip);
		if (!imported.ok) throw new Error(JSON.stringify(imported));
		const playable = await other.exportable(imported.id);
		if (!playable.ok) throw new Error(playable.problem);
		const fake = playable.pack.items.find((item) => item.truth === 'synthetic')!;
		expect(fake).toMatchObject({
			kind: 'audio',
			transcript: 'Rain tomorrow, then sun.',
			tells: [tell],
			provenance: { method: 'Voice clone v2' }
		});
		expect(playable.pack.pairs[0].topic).toBe('voice');
	});

	it('refuses an imported voice that is not the served format, naming its entry', async () => {
		const media = allMedia(exported.pack);
		const [first] = Object.keys(media);
		media[first] = encode('voice.mp3', 220, 2, ['-ac', '1', '-c:a', 'libmp3lame']);
		const imported = await importPackZip(newStore(), packZipOf(exported.pack, media));
		expect(imported).toEqual({
			ok: false,
			reason: 'voice',
			entry: `pack/${first}`,
			refusal: 'not-ogg-opus'
		});
	});

	it('refuses imported voices without transcripts, naming each', async () => {
		const pack = structuredClone(exported.pack);
		// Both sides, or validatePack itself refuses the pair (a transcript on one side only
		// gives the answer away).
		for (const item of pack.items) delete item.transcript;
		const imported = await importPackZip(newStore(), packZipOf(pack, allMedia(pack)));
		expect(imported).toMatchObject({
			ok: false,
			reason: 'manifest',
			problems: [0, 1].map((index) => ({
				file: 'pack/manifest.json',
				path: `items[${index}].transcript`,
				message: 'is required for a voice'
			}))
		});
	});
});
