import { mkdtempSync, writeFileSync } from 'node:fs';
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
 * A teacher adds a voice pair from recordings made here by ffmpeg (no network): a quiet WAV and a
 * loud stereo MP3 whose tags name the answer. The browser converts each to the pack's voice
 * format and the server checks it; the pair is marked with a time-range tell typed with the
 * keyboard, previewed, and played in a solo run. The served voices carry no tags and are equally
 * loud; a program renamed .mp3 and a recording too long are refused with their reasons, and a
 * browser without JavaScript is told that voices need it.
 */

const MARKER = 'ANSWER-IN-TAGS';
let files: Record<string, string>;

/** A voice-like sound: a tone whose pitch and level wander, between silences, at `volume`. */
function recording(file: string, seconds: number, volume: number, args: string[]): string {
	const expression = `sin(2*PI*(180+40*sin(2*PI*1.3*t))*t)*(0.6+0.4*sin(2*PI*3*t))*${volume}`;
	ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`aevalsrc=${expression}:s=44100:d=${seconds}`,
		'-af',
		'apad=pad_dur=0.3',
		...args,
		file
	]);
	return file;
}

test.beforeAll(() => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-voices-'));
	const at = (name: string) => path.join(dir, name);
	const program = at('interview.mp3');
	writeFileSync(
		program,
		Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(4096)])
	);
	files = {
		dir,
		real: recording(at('interview.wav'), 3, 0.05, ['-c:a', 'pcm_s16le']),
		fake: recording(at('clone.mp3'), 3.2, 0.6, [
			'-ac',
			'2',
			'-c:a',
			'libmp3lame',
			'-metadata',
			`title=${MARKER}`,
			'-metadata',
			`artist=${MARKER} voice clone`
		]),
		long: recording(at('lecture.wav'), 31, 0.1, ['-c:a', 'pcm_s16le']),
		program
	};
});

test('a teacher adds a voice pair, marks a time-range tell by keyboard, previews it and plays it', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(300_000);
	const { editorPath, playLink } = await createPack(page, 'Voices of the week');

	// A program named like a recording goes to the server as it is, and is refused for what it is.
	await refusedPicture(
		page,
		files.program,
		/^interview\.mp3 was not added: this file is a program, not a picture, whatever its name says\.$/
	);

	// A recording too long is refused by the browser before anything is sent.
	await addItem(page, 'voice', {
		file: files.long,
		truth: 'Real',
		madeWith: 'Recorded with a microphone or phone',
		alt: 'A lecture.',
		transcript: 'Today we talk about rain.'
	});
	await expect(page.getByRole('alert').filter({ hasText: 'lecture.wav' })).toHaveText(
		'lecture.wav was not added: the recording is longer than 30 seconds. Cut it to the part with the tell first.'
	);

	const voices: Upload[] = [
		{
			file: files.real,
			truth: 'Real',
			madeWith: 'Recorded with a microphone or phone',
			alt: 'A man reads the forecast.',
			transcript: 'Rain in the morning, sun in the afternoon.'
		},
		{
			file: files.fake,
			truth: 'Synthetic',
			madeWith: 'Made by an AI voice generator or voice clone',
			alt: 'A man reads a forecast.',
			transcript: 'Rain in the morning, sun by the evening.'
		}
	];
	for (const [index, voice] of voices.entries()) {
		await addItem(page, 'voice', { ...voice, tool: 'Voice clone v2' });
		await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText(
			`${path.basename(voice.file)} was added.`,
			{ timeout: 30_000 }
		);
		await expect(
			page.getByRole('heading', { name: `Pictures, voices and videos (${index + 1})` })
		).toBeVisible();
	}
	await expect(page.getByText('Rain in the morning, sun by the evening.').first()).toBeVisible();

	await page.getByLabel('Real picture, voice or video').selectOption({ label: voices[0].alt });
	await page.getByLabel('Synthetic picture, voice or video').selectOption({ label: voices[1].alt });
	await page.getByRole('radio', { name: 'Voices' }).check();
	await page.getByRole('button', { name: 'Make the pair' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The pair is made' })).toBeVisible();
	const pair = page.getByRole('article');
	await expect(pair).toHaveCount(1);
	await expect(pair.getByRole('img', { name: /^Waveform of the synthetic voice/ })).toBeVisible();
	await expect(pair.locator('.waveform svg rect').first()).toBeAttached();

	// The tell by keyboard only: type where it starts, step its end with the arrow keys.
	await pair.getByLabel('Tell starts at (seconds)').fill('1');
	await pair.getByLabel('Tell ends at (seconds)').fill('2');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('ArrowUp');
	await pair.getByLabel('Tell ends at (seconds)').press('Tab');
	await expect(pair.getByRole('status')).toHaveText('From 1.0 s to 2.2 s.');
	await pair.getByLabel('Kind of tell').selectOption({ label: 'Flat intonation' });
	await pair
		.getByLabel('What players should hear there')
		.fill('The voice stays on one note from “sun” on.');
	await pair.getByRole('button', { name: 'Save the tell' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The tell is saved.' })).toBeVisible();
	await expect(pair.getByRole('listitem').filter({ hasText: 'From 1.0 s to 2.2 s.' })).toHaveText(
		/^Flat intonation ·\s+From 1\.0 s to 2\.2 s\.\s+The voice stays on one note/
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
	await expectNoViolations(page, 'pack editor with voices');
	await page.screenshot({ path: testInfo.outputPath('voice-editor.png'), fullPage: true });

	// The preview shows the reveal as players see it: the tell's time range on the voice.
	await pair.getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText('The voice stays on one note from “sun” on.')).toBeVisible();
	await expect(
		page.getByRole('button', { name: 'Tell 1: Flat intonation, 1.0 to 2.2 seconds' })
	).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('voice-preview.png'), fullPage: true });

	// A player opens the play link and plays the voice round.
	const context = await browser.newContext({ baseURL });
	const player = await context.newPage();
	await gotoHydrated(player, new URL(playLink).pathname);
	for (const secret of [MARKER, 'Voice clone v2', 'one note']) {
		expect(await player.content()).not.toContain(secret);
	}
	await player.getByRole('button', { name: 'Start' }).click();
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
	await expect(questionOf(player, 0).locator('[data-kind="audio"]').first()).toBeVisible();
	await expect(player.getByText('Rain in the morning, sun in the afternoon.')).toBeVisible();

	// What the player is served: the server's own Ogg Opus files, without tags, equally loud.
	const served = () =>
		player.evaluate(() => [
			...new Set(
				performance
					.getEntriesByType('resource')
					.map((entry) => entry.name)
					.filter((name) => new URL(name).pathname.startsWith('/media/r/'))
			)
		]);
	// Each side's waveform is drawn from its file, so both have been fetched.
	await expect.poll(async () => (await served()).length).toBe(2);
	const sources = await served();
	const levels = [];
	for (const [index, src] of sources.entries()) {
		const response = await player.request.get(src);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('audio/ogg; codecs=opus');
		const bytes = await response.body();
		expect(bytes.includes(MARKER)).toBe(false);
		const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
		expect(await input.getMimeType()).toBe('audio/ogg; codecs="opus"');
		const track = (await input.getPrimaryAudioTrack())!;
		expect([track.numberOfChannels, track.sampleRate]).toEqual([1, 48_000]);
		const { title, artist } = await input.getMetadataTags();
		expect([title, artist]).toEqual([undefined, undefined]);
		const copy = path.join(files.dir, `served-${index}.opus`);
		writeFileSync(copy, bytes);
		levels.push(meanVolume(copy));
	}
	// The recordings were 22 dB apart; brought to one level in the browser, they are not.
	expect(Math.abs(meanVolume(files.real) - meanVolume(files.fake))).toBeGreaterThan(15);
	expect(Math.abs(levels[0] - levels[1])).toBeLessThan(2);

	await answerRound(player, 0, 1);
	await expect(player.getByText('The voice stays on one note from “sun” on.')).toBeVisible();
	await player.screenshot({ path: testInfo.outputPath('voice-reveal.png'), fullPage: true });
	await goOn(player);
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);
	await context.close();

	// Without JavaScript, a recording is refused with the reason: voices need it.
	const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await plain.goto(editorPath);
	await expect(
		plain.getByText(
			'Voices and videos need JavaScript: your browser converts them before they are sent. Pictures work without it.'
		)
	).toBeVisible();
	await plain.locator('input[type=file]').setInputFiles(files.real);
	await plain.getByRole('radio', { name: 'Real', exact: true }).check();
	await plain
		.getByLabel('How was it made?')
		.selectOption({ label: 'Taken with a camera or phone' });
	await plain.getByLabel('Where it comes from').fill('made by me');
	await plain.getByLabel('Who made it').fill('A. Teacher');
	await plain.getByLabel('Licence or permission').fill('CC BY 4.0');
	await plain.getByLabel('Describe the picture for people who cannot see it').fill('x');
	await plain.getByRole('button', { name: 'Add the picture' }).click();
	await expect(plain.getByRole('alert')).toHaveText(
		'interview.wav was not added: this is a sound or video file. Your browser converts those before sending them, which needs JavaScript: turn it on and add the file again.'
	);
	await noScript.close();
});
