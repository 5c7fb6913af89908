import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, gotoHydrated, test } from './support/fixtures';
import { addItem, clip, createPack, type Upload } from './teacher-helpers';

/**
 * A video pair whose fake stands out by its look: a blurred, dim real beside a sharp fake, made
 * here by ffmpeg. The server decodes no video, so the editor's browser measures the converted
 * frames and sends the numbers with the upload; the pair is warned of from them, and again once
 * exported and imported (a zip carries no measure: the imported pack's editor measures again).
 * The rest of a video's way through the editor is in teacher-flow.spec.ts.
 */

let files: Record<string, string>;

test.beforeAll(() => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-video-look-'));
	const at = (name: string) => path.join(dir, name);
	files = {
		dir,
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
		})
	};
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
