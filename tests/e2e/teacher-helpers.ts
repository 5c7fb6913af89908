/**
 * What the teacher-pack specs do alike: make media with ffmpeg, create a pack, and add a
 * picture, voice or video through the editor's upload form as a teacher fills it in.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, gotoHydrated } from './support/fixtures';

/** Runs ffmpeg (tests/support/ensure-ffmpeg.js) and returns its standard error. */
export function ffmpeg(args: string[]): string {
	const run = spawnSync('ffmpeg', ['-hide_banner', '-y', ...args], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(run.stderr);
	return run.stderr;
}

/** The mean level ffmpeg measures for a file's sound, in dB. */
export function meanVolume(file: string): number {
	const report = ffmpeg(['-i', file, '-af', 'volumedetect', '-vn', '-f', 'null', '-']);
	return Number(/mean_volume: (-?[\d.]+) dB/.exec(report)![1]);
}

/** Creates a pack on /packs/new; returns the editor's path and the play link. */
export async function createPack(
	page: Page,
	title: string
): Promise<{ editorPath: string; playLink: string }> {
	await gotoHydrated(page, '/packs/new');
	await page.getByLabel('Title of the pack').fill(title);
	await page.getByRole('button', { name: 'Create the pack' }).click();
	await page.waitForURL(/\/packs\/edit\/[A-Za-z0-9_-]{43}\?created$/);
	return {
		editorPath: new URL(page.url()).pathname,
		playLink: await page.getByLabel('Play link (share it)').inputValue()
	};
}

export interface Upload {
	file: string;
	truth: 'Real' | 'Synthetic';
	madeWith: string;
	alt: string;
	/** What made a synthetic item. */
	tool?: string;
	/** Every word a voice (or a video) says. */
	transcript?: string;
}

/** The form's words for each kind of item: its button, its description and transcript fields. */
const FORM = {
	picture: {
		button: 'Add the picture',
		alt: 'Describe the picture for people who cannot see it',
		transcript: ''
	},
	voice: {
		button: 'Add the voice',
		alt: 'Describe the recording without its words',
		transcript: 'Transcript: every word the voice says'
	},
	video: {
		button: 'Add the video',
		alt: 'Describe the video for people who cannot see it',
		transcript: 'Transcript: every word spoken in the video'
	}
} as const;

/** Picks the file and fills the upload form as a teacher does, then sends it. */
export async function addItem(page: Page, kind: keyof typeof FORM, item: Upload): Promise<void> {
	const form = FORM[kind];
	await page.locator('input[type=file]').setInputFiles(item.file);
	// Voices and videos are converted by the page's script, which shows their own button.
	await expect(page.getByRole('button', { name: form.button })).toBeVisible();
	await page.getByRole('radio', { name: item.truth, exact: true }).check();
	await page.getByLabel('How was it made?').selectOption({ label: item.madeWith });
	if (item.truth === 'Synthetic') {
		await page.getByLabel('What made it').fill(item.tool ?? 'Test generator v1');
	}
	await page.getByLabel('Where it comes from').fill('made by me');
	await page.getByLabel('Who made it').fill('A. Teacher');
	await page.getByLabel('Licence or permission').fill('CC BY 4.0');
	await page.getByLabel(form.alt).fill(item.alt);
	if (item.transcript) await page.getByLabel(form.transcript).fill(item.transcript);
	await page.getByRole('button', { name: form.button }).click();
}

/**
 * Sends `file` as a real picture and expects it refused with `reason`: what a program or a
 * drawing named like a medium gets, since the page's script sends it to the server as it is.
 */
export async function refusedPicture(page: Page, file: string, reason: RegExp): Promise<void> {
	await addItem(page, 'picture', {
		file,
		truth: 'Real',
		madeWith: 'Taken with a camera or phone',
		alt: 'x'
	});
	await expect(page.getByRole('alert')).toContainText(`${path.basename(file)} was not added`);
	await expect(page.getByRole('alert')).toContainText(reason);
}
