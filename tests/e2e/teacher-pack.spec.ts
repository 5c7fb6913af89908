import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { devices, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { expect, gotoHydrated, test } from './support/fixtures';
import { answerRound, goOn, questionOf } from './solo-helpers';
import { expectNoViolations } from './support/axe';
import { addItem, refusedPicture, type Upload } from './teacher-helpers';
import { startServer } from './support/server';
import { SPARE_PORT_BASE } from './support/ports.js';

/**
 * A teacher builds a pack from files made here (no network): two pairs of pictures carrying EXIF
 * that names the answer, tells marked with the keyboard, a preview of the reveal; then a phone
 * opens the play link and plays a run. What the phone is served has no metadata and both sides
 * of a pair match. An SVG, a program named like a photo and a picture too big to decode are
 * refused with their reasons. The pack's export is imported on a second server, as another
 * school's would be, and played there; a zip that is not one is refused there with its reason.
 */

const MARKER = 'ANSWER-IN-EXIF';

/** A picture with a pattern of its own, and EXIF that a careless pipeline would pass on. */
async function picture(
	seed: number,
	width: number,
	height: number,
	format: 'jpeg' | 'png',
	blur = 2
) {
	const pixels = Buffer.alloc(width * height * 3);
	for (let i = 0; i < pixels.length; i++) pixels[i] = ((i + seed * 7919) * 2654435761) >>> 24;
	return sharp(pixels, { raw: { width, height, channels: 3 } })
		.blur(blur)
		.withExif({ IFD0: { Artist: MARKER, ImageDescription: `${MARKER} ${seed}` } })
		[format]()
		.toBuffer();
}

/** A PNG whose header claims 30000 x 30000 pixels: it would need 2.7 GB to decode. */
async function hugePng(): Promise<Buffer> {
	const png = Buffer.from(
		await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
			.png()
			.toBuffer()
	);
	png.writeUInt32BE(30_000, 16);
	png.writeUInt32BE(30_000, 20);
	png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
	return png;
}

let files: Record<string, string>;

test.beforeAll(async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-e2e-'));
	const write = (name: string, bytes: Buffer | string) => {
		const file = path.join(dir, name);
		writeFileSync(file, bytes);
		return file;
	};
	files = {
		real1: write('harbour.jpg', await picture(1, 1200, 900, 'jpeg')),
		fake1: write('harbour-ai.png', await picture(2, 1024, 1024, 'png')),
		real2: write('market.png', await picture(3, 900, 1200, 'png')),
		// Sharper than its partner by far: the editor warns that this gives the answer away.
		fake2: write('market-ai.jpg', await picture(4, 1600, 900, 'jpeg', 0.3)),
		svg: write('drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
		program: write(
			'holiday.jpg',
			Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(4096)])
		),
		huge: write('panorama.png', await hugePng())
	};
});

/**
 * Another Telltale server (started as README says: `npm start` with its own PORT and DATA_DIR)
 * refuses a program renamed .zip, imports the export as a new pack, and a player plays it there.
 */
async function importElsewhere(
	browser: Browser,
	zip: Buffer,
	zipFile: string,
	program: string
): Promise<void> {
	writeFileSync(zipFile, zip);
	const notAZip = path.join(path.dirname(zipFile), 'pack.zip');
	writeFileSync(notAZip, readFileSync(program));
	const other = await startServer({
		port: SPARE_PORT_BASE + 3,
		dataDir: mkdtempSync(path.join(tmpdir(), 'telltale-second-server-'))
	});
	const context = await browser.newContext({ baseURL: other.url });
	try {
		const page = await context.newPage();
		await gotoHydrated(page, '/packs/new');
		const zipField = page.getByLabel('Pack zip', { exact: true });
		await zipField.setInputFiles(notAZip);
		await page.getByRole('button', { name: 'Import the pack' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'pack.zip was not imported: this is not a zip file'
		);
		await expectNoViolations(page, 'pack import refused');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			page.viewportSize()!.width
		);
		await page.screenshot({
			path: zipFile.replace(/export\.zip$/, 'import-refused.png'),
			fullPage: true
		});
		await zipField.setInputFiles(zipFile);
		await page.getByRole('button', { name: 'Import the pack' }).click();
		await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/, { timeout: 60_000 });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');
		await expect(
			page.getByRole('heading', { name: 'Pictures, voices and videos (4)' })
		).toBeVisible();
		await expect(page.getByRole('article')).toHaveCount(2);
		await expect(
			page.getByRole('article').first().getByRole('listitem').filter({ hasText: 'The mast' })
		).toBeVisible();
		const playLink = await page.getByLabel('Play link (share it)').inputValue();
		expect(new URL(playLink).origin).toBe(other.url);

		await gotoHydrated(page, new URL(playLink).pathname);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour and market');
		await page.getByRole('button', { name: 'Start' }).click();
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
		for (const round of [0, 1]) {
			await expect(page.locator(`[data-round="${round}"] img`).first()).toBeVisible();
			await answerRound(page, round, 1);
			await goOn(page);
		}
		await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);
	} finally {
		await context.close();
		await other.stop();
	}
}

test('a teacher builds a picture pack and a phone plays it from the play link', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(420_000);
	await gotoHydrated(page, '/packs/new');
	await expectNoViolations(page, 'new pack');
	await page.getByLabel('Title of the pack').fill('Harbour and market');
	await page.getByRole('button', { name: 'Create the pack' }).click();
	await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');
	const editorLink = await page.getByLabel('Editor link (keep it secret)').inputValue();
	const playLink = await page.getByLabel('Play link (share it)').inputValue();
	expect(playLink).toMatch(/\/packs\/t-[0-9a-f]{32}$/);
	expect(playLink).not.toContain(editorLink.split('/').pop()!);

	await refusedPicture(page, files.svg, /SVG drawings are not accepted/);
	await refusedPicture(page, files.program, /this file is a program, not a picture/);
	await refusedPicture(page, files.huge, /more than 50 megapixels/);

	const uploads: Upload[] = [
		{
			file: files.real1,
			truth: 'Real',
			madeWith: 'Taken with a camera or phone',
			alt: 'Boats in a harbour.'
		},
		{
			file: files.fake1,
			truth: 'Synthetic',
			madeWith: 'Made by an AI image generator',
			alt: 'Boats by a quay.'
		},
		{
			file: files.real2,
			truth: 'Real',
			madeWith: 'Taken with a camera or phone',
			alt: 'A fruit stall.'
		},
		{
			file: files.fake2,
			truth: 'Synthetic',
			madeWith: 'Made by an AI image generator',
			alt: 'A vegetable stall.'
		}
	];
	for (const [index, item] of uploads.entries()) {
		await addItem(page, 'picture', item);
		await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText(
			`${path.basename(item.file)} was added.`
		);
		await expect(
			page.getByRole('heading', { name: `Pictures, voices and videos (${index + 1})` })
		).toBeVisible();
	}

	for (const [index, [real, fake]] of [
		['Boats in a harbour.', 'Boats by a quay.'],
		['A fruit stall.', 'A vegetable stall.']
	].entries()) {
		await page.getByLabel('Real picture').selectOption({ label: real });
		await page.getByLabel('Synthetic picture').selectOption({ label: fake });
		await page.getByRole('radio', { name: 'Medium' }).check();
		await page.getByRole('radio', { name: 'Scenes (pictures)' }).check();
		await page.getByRole('button', { name: 'Make the pair' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'The pair is made' })).toBeVisible();
		await expect(page.getByRole('article')).toHaveCount(index + 1);
	}
	await expect(page.getByText(/mark at least one tell on every synthetic picture/)).toBeVisible();
	await expect(page.getByRole('article').nth(1).getByRole('note')).toContainText(
		'The fake is much sharper than the real one: players could guess from that.'
	);

	// Tells by keyboard only: on the first fake, focus the box, move it, make it bigger; on the
	// second, an outline: move a corner, add one; then describe each.
	for (const [index, explanation] of [
		'The mast melts into the sky.',
		'The price tags are gibberish.'
	].entries()) {
		const pair = page.getByRole('article').nth(index);
		if (index === 0) {
			const box = pair.getByRole('button', { name: 'Tell box' });
			await box.focus();
			for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
			await page.keyboard.press('ArrowUp');
			for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
			await expect(pair.getByRole('status')).toHaveText(
				'Box 35% from the left, 39% from the top, 23% wide, 20% high.'
			);
		} else {
			await pair.getByRole('radio', { name: 'Outline' }).check();
			await pair.getByRole('button', { name: /^Corner 1 of 4,/ }).focus();
			for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
			await expect(pair.getByRole('status')).toHaveText(
				'Corner 1 of 4, 43% from the left, 40% from the top'
			);
			await pair.getByRole('button', { name: 'Add a corner after corner 1' }).click();
			await expect(pair.getByRole('button', { name: /^Corner \d of 5,/ })).toHaveCount(5);
			await expect(pair.getByRole('status')).toHaveText(
				'Outline of 5 corners around 51% from the left, 48% from the top.'
			);
			// The new corner has the focus: Delete takes it away again, and one more is added.
			await expect(pair.getByRole('button', { name: /^Corner 2 of 5,/ })).toBeFocused();
			await page.keyboard.press('Delete');
			await expect(pair.getByRole('status')).toHaveText(
				'Corner removed: the outline has 4 corners.'
			);
			await pair.getByRole('button', { name: 'Add a corner after corner 2' }).click();
			await expect(pair.getByRole('button', { name: /^Corner \d of 5,/ })).toHaveCount(5);
		}
		await pair
			.getByLabel('Kind of tell')
			.selectOption({ label: index === 0 ? 'Warped geometry' : 'Text and symbols' });
		await pair.getByLabel('What players should see there').fill(explanation);
		await pair.getByRole('button', { name: 'Save the tell' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'The tell is saved.' })).toBeVisible();
		await expect(
			page.getByRole('article').nth(index).getByRole('listitem').filter({ hasText: explanation })
		).toBeVisible();
	}
	await expect(page.getByRole('link', { name: 'Open the play link' })).toBeVisible();
	// The editor fits the screen's width, a phone's too: nothing to scroll sideways.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
	await expectNoViolations(page, 'pack editor');
	await page.screenshot({ path: testInfo.outputPath('editor.png'), fullPage: true });

	// The preview shows the reveal as players see it, with the tell.
	await page.getByRole('article').first().getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText('The mast melts into the sky.')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('preview.png'), fullPage: true });
	await page.getByRole('link', { name: 'Back to the editor' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');
	// The outline is drawn on the fake as the teacher drew it, not as a box.
	await page.getByRole('article').nth(1).getByRole('link', { name: 'Preview the reveal' }).click();
	await expect(page.getByText('The price tags are gibberish.')).toBeVisible();
	await expect(page.locator('svg polygon').first()).toBeVisible();
	expect(
		(await page.locator('svg polygon').first().getAttribute('points'))!.trim().split(/\s+/)
	).toHaveLength(5);
	await page.screenshot({ path: testInfo.outputPath('preview-outline.png'), fullPage: true });
	await page.getByRole('link', { name: 'Back to the editor' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');

	// And as the projector shows it in a class, at a projector's sizes: the first tell's page,
	// the whole screen without scrolling, the class's answers one page back.
	const viewport = page.viewportSize()!;
	await page.getByRole('article').first().getByRole('link', { name: 'On the projector' }).click();
	const projector = page.getByTestId('projector-preview');
	for (const size of [
		{ width: 1280, height: 720 },
		{ width: 1920, height: 1080 }
	]) {
		await page.setViewportSize(size);
		await expect(projector.getByText('Tell 1 of 1')).toBeVisible();
		await expect(projector.getByText('The mast melts into the sky.')).toBeInViewport();
		expect(
			await projector.evaluate((screen) => screen.scrollHeight - screen.clientHeight)
		).toBeLessThanOrEqual(0);
		await page.screenshot({ path: testInfo.outputPath(`projector-${size.height}p.png`) });
	}
	await expectNoViolations(page, 'projector preview');
	await projector.getByRole('button', { name: 'Back' }).click();
	await expect(projector.getByText(/0 answers/)).toBeVisible();
	await projector.getByRole('link', { name: 'Back to the editor' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');
	await page.setViewportSize(viewport);

	// A phone opens the play link and plays the pack's two rounds.
	const phone = await browser.newContext({ ...devices['Pixel 7'], baseURL });
	const player = await phone.newPage();
	await gotoHydrated(player, new URL(playLink).pathname);
	await expect(player.getByRole('heading', { level: 1 })).toHaveText('Harbour and market');
	await expectNoViolations(player, 'play link');
	const html = await player.content();
	for (const secret of ['Test generator', 'The mast melts', 'A. Teacher', 'made by me']) {
		expect(html).not.toContain(secret);
	}
	await player.getByRole('button', { name: 'Start' }).click();
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);

	for (const round of [0, 1]) {
		await expect(questionOf(player, round)).toBeVisible();
		await expect(player.locator(`[data-round="${round}"] img`).first()).toBeVisible();
		const sources = await player
			.locator(`[data-round="${round}"] img`)
			.evaluateAll((images) => [
				...new Set(
					images.map(
						(image) => (image as HTMLImageElement).currentSrc || (image as HTMLImageElement).src
					)
				)
			]);
		const served = sources.filter((src) => new URL(src).pathname.startsWith('/media/r/'));
		expect(served.length).toBeGreaterThanOrEqual(2);
		const metadata = [];
		for (const src of served) {
			const response = await player.request.get(src);
			expect(response.status()).toBe(200);
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
			metadata.push(`${meta.format} ${meta.width}x${meta.height}`);
		}
		// Both sides at each size: the same format and dimensions.
		expect(new Set(metadata).size).toBeLessThanOrEqual(2);
		expect(metadata.every((line) => /^webp (640x480|1280x960)$/.test(line))).toBe(true);

		await answerRound(player, round, 0);
		await goOn(player);
	}
	await player.waitForURL(/\/play\/[A-Za-z0-9_-]{22}\/results$/);
	await expect(player.getByRole('heading', { level: 1 })).toBeVisible();
	await player.screenshot({ path: testInfo.outputPath('phone-results.png'), fullPage: true });
	// The score link the results' Share button gives, signed for the version just played.
	const runId = new URL(player.url()).pathname.split('/')[2];
	const shared = await player.request.get(`/api/share/runs/${runId}`);
	const { code } = (await shared.json()) as { code: string };

	// Editing the played pack keeps the played version: the run's results still open.
	await gotoHydrated(page, new URL(editorLink).pathname);
	const first = page.getByRole('article').first();
	await first.getByRole('button', { name: 'Change tell 1' }).click();
	await first.getByLabel('What players should see there').fill('The mast bends like rubber.');
	await first.getByRole('button', { name: 'Save the tell' }).click();
	await expect(
		first.getByRole('listitem').filter({ hasText: 'The mast bends like rubber.' })
	).toBeVisible();
	await player.reload();
	await expect(player.getByRole('heading', { level: 1 })).toBeVisible();
	expect((await player.request.get(player.url())).status()).toBe(200);
	await phone.close();

	// The editor exports the pack as a zip for another server's PACKS_DIR.
	const exportLink = page.getByRole('link', { name: 'Export as a zip' });
	const zip = await page.request.get((await exportLink.getAttribute('href'))!);
	expect(zip.status()).toBe(200);
	expect(zip.headers()['content-type']).toBe('application/zip');
	const packId = new URL(playLink).pathname.split('/').pop()!;
	const bytes = await zip.body();
	expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
	expect(bytes.includes(`${packId}/manifest.json`)).toBe(true);
	expect(bytes.includes(MARKER)).toBe(false);
	await importElsewhere(browser, bytes, testInfo.outputPath('export.zip'), files.program);

	// A host chooses the pack for a class session by its play link.
	await gotoHydrated(page, '/host');
	await page.getByLabel('Or your own pack: its play link').fill(playLink);
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	await expect(page.getByText('Harbour and market · 2 rounds')).toBeVisible();
	await page.getByRole('button', { name: 'Check the rounds' }).click();
	const thumbnails = page.locator('img[src^="/media/c/"]');
	await expect(thumbnails.first()).toBeVisible();
	expect(await thumbnails.count()).toBe(4);

	// The edited pack has been played again (a new version); the old score link still verifies.
	await gotoHydrated(page, `/s/${code}`);
	await expect(page.getByText('Verified score', { exact: true })).toBeVisible();
	await expect(page.getByText('This score could not be verified')).toHaveCount(0);

	// The editor link still opens the pack; a wrong one does not.
	await gotoHydrated(page, new URL(editorLink).pathname);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit: Harbour and market');
	const wrong = await page.goto(
		new URL(editorLink).pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
	);
	expect(wrong?.status()).toBe(404);
});
