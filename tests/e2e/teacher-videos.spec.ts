import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { expect, gotoHydrated, test } from './support/fixtures';
import { answerRound, goOn, questionOf } from './solo-helpers';
import { expectNoViolations } from './support/axe';
import {
	addItem,
	createPack,
	ffmpeg,
	meanVolume,
	refusedPicture,
	type Upload
} from './teacher-helpers';

/**
 * A teacher adds a video pair from clips made here by ffmpeg (no network): a WebM and a MOV of
 * different sizes and frame rates whose tags name the answer, one sound quiet and one loud. The
 * browser converts each to the pack's video format and the server checks it; the pair is marked
 * with a time-range tell with a box on the picture, all by keyboard, previewed on a phone and on
 * the projector, played in a solo run, exported and imported again. The served videos carry no
 * tags and come out at the same size; a program renamed .mp4 and a video too long are refused
 * with their reasons. A second pair, a blurred dim real beside a sharp fake, is warned of by the
 * look the browser measured of the converted frames, and again once exported and imported.
 */

const MARKER = 'ANSWER-IN-TAGS';
let files: Record<string, string>;

/** A moving test picture of `size` at `rate`, with a tone at `volume` unless `volume` is 0. */
function clip(
	file: string,
	options: { size: string; rate: number; seconds: number; volume: number; args: string[] }
): string {
	const { size, rate, seconds, volume, args } = options;
	const sound =
		volume > 0
			? ['-f', 'lavfi', '-i', `aevalsrc=sin(2*PI*220*t)*${volume}:s=44100:d=${seconds}`]
			: [];
	ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
		...sound,
		'-pix_fmt',
		'yuv420p',
		...args,
		file
	]);
	return file;
}

test.beforeAll(() => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-videos-'));
	const at = (name: string) => path.join(dir, name);
	const program = at('clip.mp4');
	writeFileSync(
		program,
		Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(4096)])
	);
	const tags = ['-metadata', `title=${MARKER}`, '-metadata', `comment=${MARKER} face swap`];
	files = {
		dir,
		real: clip(at('street.webm'), {
			size: '960x540',
			rate: 30,
			seconds: 3,
			volume: 0.05,
			args: ['-c:v', 'libvpx', '-b:v', '1M', '-c:a', 'libopus', '-ac', '2', ...tags]
		}),
		fake: clip(at('swap.mov'), {
			size: '1280x720',
			rate: 24,
			seconds: 3.2,
			volume: 0.6,
			args: ['-c:v', 'libx264', '-c:a', 'aac', '-ac', '2', ...tags]
		}),
		// One test picture twice, silent: blurred and dimmed as the real, as it is as the fake.
		blurred: clip(at('blurred.mp4'), {
			size: '320x180',
			rate: 25,
			seconds: 1,
			volume: 0,
			args: ['-vf', 'boxblur=4,eq=brightness=-0.25', '-c:v', 'libx264']
		}),
		sharp: clip(at('sharp.mp4'), {
			size: '320x180',
			rate: 25,
			seconds: 1,
			volume: 0,
			args: ['-c:v', 'libx264']
		}),
		long: clip(at('lesson.mp4'), {
			size: '160x90',
			rate: 10,
			seconds: 31,
			volume: 0,
			args: ['-c:v', 'libx264']
		}),
		program
	};
});

/** What a served video is, read by mediabunny: its tracks, size and tags. */
async function readVideo(bytes: Buffer) {
	const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
	const picture = (await input.getPrimaryVideoTrack())!;
	const sound = await input.getPrimaryAudioTrack();
	return {
		mime: await input.getMimeType(),
		codec: await picture.getCodec(),
		frameRate: (await picture.computePacketStats()).averagePacketRate,
		size: [await picture.getDisplayWidth(), await picture.getDisplayHeight()],
		sound: sound ? [await sound.getNumberOfChannels(), await sound.getSampleRate()] : null,
		tags: await input.getMetadataTags()
	};
}

test('a teacher adds a video pair, marks a tell with a box by keyboard, previews, plays, exports and imports it', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(420_000);
	await gotoHydrated(page, '/packs/new');
	await expect(page.getByText(/videos \(MP4, WebM, MOV\) of at most 30 seconds/)).toBeVisible();
	await page.getByLabel('Title of the pack').fill('Videos of the week');
	await page.getByRole('button', { name: 'Create the pack' }).click();
	await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/);
	const playLink = await page.getByLabel('Play link (share it)').inputValue();
	await expect(page.getByText(/or a video \(MP4, WebM, MOV\)/)).toBeVisible();

	// A program named like a video goes to the server as it is, and is refused for what it is.
	await refusedPicture(
		page,
		files.program,
		/^clip\.mp4 was not added: this file is a program, not a picture, whatever its name says\.$/
	);

	// A video too long is refused by the browser before anything is sent.
	await addItem(page, 'video', {
		file: files.long,
		truth: 'Real',
		madeWith: 'Filmed with a camera or phone',
		alt: 'A lesson.'
	});
	await expect(page.getByRole('alert').filter({ hasText: 'lesson.mp4' })).toHaveText(
		'lesson.mp4 was not added: the video is longer than 30 seconds. Cut it to the part with the tell first.'
	);

	const videos: Upload[] = [
		{
			file: files.real,
			truth: 'Real',
			madeWith: 'Filmed with a camera or phone',
			alt: 'A test card with a moving square.'
		},
		{
			file: files.fake,
			truth: 'Synthetic',
			madeWith: 'A real video with a face or voice swapped by AI',
			alt: 'A test card with a square that moves.'
		}
	];
	for (const [index, video] of videos.entries()) {
		await addItem(page, 'video', { ...video, tool: 'Swap v3' });
		await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText(
			`${path.basename(video.file)} was added.`,
			{ timeout: 90_000 }
		);
		await expect(
			page.getByRole('heading', { name: `Pictures, voices and videos (${index + 1})` })
		).toBeVisible();
	}

	await page.getByLabel('Real picture, voice or video').selectOption({ label: videos[0].alt });
	await page.getByLabel('Synthetic picture, voice or video').selectOption({ label: videos[1].alt });
	await page.getByRole('radio', { name: 'Videos' }).check();
	await page.getByRole('button', { name: 'Make the pair' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The pair is made' })).toBeVisible();
	const pair = page.getByRole('article');
	await expect(pair).toHaveCount(1);
	// Both came out at one size and both have sound: no warning.
	await expect(pair.getByRole('note')).toHaveCount(0);
	await expect(pair.getByRole('img', { name: /^Time line of the synthetic video/ })).toBeVisible();

	// The tell by keyboard only: its times typed and stepped, its box moved with the arrow keys.
	await pair.getByLabel('Tell starts at (seconds)').fill('1');
	await pair.getByLabel('Tell ends at (seconds)').fill('2');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('Tab');
	await expect(pair.getByRole('status').first()).toHaveText('From 1.0 s to 2.2 s.');
	await pair.getByLabel('Also mark a place on the picture').check();
	const box = pair.getByRole('button', { name: 'Tell box' });
	await box.focus();
	for (let step = 0; step < 10; step++) await box.press('ArrowRight');
	await box.press('Shift+ArrowDown');
	await expect(pair.getByRole('status').filter({ hasText: 'Box' })).toHaveText(
		'Box 50% from the left, 40% from the top, 20% wide, 21% high.'
	);
	await pair.getByLabel('Kind of tell').selectOption({ label: 'Lip sync' });
	await pair
		.getByLabel('What players should see or hear there')
		.fill('The lips keep moving after the words stop.');
	await pair.getByRole('button', { name: 'Save the tell' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The tell is saved.' })).toBeVisible();
	await expect(pair.getByRole('listitem').filter({ hasText: 'From 1.0 s to 2.2 s.' })).toHaveText(
		/^Lip sync ·\s+From 1\.0 s to 2\.2 s\.\s+The lips keep moving/
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
	await expectNoViolations(page, 'pack editor with videos');
	await page.screenshot({ path: testInfo.outputPath('video-editor.png'), fullPage: true });

	// The preview shows the reveal as players see it, on this screen and on the projector.
	const preview = await pair.getByRole('link', { name: 'Preview the reveal' }).getAttribute('href');
	await pair.getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText('The lips keep moving after the words stop.')).toBeVisible();
	await expect(
		page.getByRole('button', { name: 'Tell 1: Lip sync, 1.0 to 2.2 seconds' })
	).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('video-preview.png'), fullPage: true });
	await gotoHydrated(page, `${preview}?screen=projector`);
	await expect(page.getByText('The lips keep moving after the words stop.')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('video-preview-projector.png') });

	// A player opens the play link and plays the video round.
	const context = await browser.newContext({ baseURL });
	const player = await context.newPage();
	await gotoHydrated(player, new URL(playLink).pathname);
	for (const secret of [MARKER, 'Swap v3', 'lips keep']) {
		expect(await player.content()).not.toContain(secret);
	}
	await player.getByRole('button', { name: 'Start' }).click();
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	const round = questionOf(player, 0);
	await expect(round.locator('video')).toHaveCount(2);

	// What the player is served: the server's own MP4 files, without tags, at one size.
	const sources = await round
		.locator('video')
		.evaluateAll((videos) => videos.map((video) => (video as HTMLVideoElement).src));
	const served = [];
	const levels = [];
	for (const [index, src] of sources.entries()) {
		const response = await player.request.get(src);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('video/mp4');
		const bytes = await response.body();
		expect(bytes.includes(MARKER)).toBe(false);
		served.push(await readVideo(bytes));
		const copy = path.join(files.dir, `served-${index}.mp4`);
		writeFileSync(copy, bytes);
		levels.push(meanVolume(copy));
	}
	for (const video of served) {
		expect(video.mime).toMatch(/^video\/mp4/);
		expect(video.codec).toBe('avc');
		expect(video.size).toEqual([640, 360]);
		expect(video.frameRate).toBeCloseTo(25, 0);
		expect(video.sound).toEqual([1, 48_000]);
		expect(video.tags.title).toBeUndefined();
		expect(video.tags.comment).toBeUndefined();
	}
	// The sounds were 20 dB apart; levelled in the browser as voices are, they are not.
	expect(Math.abs(meanVolume(files.real) - meanVolume(files.fake))).toBeGreaterThan(15);
	expect(Math.abs(levels[0] - levels[1])).toBeLessThan(2);

	await answerRound(player, 0, 1);
	await expect(player.getByText('The lips keep moving after the words stop.')).toBeVisible();
	await player.screenshot({ path: testInfo.outputPath('video-reveal.png'), fullPage: true });
	await goOn(player);
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);

	// The editor's export carries the videos; imported again, each is checked again and kept.
	await page.goBack();
	await page.goBack();
	const exportLink = page.getByRole('link', { name: 'Export as a zip' });
	const zip = await page.request.get((await exportLink.getAttribute('href'))!);
	expect(zip.status()).toBe(200);
	const zipFile = path.join(files.dir, 'export.zip');
	writeFileSync(zipFile, await zip.body());
	await gotoHydrated(player, '/packs/new');
	await player.getByLabel('Pack zip', { exact: true }).setInputFiles(zipFile);
	await player.getByRole('button', { name: 'Import the pack' }).click();
	await player.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/, { timeout: 60_000 });
	await expect(
		player.getByRole('heading', { name: 'Pictures, voices and videos (2)' })
	).toBeVisible();
	const imported = player.getByRole('article');
	await expect(imported.getByRole('listitem').filter({ hasText: 'Lip sync' })).toBeVisible();
	await expect(imported.locator('video').first()).toHaveAttribute('width', '640');
	await context.close();
});

test("a video pair whose fake is much sharper and brighter than its real is warned of, from the converted frames' look", async ({
	page
}, testInfo) => {
	test.setTimeout(180_000);
	const { editorPath } = await createPack(page, 'Sharp fakes');
	// A video sent without the look the editor's script measures, or with a malformed one (as a
	// page without its script, or a doctored one, would send it), is refused with the reason.
	for (const look of [undefined, '{"sharpness":"high"}']) {
		const response = await page.request.post(`${editorPath}?/upload`, {
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			multipart: {
				file: { name: 'sharp.mp4', mimeType: 'video/mp4', buffer: readFileSync(files.sharp) },
				truth: 'synthetic',
				madeWith: 'video-generator',
				tool: 'Test generator v1',
				source: 'made by me',
				author: 'A. Teacher',
				licence: 'CC BY 4.0',
				alt: 'A crisp test card.',
				...(look ? { look } : {})
			}
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain(
			'sharp.mp4 was not added: the measure of its picture that the editor makes when it converts a video was missing or malformed.'
		);
	}
	const videos: Upload[] = [
		{
			file: files.blurred,
			truth: 'Real',
			madeWith: 'Filmed with a camera or phone',
			alt: 'A soft, dim test card.'
		},
		{
			file: files.sharp,
			truth: 'Synthetic',
			madeWith: 'Made by an AI video generator',
			alt: 'A crisp test card.'
		}
	];
	for (const video of videos) {
		await addItem(page, 'video', video);
		await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText(
			`${path.basename(video.file)} was added.`,
			{ timeout: 60_000 }
		);
	}
	await page.getByLabel('Real picture, voice or video').selectOption({ label: videos[0].alt });
	await page.getByLabel('Synthetic picture, voice or video').selectOption({ label: videos[1].alt });
	await page.getByRole('radio', { name: 'Videos' }).check();
	await page.getByRole('button', { name: 'Make the pair' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The pair is made' })).toBeVisible();
	const warnings = page.getByRole('article').getByRole('note');
	await expect(warnings).toContainText('Players could guess this pair without finding a tell:');
	await expect(warnings.getByRole('listitem')).toContainText([
		'The fake is much sharper than the real one: players could guess from that.',
		'The fake is much brighter than the real one: players could guess from that.'
	]);
	// Same length, same shape, both silent: the look is all that stands out.
	await expect(
		warnings.getByRole('listitem').filter({ hasText: /longer|shape|sound/ })
	).toHaveCount(0);
	await warnings.scrollIntoViewIfNeeded();
	await page.screenshot({ path: testInfo.outputPath('video-look-warning.png') });

	// A zip carries no measure: imported, the pack's videos are measured again by the editor's
	// browser, and the pair warns alike.
	const pair = page.getByRole('article');
	await pair.getByLabel('Tell starts at (seconds)').fill('0.2');
	await pair.getByLabel('Tell ends at (seconds)').fill('0.8');
	await pair.getByLabel('Kind of tell').selectOption({ label: 'Lip sync' });
	await pair.getByLabel('What players should see or hear there').fill('The edges are too crisp.');
	await pair.getByRole('button', { name: 'Save the tell' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The tell is saved.' })).toBeVisible();
	const zip = await page.request.get(
		(await page.getByRole('link', { name: 'Export as a zip' }).getAttribute('href'))!
	);
	const zipFile = path.join(files.dir, 'sharp-fakes.zip');
	writeFileSync(zipFile, await zip.body());
	await gotoHydrated(page, '/packs/new');
	await page.getByLabel('Pack zip', { exact: true }).setInputFiles(zipFile);
	await page.getByRole('button', { name: 'Import the pack' }).click();
	await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/, { timeout: 60_000 });
	await expect(page.getByRole('article').getByRole('note').getByRole('listitem')).toContainText(
		[
			'The fake is much sharper than the real one: players could guess from that.',
			'The fake is much brighter than the real one: players could guess from that.'
		],
		{ timeout: 30_000 }
	);
});
