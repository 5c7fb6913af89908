import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devices, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, gotoHydrated, test } from './support/fixtures';
import { answerRound, goOn, questionOf } from './solo-helpers';
import { answerOnPhone, joinByCode, phonePage } from './class-helpers';
import { expectNoViolations } from './support/axe';
import {
	addItem,
	clip,
	createPack,
	hugePng,
	MARKER,
	meanVolume,
	picture,
	PROGRAM,
	readMedia,
	recording,
	refusedPicture,
	type Upload
} from './teacher-helpers';
import { startServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

/**
 * The whole flow, once: a teacher builds one pack from files made here (no network), two
 * picture pairs, a voice pair and a video pair, every file carrying metadata that names its
 * answer; a voice pair that gives itself away is warned of and mended; the tells are marked by
 * keyboard (a box, an outline, a time range, a time range with a box) and previewed on a phone
 * and on the projector. A phone plays a solo run from the play link; what it is served has no
 * metadata and both sides of each pair match. The teacher edits a tell after that run (a new
 * version), then runs a class with the pack: the host at a projector's size, two phones answering
 * every round by tapping, the reveal showing the teacher's tells; the solo run's score link still
 * verifies. The export is imported on a second server. A renamed program, an SVG, a huge PNG, a
 * recording and a video too long, and a damaged zip are refused with their reasons.
 */

test.skip(({ isMobile }) => isMobile, 'the teacher is on a desktop; the phones are made inside');

const PROJECTOR = { width: 1280, height: 720 };
const PHONE = { width: 412, height: 839 };
type Kind = 'image' | 'audio' | 'video';

let files: Record<string, string>;

test.beforeAll(async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-flow-'));
	const at = (name: string) => path.join(dir, name);
	const write = (name: string, bytes: Buffer | string) => {
		writeFileSync(at(name), bytes);
		return at(name);
	};
	const tags = ['-metadata', `title=${MARKER}`, '-metadata', `comment=${MARKER} synthetic`];
	const voice = (leadIn: number, pitch?: number) => ({
		seconds: 3.2,
		volume: 0.6,
		leadIn,
		pitch,
		args: ['-ac', '2', '-c:a', 'libmp3lame', ...tags]
	});
	files = {
		dir,
		real1: write('harbour.jpg', await picture(1, 1200, 900, 'jpeg')),
		fake1: write('harbour-ai.png', await picture(2, 1024, 1024, 'png')),
		real2: write('market.png', await picture(3, 900, 1200, 'png')),
		// Sharper than its partner by far: the editor warns that this gives the answer away.
		fake2: write('market-ai.jpg', await picture(4, 1600, 900, 'jpeg', 0.3)),
		// The real voice is quiet and the fake loud: the browser brings both to one level.
		realVoice: recording(at('interview.wav'), {
			seconds: 3,
			volume: 0.05,
			leadIn: 0.3,
			args: ['-c:a', 'pcm_s16le', ...tags]
		}),
		// The first fake is an octave above the real voice: a give-away the editor warns of.
		highVoice: recording(at('clone-high.mp3'), voice(0, 360)),
		// The second starts after a second of silence, which the browser cuts as it converts.
		lateVoice: recording(at('clone-late.mp3'), voice(1)),
		realVideo: clip(at('street.webm'), {
			size: '960x540',
			rate: 30,
			seconds: 3,
			volume: 0.05,
			args: ['-c:v', 'libvpx', '-b:v', '1M', '-c:a', 'libopus', '-ac', '2', ...tags]
		}),
		fakeVideo: clip(at('swap.mov'), {
			size: '1280x720',
			rate: 24,
			seconds: 3.2,
			volume: 0.6,
			args: ['-c:v', 'libx264', '-c:a', 'aac', '-ac', '2', ...tags]
		}),
		longVoice: recording(at('lecture.wav'), {
			seconds: 31,
			volume: 0.1,
			args: ['-c:a', 'pcm_s16le']
		}),
		longVideo: clip(at('lesson.mp4'), {
			size: '160x90',
			rate: 10,
			seconds: 31,
			volume: 0,
			args: ['-c:v', 'libx264']
		}),
		svg: write('drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
		program: write('holiday.jpg', PROGRAM),
		huge: write('panorama.png', await hugePng())
	};
});

/** The pictures' files (by their names in `files`) and what the teacher says of each. */
const PICTURES = [
	['real1', 'Real', 'Taken with a camera or phone', 'Boats in a harbour.'],
	['fake1', 'Synthetic', 'Made by an AI image generator', 'Boats by a quay.'],
	['real2', 'Real', 'Taken with a camera or phone', 'A fruit stall.'],
	['fake2', 'Synthetic', 'Made by an AI image generator', 'A vegetable stall.']
] as const;

const REAL_VOICE = {
	truth: 'Real',
	madeWith: 'Recorded with a microphone or phone',
	alt: 'A man reads the forecast.',
	transcript: 'Rain in the morning, sun in the afternoon.'
} as const;
const FAKE_VOICE = {
	truth: 'Synthetic',
	madeWith: 'Made by an AI voice generator or voice clone',
	alt: 'A man reads a forecast.',
	transcript: 'Rain in the morning, sun by the evening.',
	tool: 'Voice clone v2'
} as const;
const REAL_VIDEO = {
	truth: 'Real',
	madeWith: 'Filmed with a camera or phone',
	alt: 'A test card with a moving square.'
} as const;
const FAKE_VIDEO = {
	truth: 'Synthetic',
	madeWith: 'A real video with a face or voice swapped by AI',
	alt: 'A test card with a square that moves.',
	tool: 'Swap v3'
} as const;

/** The teacher's explanations, by the kind of round they belong to. */
const TELLS: Record<Kind, string[]> = {
	image: ['The mast bends like rubber.', 'The price tags are gibberish.'],
	audio: ['The voice stays on one note from “sun” on.'],
	video: ['The lips keep moving after the words stop.']
};
/** The first picture tell's words before the teacher edits them after the solo run. */
const FIRST_MAST = 'The mast melts into the sky.';

/** Adds an item and waits until the editor says so. */
async function added(page: Page, kind: 'picture' | 'voice' | 'video', item: Upload, count: number) {
	await addItem(page, kind, item);
	await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText(
		`${path.basename(item.file)} was added.`,
		{ timeout: 90_000 }
	);
	await expect(
		page.getByRole('heading', { name: `Pictures, voices and videos (${count})` })
	).toBeVisible();
}

/**
 * Makes a pair from the two items' descriptions, the `nth` pair; returns the status the editor
 * announces.
 */
async function makePair(page: Page, nth: number, real: string, fake: string, topic: string) {
	await page.getByLabel('Real picture, voice or video').selectOption({ label: real });
	await page.getByLabel('Synthetic picture, voice or video').selectOption({ label: fake });
	await page.getByRole('radio', { name: 'Medium' }).check();
	await page.getByRole('radio', { name: topic }).check();
	await page.getByRole('button', { name: 'Make the pair' }).click();
	await expect(page.getByRole('article')).toHaveCount(nth);
	return page.getByRole('status').filter({ hasText: 'The pair is made' });
}

/** Types a tell's time range, then steps its end 0.2 s on with the arrow key: 1.0 s to 2.2 s. */
async function timeRange(pair: ReturnType<Page['getByRole']>) {
	await pair.getByLabel('Tell starts at (seconds)').fill('1');
	await pair.getByLabel('Tell ends at (seconds)').fill('2');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('Tab');
	await expect(pair.getByRole('status').first()).toHaveText('From 1.0 s to 2.2 s.');
}

/** `words` as a regular expression that matches them. */
const escape = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The kind of the round on screen (its media's data-kind). */
function kindOf(media: ReturnType<Page['locator']>): Promise<Kind> {
	return media.locator('[data-kind]').first().getAttribute('data-kind') as Promise<Kind>;
}

/**
 * A phone plays a solo run of the pack's four rounds from the play link. Everything it is served
 * is checked: no metadata, both sides of a pair alike. Returns the run's score link code.
 */
async function soloRun(browser: Browser, baseURL: string, playLink: string): Promise<string> {
	const context = await browser.newContext({ ...devices['Pixel 7'], baseURL });
	const player = await context.newPage();
	const served = new Map<string, string>();
	player.on('response', (response) => {
		if (new URL(response.url()).pathname.startsWith('/media/r/')) {
			served.set(response.url(), response.headers()['content-type']);
		}
	});
	await gotoHydrated(player, new URL(playLink).pathname);
	await expect(player.getByRole('heading', { level: 1 })).toHaveText('This week’s fakes');
	await expectNoViolations(player, 'play link');
	const html = await player.content();
	for (const secret of [
		MARKER,
		'Test generator',
		'Voice clone',
		'Swap v3',
		'The mast',
		'A. Teacher'
	]) {
		expect(html).not.toContain(secret);
	}
	await player.getByRole('button', { name: 'Start' }).click();
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);

	const kinds: Kind[] = [];
	for (const round of [0, 1, 2, 3]) {
		const question = questionOf(player, round);
		await expect(question).toBeVisible();
		const kind = await kindOf(question);
		kinds.push(kind);
		if (kind === 'image') {
			await expect(question.locator('img').first()).toBeVisible();
			const sources = await question
				.locator('img')
				.evaluateAll((images) => [
					...new Set(
						images.map(
							(image) => (image as HTMLImageElement).currentSrc || (image as HTMLImageElement).src
						)
					)
				]);
			const sizes = new Set<string>();
			const own = sources.filter((src) => new URL(src).pathname.startsWith('/media/r/'));
			expect(own.length).toBeGreaterThanOrEqual(2);
			for (const src of own) {
				const response = await player.request.get(src);
				expect(response.headers()['content-type']).toBe('image/webp');
				const bytes = await response.body();
				expect(bytes.includes(MARKER)).toBe(false);
				const meta = await sharp(bytes).metadata();
				expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([
					undefined,
					undefined,
					undefined,
					undefined
				]);
				sizes.add(`${meta.width}x${meta.height}`);
			}
			// Both sides at the pack's sizes (a phone's and a large one), whatever the uploads were.
			expect([...sizes].every((size) => /^(640x480|1280x960)$/.test(size))).toBe(true);
		}
		if (kind === 'video') await expect(question.locator('video')).toHaveCount(2);
		if (kind === 'audio') {
			await expect(player.getByText(REAL_VOICE.transcript)).toBeVisible();
		}
		await answerRound(player, round, 1);
		const told = kind === 'image' ? [FIRST_MAST, TELLS.image[1]] : TELLS[kind];
		await expect(player.getByText(new RegExp(told.map(escape).join('|')))).toBeVisible();
		if (kind === 'audio') {
			await expect(
				player.getByRole('button', { name: 'Tell 1: Flat intonation, 1.0 to 2.2 seconds' })
			).toBeVisible();
		}
		await goOn(player);
	}
	expect(kinds.sort()).toEqual(['audio', 'image', 'image', 'video']);
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);
	await player.screenshot({ path: test.info().outputPath('solo-results.png'), fullPage: true });

	// The voices and videos, as served: the server's own files, without tags, alike in size,
	// level and length though the voices were uploaded 20 dB and 0.9 s apart
	// (the fake's second of silence before its speech is cut).
	for (const [type, expected] of [
		['audio/ogg; codecs=opus', { size: null, sound: [1, 48_000] }],
		['video/mp4', { size: [640, 360], sound: [1, 48_000] }]
	] as const) {
		const sources = [...served].filter(([, served]) => served === type).map(([url]) => url);
		expect(sources).toHaveLength(2);
		const levels = [];
		const lengths = [];
		for (const [index, src] of sources.entries()) {
			const bytes = await (await player.request.get(src)).body();
			expect(bytes.includes(MARKER)).toBe(false);
			const media = await readMedia(bytes);
			expect([media.size, media.sound]).toEqual([expected.size, expected.sound]);
			expect([media.tags.title, media.tags.comment]).toEqual([undefined, undefined]);
			if (media.size) {
				expect(media.codec).toBe('avc');
				expect(media.frameRate).toBeCloseTo(25, 0);
			}
			lengths.push(media.seconds);
			const copy = path.join(files.dir, `served-${type.slice(0, 5)}-${index}.media`);
			writeFileSync(copy, bytes);
			levels.push(meanVolume(copy));
		}
		expect(Math.abs(levels[0] - levels[1])).toBeLessThan(2);
		expect(Math.abs(lengths[0] - lengths[1])).toBeLessThan(0.5);
	}
	expect(Math.abs(meanVolume(files.realVoice) - meanVolume(files.lateVoice))).toBeGreaterThan(15);
	const [realUpload, lateUpload] = await Promise.all(
		[files.realVoice, files.lateVoice].map((file) => readMedia(readFileSync(file)))
	);
	expect(lateUpload.seconds - realUpload.seconds).toBeGreaterThan(0.8);

	// The score link the results' Share button gives, signed for the version just played.
	const runId = new URL(player.url()).pathname.split('/')[2];
	const { code } = (await (await player.request.get(`/api/share/runs/${runId}`)).json()) as {
		code: string;
	};
	await context.close();
	return code;
}

/**
 * A live class on the pack: the host at a projector's size, two phones answering every round by
 * tapping. Each reveal shows the teacher's tells on the projector and on the phones.
 */
async function liveClass(browser: Browser, baseURL: string, playLink: string): Promise<void> {
	const hostContext = await browser.newContext({ viewport: PROJECTOR, baseURL });
	const host = await hostContext.newPage();
	await gotoHydrated(host, '/host');
	await host.getByLabel('Or your own pack: its play link').fill(playLink);
	// No timer: the rounds wait for every phone, however busy the machine.
	await host.getByRole('radio', { name: 'No timer' }).check();
	await host.getByRole('button', { name: 'Create the session' }).click();
	await host.waitForURL(/\/class\/[\w-]+\/host$/);
	await host.locator('body[data-hydrated="true"]').waitFor();
	await expect(host.getByText('This week’s fakes · 4 rounds')).toBeVisible();
	const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');

	const phones = [await phonePage(browser, baseURL), await phonePage(browser, baseURL)];
	for (const [index, phone] of phones.entries()) {
		await joinByCode(phone, code, ['Ada', 'Bo'][index]);
	}
	await expect(host.getByRole('heading', { name: '2 students' })).toBeVisible();
	await host.getByRole('button', { name: /^Start/ }).click();

	const kinds: Kind[] = [];
	for (let round = 1; round <= 4; round++) {
		await expect(host.getByText(`Round ${round} of 4`)).toBeVisible();
		const stage = host.getByTestId('host-screen');
		const kind = await kindOf(stage);
		kinds.push(kind);
		for (const phone of phones) {
			await expect(phone.getByText(`Round ${round} of 4`)).toBeVisible();
			expect(await kindOf(phone.locator('body'))).toBe(kind);
		}
		if (kind === 'video') {
			// The projector and the phones show both videos, ready to play.
			for (const screen of [host, ...phones]) {
				const videos = screen.locator('[data-kind="video"] video');
				await expect(videos).toHaveCount(2);
				await expect(videos.first()).toBeVisible();
				await expect
					.poll(() =>
						videos.evaluateAll((all) => all.map((v) => (v as HTMLVideoElement).readyState >= 1))
					)
					.toEqual([true, true]);
			}
			// A student plays the first video on the phone: it runs.
			await phones[0].getByRole('button', { name: /^Play: (Top|Left) video$/ }).click();
			await expect
				.poll(() =>
					phones[0]
						.locator('[data-kind="video"] video')
						.first()
						.evaluate((video) => (video as HTMLVideoElement).currentTime)
				)
				.toBeGreaterThan(0);
			await host.screenshot({ path: test.info().outputPath('class-host-video.png') });
			await phones[0].screenshot({ path: test.info().outputPath('class-phone-video.png') });
		}
		if (kind === 'audio') {
			for (const phone of phones) {
				await expect(phone.getByText(REAL_VOICE.transcript)).toBeVisible();
			}
		}
		for (const [index, phone] of phones.entries()) await answerOnPhone(phone, index === 0 ? 0 : 1);
		await expect(host.getByTestId('answered-count')).toHaveText('2 of 2 answered');

		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(host.getByText(/How the class answered \(2 answers\)/)).toBeVisible();
		await host.getByRole('button', { name: 'Next: tell 1' }).click();
		const tell = host.getByTestId('reveal-page');
		await expect(tell).toContainText('Tell 1 of 1');
		// The edited words, not the first ones: the class plays the pack's newest version.
		const told = new RegExp(TELLS[kind].map(escape).join('|'));
		await expect(tell).toContainText(told);
		for (const phone of phones) {
			await expect(phone.getByTestId('result')).toContainText(/Right!|Not this time/);
			await expect(phone.getByText(told)).toBeVisible();
		}
		if (kind === 'video') {
			await host.screenshot({ path: test.info().outputPath('class-host-video-reveal.png') });
			await phones[0].screenshot({
				path: test.info().outputPath('class-phone-video-reveal.png'),
				fullPage: true
			});
		}
		await host.getByRole('button', { name: round === 4 ? 'Finish' : 'Next round' }).click();
	}
	expect(kinds.sort()).toEqual(['audio', 'image', 'image', 'video']);
	await expect(host.getByRole('heading', { name: "That's the session!" })).toBeVisible();
	for (const phone of phones) {
		await expect(phone.getByRole('heading', { name: /Session over/ })).toBeVisible();
	}
	await host.getByRole('link', { name: 'Show the class results' }).click();
	await expect(host.getByTestId('items').getByRole('row')).toHaveCount(5);
	for (const phone of phones) await phone.context().close();
	await hostContext.close();
}

/**
 * Another Telltale server (started as README says: `npm start` with its own PORT and DATA_DIR)
 * refuses a damaged zip with its reason, imports the export as a new pack, and plays it.
 */
async function importElsewhere(browser: Browser, zip: Buffer): Promise<void> {
	const zipFile = path.join(files.dir, 'export.zip');
	writeFileSync(zipFile, zip);
	const damaged = path.join(files.dir, 'damaged.zip');
	writeFileSync(damaged, zip.subarray(0, Math.floor(zip.length / 2)));
	const other = await startServer({
		port: SPARE_PORT_BASE + 3,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-second-server-'))
	});
	const context = await browser.newContext({ baseURL: other.url });
	try {
		const page = await context.newPage();
		await gotoHydrated(page, '/packs/new');
		const zipField = page.getByLabel('Pack zip', { exact: true });
		await zipField.setInputFiles(damaged);
		await page.getByRole('button', { name: 'Import the pack' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'damaged.zip was not imported: the zip is damaged. Export it again.'
		);
		await expectNoViolations(page, 'pack import refused');
		await zipField.setInputFiles(zipFile);
		await page.getByRole('button', { name: 'Import the pack' }).click();
		await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/, { timeout: 120_000 });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: This week’s fakes');
		await expect(
			page.getByRole('heading', { name: 'Pictures, voices and videos (8)' })
		).toBeVisible();
		const pairs = page.getByRole('article');
		await expect(pairs).toHaveCount(4);
		for (const words of [...TELLS.image, ...TELLS.audio, ...TELLS.video]) {
			await expect(pairs.getByRole('listitem').filter({ hasText: words })).toBeVisible();
		}
		await expect(pairs.nth(3).locator('video').first()).toHaveAttribute('width', '640');
		const playLink = await page.getByLabel('Play link (share it)').inputValue();
		expect(new URL(playLink).origin).toBe(other.url);
		await gotoHydrated(page, new URL(playLink).pathname);
		await page.getByRole('button', { name: 'Start' }).click();
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
		await expect(questionOf(page, 0)).toBeVisible();
	} finally {
		await context.close();
		await other.stop();
	}
}

test('a teacher builds a pack of pictures, voices and videos, plays it solo and with a class, and moves it to another server', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(900_000);
	const { editorPath, playLink } = await createPack(page, 'This week’s fakes');
	const editorLink = await page.getByLabel('Editor link (keep it secret)').inputValue();
	expect(playLink).toMatch(/\/packs\/t-[0-9a-f]{32}$/);
	expect(playLink).not.toContain(editorPath.split('/').pop()!);

	// Refused with their reasons: what is not a picture, what is too big to decode, what is too
	// long to play in a round (the browser says so before anything is sent).
	await refusedPicture(page, files.svg, /SVG drawings are not accepted/);
	await refusedPicture(
		page,
		files.program,
		/^holiday\.jpg was not added: this file is a program, not a picture, whatever its name says\.$/
	);
	await refusedPicture(page, files.huge, /more than 50 megapixels/);
	await addItem(page, 'voice', { ...REAL_VOICE, file: files.longVoice, alt: 'A lecture.' });
	await expect(page.getByRole('alert').filter({ hasText: 'lecture.wav' })).toHaveText(
		'lecture.wav was not added: the recording is longer than 30 seconds. Cut it to the part with the tell first.'
	);
	await addItem(page, 'video', { ...REAL_VIDEO, file: files.longVideo, alt: 'A lesson.' });
	await expect(page.getByRole('alert').filter({ hasText: 'lesson.mp4' })).toHaveText(
		'lesson.mp4 was not added: the video is longer than 30 seconds. Cut it to the part with the tell first.'
	);

	let count = 0;
	for (const [file, truth, madeWith, alt] of PICTURES) {
		await added(page, 'picture', { file: files[file], truth, madeWith, alt }, ++count);
	}
	await added(page, 'voice', { ...REAL_VOICE, file: files.realVoice }, ++count);
	await added(page, 'voice', { ...FAKE_VOICE, file: files.highVoice }, ++count);
	await added(page, 'video', { ...REAL_VIDEO, file: files.realVideo }, ++count);
	await added(page, 'video', { ...FAKE_VIDEO, file: files.fakeVideo }, ++count);

	await makePair(page, 1, 'Boats in a harbour.', 'Boats by a quay.', 'Scenes (pictures)');
	await makePair(page, 2, 'A fruit stall.', 'A vegetable stall.', 'Scenes (pictures)');
	await expect(page.getByRole('article').nth(1).getByRole('note')).toContainText(
		'The fake is much sharper than the real one: players could guess from that.'
	);

	// The high voice gives itself away: the editor says so in the status a screen reader reads
	// out, and in plain words under the pair. The teacher takes it out and adds another, whose
	// second of silence before the speech is cut as it converts: no warning.
	const warned = await makePair(page, 3, REAL_VOICE.alt, FAKE_VOICE.alt, 'Voices');
	await expect(warned).toHaveText(
		'The pair is made, but players could guess it without finding a tell: read the warnings under it.'
	);
	const voicePair = page.getByRole('article').nth(2);
	await expect(voicePair.getByRole('note')).toContainText(
		'The two voices are far apart in pitch (a low voice beside a high one): players could pick by the voice, not by its flaws. Pair voices of the same kind of speaker.'
	);
	await expect(
		voicePair.getByRole('note', { name: 'Players could guess this pair without finding a tell:' })
	).toBeVisible();
	await voicePair.screenshot({ path: testInfo.outputPath('voice-warning.png') });
	await voicePair.getByRole('button', { name: 'Undo pair 3' }).click();
	await expect(page.getByRole('article')).toHaveCount(2);
	await page.getByRole('button', { name: `Remove “${FAKE_VOICE.alt}”` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'was removed' })).toHaveText(
		`“${FAKE_VOICE.alt}” was removed.`
	);
	await expect(
		page.getByRole('heading', { name: `Pictures, voices and videos (${count - 1})` })
	).toBeVisible();
	await added(page, 'voice', { ...FAKE_VOICE, file: files.lateVoice }, count);
	await expect(await makePair(page, 3, REAL_VOICE.alt, FAKE_VOICE.alt, 'Voices')).toHaveText(
		'The pair is made. Now mark the tells on the synthetic one.'
	);
	await expect(page.getByRole('article').nth(2).getByRole('note')).toHaveCount(0);
	await makePair(page, 4, REAL_VIDEO.alt, FAKE_VIDEO.alt, 'Videos');
	// Both videos came out at one size and both have sound: no warning.
	await expect(page.getByRole('article').nth(3).getByRole('note')).toHaveCount(0);
	await expect(page.getByText(/mark at least one tell on every synthetic item/)).toBeVisible();

	// The tells, by keyboard only: a box moved and grown on the first fake picture, an outline
	// on the second (a corner moved, one added, removed and added again), a time range on the
	// voice, a time range and a box on the video.
	const pairs = page.getByRole('article');
	const box = pairs.nth(0).getByRole('button', { name: 'Tell box' });
	await box.focus();
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowUp');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
	await expect(pairs.nth(0).getByRole('status')).toHaveText(
		'Box 35% from the left, 39% from the top, 23% wide, 20% high.'
	);

	const outline = pairs.nth(1);
	await outline.getByRole('radio', { name: 'Outline' }).check();
	await outline.getByRole('button', { name: /^Corner 1 of 4,/ }).focus();
	for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
	await expect(outline.getByRole('status')).toHaveText(
		'Corner 1 of 4, 43% from the left, 40% from the top'
	);
	await outline.getByRole('button', { name: 'Add a corner after corner 1' }).click();
	await expect(outline.getByRole('status')).toHaveText(
		'Outline of 5 corners around 51% from the left, 48% from the top.'
	);
	// The new corner has the focus: Delete takes it away again, and one more is added.
	await expect(outline.getByRole('button', { name: /^Corner 2 of 5,/ })).toBeFocused();
	await page.keyboard.press('Delete');
	await expect(outline.getByRole('status')).toHaveText(
		'Corner removed: the outline has 4 corners.'
	);
	await outline.getByRole('button', { name: 'Add a corner after corner 2' }).click();
	await expect(outline.getByRole('button', { name: /^Corner \d of 5,/ })).toHaveCount(5);

	await timeRange(pairs.nth(2));
	await timeRange(pairs.nth(3));
	const videoPair = pairs.nth(3);
	await videoPair.getByLabel('Also mark a place on the picture').check();
	const videoBox = videoPair.getByRole('button', { name: 'Tell box' });
	await videoBox.focus();
	for (let step = 0; step < 10; step++) await videoBox.press('ArrowRight');
	await videoBox.press('Shift+ArrowDown');
	await expect(videoPair.getByRole('status').filter({ hasText: 'Box' })).toHaveText(
		'Box 50% from the left, 40% from the top, 20% wide, 21% high.'
	);

	for (const [index, category, words] of [
		[0, 'Warped geometry', FIRST_MAST],
		[1, 'Text and symbols', TELLS.image[1]],
		[2, 'Flat intonation', TELLS.audio[0]],
		[3, 'Lip sync', TELLS.video[0]]
	] as const) {
		const pair = pairs.nth(index);
		await pair.getByLabel('Kind of tell').selectOption({ label: category });
		await pair.getByLabel(/^What players should (see|hear|see or hear) there$/).fill(words);
		await pair.getByRole('button', { name: 'Save the tell' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'The tell is saved.' })).toBeVisible();
		await expect(pairs.nth(index).getByRole('listitem').filter({ hasText: words })).toBeVisible();
	}
	await expect(
		pairs.nth(3).getByRole('listitem').filter({ hasText: 'From 1.0 s to 2.2 s.' })
	).toHaveText(/^Lip sync ·\s+From 1\.0 s to 2\.2 s\.\s+The lips keep moving/);
	await expect(page.getByRole('link', { name: 'Open the play link' })).toBeVisible();
	await expectNoViolations(page, 'pack editor');
	await page.screenshot({ path: testInfo.outputPath('editor.png'), fullPage: true });
	// The editor fits a phone's width too: nothing to scroll sideways.
	const desktop = page.viewportSize()!;
	await page.setViewportSize(PHONE);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		PHONE.width
	);

	// Previews of the reveal. On a phone: the video's tell on its time line; the outline drawn
	// as the teacher drew it, not as a box.
	await pairs.nth(3).getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText(TELLS.video[0])).toBeVisible();
	await expect(
		page.getByRole('button', { name: 'Tell 1: Lip sync, 1.0 to 2.2 seconds' })
	).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('preview-phone-video.png'), fullPage: true });
	await page.getByRole('link', { name: 'Back to the editor' }).first().click();
	await pairs.nth(1).getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText(TELLS.image[1])).toBeVisible();
	expect(
		(await page.locator('svg polygon').first().getAttribute('points'))!.trim().split(/\s+/)
	).toHaveLength(5);
	await page.getByRole('link', { name: 'Back to the editor' }).first().click();

	// On the projector, at a projector's sizes: the first tell's page, the whole screen without
	// scrolling, the class's answers one page back.
	await pairs.nth(0).getByRole('link', { name: 'On the projector' }).click();
	const projector = page.getByTestId('projector-preview');
	for (const size of [PROJECTOR, { width: 1920, height: 1080 }]) {
		await page.setViewportSize(size);
		await expect(projector.getByText('Tell 1 of 1')).toBeVisible();
		await expect(projector.getByText(FIRST_MAST)).toBeInViewport();
		expect(
			await projector.evaluate((screen) => screen.scrollHeight - screen.clientHeight)
		).toBeLessThanOrEqual(0);
		await page.screenshot({ path: testInfo.outputPath(`preview-projector-${size.height}p.png`) });
	}
	await expectNoViolations(page, 'projector preview');
	await projector.getByRole('button', { name: 'Back' }).click();
	await expect(projector.getByText(/0 answers/)).toBeVisible();
	await projector.getByRole('link', { name: 'Back to the editor' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: This week’s fakes');
	await page.setViewportSize(desktop);

	const code = await soloRun(browser, baseURL!, playLink);

	// Editing the played pack keeps the played version: the next play gets a new one.
	const first = page.getByRole('article').first();
	await first.getByRole('button', { name: 'Change tell 1' }).click();
	await first.getByLabel('What players should see there').fill(TELLS.image[0]);
	await first.getByRole('button', { name: 'Save the tell' }).click();
	await expect(first.getByRole('listitem').filter({ hasText: TELLS.image[0] })).toBeVisible();

	await liveClass(browser, baseURL!, playLink);

	// The class played the edited pack (a new version); the solo run's score link still verifies.
	await gotoHydrated(page, `/s/${code}`);
	await expect(page.getByText('Verified score', { exact: true })).toBeVisible();
	await expect(page.getByText('This score could not be verified')).toHaveCount(0);

	// The editor exports the pack as a zip for another server.
	await gotoHydrated(page, editorPath);
	const exportLink = page.getByRole('link', { name: 'Export as a zip' });
	const zip = await page.request.get((await exportLink.getAttribute('href'))!);
	expect(zip.status()).toBe(200);
	expect(zip.headers()['content-type']).toBe('application/zip');
	const bytes = await zip.body();
	expect(bytes.includes(`${new URL(playLink).pathname.split('/').pop()}/manifest.json`)).toBe(true);
	expect(bytes.includes(MARKER)).toBe(false);
	await importElsewhere(browser, bytes);

	// A wrong editor link opens nothing.
	const wrong = await page.goto(
		new URL(editorLink).pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
	);
	expect(wrong?.status()).toBe(404);
});
