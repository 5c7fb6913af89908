import { spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { sheetFromDocument, type Sheet } from '$lib/game/pack/pack-sheet';
import { buildSheetPack } from '$lib/server/packs/sheet-pack';
import { loadPackFromDir } from '$lib/server/packs/loader';

/** A noisy picture with EXIF naming the answer, as a careless export would carry. */
async function photo(seed: number, format: 'jpeg' | 'png') {
	const [width, height] = [800, 600];
	const noise = Buffer.alloc(width * height * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = ((i + seed * 7919) * 2654435761) >>> 24;
	return sharp(noise, { raw: { width, height, channels: 3 } })
		.blur(1)
		.withExif({ IFD0: { Artist: 'SECRET-ARTIST' } })
		.toFormat(format)
		.toBuffer();
}

/** A tone of `seconds` as Ogg Opus, tagged with a title that names the answer. */
function opus(frequency: number, seconds: number, filter = 'anull'): Buffer {
	const run = spawnSync(
		'ffmpeg',
		[
			...['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`],
			...['-af', filter],
			...['-ac', '1', '-ar', '48000', '-c:a', 'libopus', '-b:a', '32k'],
			...['-metadata', 'title=SECRET-TITLE', '-f', 'ogg', 'pipe:1']
		],
		{ maxBuffer: 10_000_000 }
	);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return run.stdout;
}

/**
 * A video as a maintainer has it (a MOV with stereo sound and a tag naming the answer), turned
 * into one the editor makes by the ffmpeg command README gives, run as README shows it.
 */
function video(folder: string, name: string, filter: string, codec = 'libx264'): void {
	const source = path.join(folder, `${name}.mov`);
	const made = spawnSync('ffmpeg', [
		...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=960x540:rate=30:duration=2'],
		...['-f', 'lavfi', '-i', 'sine=frequency=300:duration=2', '-vf', filter, '-ac', '2'],
		...['-pix_fmt', 'yuv420p', '-c:v', codec, '-c:a', 'aac', '-metadata', 'title=SECRET-TITLE'],
		source
	]);
	if (made.status !== 0) throw new Error(String(made.stderr));
	const command = /`(ffmpeg -i in\.mov [^`]+ out\.mp4)`/.exec(readFileSync('README.md', 'utf8'));
	if (!command) throw new Error('README gives no ffmpeg command for a video');
	const converted = spawnSync(
		'sh',
		['-c', command[1].replace('in.mov', `${name}.mov`).replace('out.mp4', `${name}.mp4`)],
		{ cwd: folder, encoding: 'utf8' }
	);
	if (converted.status !== 0) throw new Error(converted.stderr);
}

const details = (truth: 'real' | 'synthetic') => ({
	truth,
	alt: truth === 'real' ? 'Boats in a harbour.' : 'Boats by a quay.',
	source: 'made by me',
	author: 'A. Teacher',
	licence: 'CC BY 4.0',
	madeWith: truth === 'real' ? 'camera' : 'generator',
	...(truth === 'synthetic' ? { tool: 'Test generator v1' } : {})
});

const tell = {
	category: 'warped-geometry',
	box: { x: 0.1, y: 0.2, w: 0.3, h: 0.2 },
	explanation: 'The mast melts into the sky.'
};

function sheet(changes: Partial<Record<string, unknown>> = {}): Sheet {
	const read = sheetFromDocument({
		id: 'harbour-week',
		title: 'Harbour fakes',
		language: 'en',
		items: [
			{ file: 'real.jpg', ...details('real') },
			{ file: 'fake.jpg', ...details('synthetic'), tells: [tell] }
		],
		pairs: [{ real: 'real.jpg', synthetic: 'fake.jpg', tier: 2, topic: 'scene' }],
		...changes
	});
	if (!read.ok) throw new Error(JSON.stringify(read.problems));
	return read.sheet;
}

describe('a pack built from a sheet', { timeout: 60_000 }, () => {
	let folder: string;
	beforeAll(async () => {
		folder = mkdtempSync(path.join(tmpdir(), 'telltale-sheet-'));
		writeFileSync(path.join(folder, 'real.jpg'), await photo(1, 'jpeg'));
		writeFileSync(path.join(folder, 'fake.jpg'), await photo(2, 'jpeg'));
		// The same picture as a PNG: no JPEG colour subsampling, so it looks more colourful.
		writeFileSync(path.join(folder, 'vivid.png'), await photo(2, 'png'));
		// A program named as a picture, and a link to a file outside the folder.
		writeFileSync(path.join(folder, 'program.jpg'), Buffer.from('MZ\x90\x00' + 'x'.repeat(2000)));
		const outside = mkdtempSync(path.join(tmpdir(), 'telltale-outside-'));
		writeFileSync(path.join(outside, 'elsewhere.jpg'), await photo(3, 'jpeg'));
		symlinkSync(path.join(outside, 'elsewhere.jpg'), path.join(folder, 'link.jpg'));
		// Voices as the editor's browser makes them (Ogg Opus, mono, 48 kHz), with a tag to remove.
		writeFileSync(path.join(folder, 'real.opus'), opus(220, 3));
		writeFileSync(path.join(folder, 'fake.opus'), opus(230, 3));
		writeFileSync(path.join(folder, 'long.opus'), opus(230, 6));
		writeFileSync(path.join(folder, 'quiet.opus'), opus(230, 3, 'volume=-8dB'));
		// Videos: two alike, one blurred and dimmed; and one left in MPEG-4 Part 2, not H.264.
		video(folder, 'street', 'null');
		video(folder, 'swap', 'hflip');
		video(folder, 'soft', 'boxblur=4,eq=brightness=-0.25');
		const mpeg4 = spawnSync('ffmpeg', [
			...['-v', 'error', '-y', '-i', path.join(folder, 'swap.mp4'), '-c:v', 'mpeg4'],
			...['-c:a', 'copy', path.join(folder, 'old.mp4')]
		]);
		if (mpeg4.status !== 0) throw new Error(String(mpeg4.stderr));
	});

	it('is a pack folder the server loads, its pictures re-encoded without metadata', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const built = await buildSheetPack(sheet(), folder, packs);
		expect(built.ok && built.warnings).toEqual([]);
		const loaded = loadPackFromDir(path.join(packs, 'harbour-week'));
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		expect(loaded.pack.version).toBe('1.0.0');
		expect(loaded.pack.pairs).toHaveLength(1);
		const fake = loaded.pack.items.find((item) => item.truth === 'synthetic')!;
		expect(fake.tells).toEqual([
			{
				category: tell.category,
				region: { type: 'box', ...tell.box },
				explanation: tell.explanation
			}
		]);
		expect(fake.provenance.method).toBe('Test generator v1');
		for (const item of loaded.pack.items) {
			// Names say nothing about the item, and both sides come at the same sizes.
			expect(item.id).not.toMatch(/real|fake/);
			expect(item.media.map((media) => [media.width, media.height])).toEqual(
				loaded.pack.items[0].media.map((media) => [media.width, media.height])
			);
			for (const media of item.media) {
				const file = readFileSync(path.join(packs, 'harbour-week', media.src));
				const meta = await sharp(file).metadata();
				expect(meta.format).toBe('webp');
				expect(meta.exif).toBeUndefined();
				expect(file.includes('SECRET-ARTIST')).toBe(false);
			}
		}
		// Only the pack's folder: the one it was written in beside it is gone.
		expect(readdirSync(packs)).toEqual(['harbour-week']);
	});

	it('keeps its ids on a rebuild, so links to a round stay meaningful', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const first = await buildSheetPack(sheet(), folder, packs);
		const second = await buildSheetPack(sheet({ version: 2 }), folder, packs);
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(second.pack.version).toBe('2.0.0');
		expect(second.pack.items.map((item) => item.id)).toEqual(
			first.pack.items.map((item) => item.id)
		);
		expect(second.pack.pairs.map((pair) => pair.id)).toEqual(
			first.pack.pairs.map((pair) => pair.id)
		);
	});

	it('refuses a program named as a picture, a missing file and a link out of the folder, writing nothing', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const built = await buildSheetPack(
			sheet({
				items: [
					{ file: 'program.jpg', ...details('real') },
					{ file: 'missing.png', ...details('synthetic'), tells: [tell] },
					{ file: 'link.jpg', ...details('real') },
					{ file: 'fake.jpg', ...details('synthetic'), tells: [tell] }
				],
				pairs: [
					{ real: 'program.jpg', synthetic: 'missing.png', tier: 1, topic: 'scene' },
					{ real: 'link.jpg', synthetic: 'fake.jpg', tier: 1, topic: 'scene' }
				]
			}),
			folder,
			packs
		);
		expect(built.ok).toBe(false);
		if (built.ok) return;
		expect(built.problems).toEqual([
			{ file: 'program.jpg', problem: 'picture', refusal: 'executable' },
			{ file: 'missing.png', problem: 'missing' },
			{ file: 'link.jpg', problem: 'outside-folder' }
		]);
		expect(readdirSync(packs)).toEqual([]);
	});

	it('refuses a tell box that runs off the picture, naming the file and the tell', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const offside = { ...tell, box: { x: 0.9, y: 0.2, w: 0.3, h: 0.2 } };
		const built = await buildSheetPack(
			sheet({
				items: [
					{ file: 'real.jpg', ...details('real') },
					{ file: 'fake.jpg', ...details('synthetic'), tells: [tell, offside] }
				]
			}),
			folder,
			packs
		);
		expect(!built.ok && built.problems).toEqual([
			{ file: 'fake.jpg', problem: 'tell', tell: 2, refusal: 'box-outside' }
		]);
		expect(existsSync(path.join(packs, 'harbour-week'))).toBe(false);
	});

	it('is built on the command line from a CSV sheet, and says where a sheet is wrong', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const csv = [
			'file,truth,made_with,tool,alt,source,author,licence,pair,tier,topic,tell_category,tell_x,tell_y,tell_w,tell_h,tell_explanation',
			'real.jpg,real,camera,,Boats in a harbour.,made by me,A. Teacher,CC BY 4.0,boats,,,,,,,,',
			'vivid.png,synthetic,generator,Test generator v1,Boats by a quay.,made by me,A. Teacher,CC BY 4.0,boats,2,scene,warped-geometry,0.1,0.2,0.3,0.2,"The mast melts into the sky, twice."'
		];
		writeFileSync(path.join(folder, 'pack.csv'), csv.join('\n') + '\n');
		const cli = (...args: string[]) =>
			spawnSync('npx', ['tsx', 'src/cli/pack-from-sheet.ts', folder, '--out', packs, ...args], {
				encoding: 'utf8'
			});
		const built = cli('--id', 'csv-harbour', '--title', 'Harbour fakes', '--language', 'en');
		expect(built.status).toBe(0);
		// Built, with the editor's warning about a give-away between the two sides.
		expect(built.stderr).toBe(
			'Warning, real.jpg / vivid.png: The fake is much more colourful than the real one: players could guess from that.\n'
		);
		expect(built.stdout).toMatch(/^Built pack csv-harbour 1\.0\.0 \(1 pair\)/);
		const loaded = loadPackFromDir(path.join(packs, 'csv-harbour'));
		expect(loaded.ok && loaded.pack.items[1].tells?.[0].explanation).toBe(
			'The mast melts into the sky, twice.'
		);

		writeFileSync(
			path.join(folder, 'pack.csv'),
			csv.join('\n').replace(',2,scene,', ',hard,scene,')
		);
		const refused = cli('--id', 'csv-harbour-2', '--title', 'Harbour fakes', '--language', 'en');
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/pack\.csv, row 3, column tier: must be 1, 2 or 3/);
		expect(existsSync(path.join(packs, 'csv-harbour-2'))).toBe(false);
	});

	it('takes voices with their transcripts and time-range tells, and outlines on pictures', async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const voice = (truth: 'real' | 'synthetic') => ({
			...details(truth),
			alt: `A voice reading the weather (${truth}).`,
			madeWith: truth === 'real' ? 'recording' : 'voice-clone',
			transcript: 'Rain this afternoon, clearing by evening.'
		});
		const flat = { category: 'flat-intonation', explanation: 'The voice goes flat.' };
		const outline = {
			category: 'warped-geometry',
			outline: [
				[0.1, 0.1],
				[0.4, 0.15],
				[0.2, 0.5]
			],
			explanation: 'The mast bends.'
		};
		const voices = (fake: string) =>
			sheet({
				items: [
					{ file: 'real.jpg', ...details('real') },
					{ file: 'fake.jpg', ...details('synthetic'), tells: [outline] },
					{ file: 'real.opus', ...voice('real') },
					{ file: fake, ...voice('synthetic'), tells: [{ ...flat, time: { start: 0.5, end: 2 } }] }
				],
				pairs: [
					{ real: 'real.jpg', synthetic: 'fake.jpg', tier: 2, topic: 'scene' },
					{ real: 'real.opus', synthetic: fake, tier: 1, topic: 'voice' }
				]
			});
		const built = await buildSheetPack(voices('fake.opus'), folder, packs);
		expect(built.ok && built.warnings).toEqual([]);
		const loaded = loadPackFromDir(path.join(packs, 'harbour-week'));
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		const [, picture, real, fake] = loaded.pack.items;
		expect(picture.tells?.[0].region).toEqual({ type: 'polygon', points: outline.outline });
		expect(fake.tells?.[0].region).toEqual({ type: 'time', start: 0.5, end: 2 });
		expect(real.transcript).toBe('Rain this afternoon, clearing by evening.');
		for (const item of [real, fake]) {
			expect(item.kind).toBe('audio');
			expect(item.media).toEqual([
				{
					src: expect.stringMatching(/^media\/[0-9a-f]{32}\.opus$/),
					type: 'audio/ogg; codecs=opus',
					duration: expect.closeTo(3, 1)
				}
			]);
			const file = readFileSync(path.join(packs, 'harbour-week', item.media[0].src));
			expect(file.includes('SECRET-TITLE')).toBe(false);
		}

		// A fake twice as long as its real partner, or 8 dB quieter (the command line levels
		// nothing), is built with the editor's warning; a voice without its transcript, or a tell
		// that runs past its end, is refused.
		const long = await buildSheetPack(voices('long.opus'), folder, packs);
		expect(long.ok && long.warnings).toEqual([
			{ real: 'real.opus', synthetic: 'long.opus', warnings: ['longer'] }
		]);
		const quiet = await buildSheetPack(voices('quiet.opus'), folder, packs);
		expect(quiet.ok && quiet.warnings).toEqual([
			{ real: 'real.opus', synthetic: 'quiet.opus', warnings: ['level'] }
		]);
		const untold = voices('fake.opus');
		delete untold.items[3].transcript;
		untold.items[3].tells[0].time = { start: 2, end: 4 };
		const refused = await buildSheetPack(untold, folder, packs);
		expect(!refused.ok && refused.problems).toEqual([
			{ file: 'fake.opus', problem: 'details', refusal: 'transcript-required' },
			{ file: 'fake.opus', problem: 'tell', tell: 1, refusal: 'time-outside' }
		]);
	});

	it("takes videos in the editor's format with time-range tells and a box, and warns as the editor does", async () => {
		const packs = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		const clip = (file: string, truth: 'real' | 'synthetic') => ({
			file,
			...details(truth),
			alt: `A test card (${file}).`,
			madeWith: truth === 'real' ? 'filmed' : 'face-swap',
			transcript: 'A tone.'
		});
		const lipSync = {
			category: 'lip-sync',
			time: { start: 0.5, end: 1.5, box: { x: 0.4, y: 0.5, w: 0.2, h: 0.1 } },
			explanation: 'The lips move after the words.'
		};
		const videos = (real: string, fake: string) =>
			sheet({
				items: [clip(real, 'real'), { ...clip(fake, 'synthetic'), tells: [lipSync] }],
				pairs: [{ real, synthetic: fake, tier: 1, topic: 'video' }]
			});
		const built = await buildSheetPack(videos('street.mp4', 'swap.mp4'), folder, packs);
		expect(built.ok && built.warnings).toEqual([]);
		expect(built.ok && built.unmeasured).toEqual([]);
		const loaded = loadPackFromDir(path.join(packs, 'harbour-week'));
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		const [real, fake] = loaded.pack.items;
		expect(fake.tells?.[0].region).toEqual({ type: 'time', ...lipSync.time });
		expect(real.transcript).toBe('A tone.');
		for (const item of [real, fake]) {
			expect(item.kind).toBe('video');
			expect(item.media).toEqual([
				{
					src: expect.stringMatching(/^media\/[0-9a-f]{32}\.mp4$/),
					type: 'video/mp4',
					width: 640,
					height: 360,
					duration: expect.closeTo(2, 1)
				}
			]);
			const file = readFileSync(path.join(packs, 'harbour-week', item.media[0].src));
			expect(file.includes('SECRET-TITLE')).toBe(false);
		}

		// A blurred, dim real beside a sharp fake: the editor's look warnings, from ffmpeg's frames.
		const soft = await buildSheetPack(videos('soft.mp4', 'swap.mp4'), folder, packs);
		expect(soft.ok && soft.warnings).toEqual([
			{
				real: 'soft.mp4',
				synthetic: 'swap.mp4',
				warnings: expect.arrayContaining(['sharper', 'brighter'])
			}
		]);

		// Without ffmpeg the pack is built all the same, its videos' look not compared, and said so.
		const searchPath = process.env.PATH;
		process.env.PATH = mkdtempSync(path.join(tmpdir(), 'telltale-no-ffmpeg-'));
		const blind = await buildSheetPack(videos('soft.mp4', 'swap.mp4'), folder, packs).finally(
			() => (process.env.PATH = searchPath)
		);
		expect(blind.ok && blind.warnings).toEqual([]);
		expect(blind.ok && blind.unmeasured).toEqual(['soft.mp4', 'swap.mp4']);

		// A transcript on one side only is refused as the editor's pair form refuses it.
		const oneSided = videos('street.mp4', 'swap.mp4');
		delete oneSided.items[0].transcript;
		const refused = await buildSheetPack(oneSided, folder, packs);
		expect(!refused.ok && refused.problems).toEqual([
			{ file: 'swap.mp4', problem: 'pair', refusal: 'transcript-differs' }
		]);

		// Not H.264: refused on the command line naming the sheet's row and column and the file.
		const csv = [
			'file,truth,made_with,tool,alt,source,author,licence,transcript,pair,tier,topic,tell_category,tell_start,tell_end,tell_x,tell_y,tell_w,tell_h,tell_explanation',
			'street.mp4,real,filmed,,A street.,made by me,A. Teacher,CC BY 4.0,,clip,,,,,,,,,,',
			'old.mp4,synthetic,face-swap,Swap v3,A swap.,made by me,A. Teacher,CC BY 4.0,,clip,1,video,lip-sync,0.5,1.5,0.4,0.5,0.2,0.1,The lips move after the words.'
		];
		writeFileSync(path.join(folder, 'pack.csv'), csv.join('\n') + '\n');
		const cli = spawnSync(
			'npx',
			[
				...['tsx', 'src/cli/pack-from-sheet.ts', folder, '--out', packs],
				...['--id', 'old-video', '--title', 'Old video', '--language', 'en']
			],
			{ encoding: 'utf8' }
		);
		expect(cli.status).toBe(1);
		expect(cli.stderr).toMatch(
			/pack\.csv, row 3, column file, old\.mp4: must be a video as the editor makes one \(H\.264 in MP4,/
		);
		expect(existsSync(path.join(packs, 'old-video'))).toBe(false);
	});
});
