import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { createPack, recording } from './teacher-helpers';

/**
 * A browser without JavaScript is told that voices and videos need it (the browser converts
 * them), and a recording it sends anyway is refused with that reason. Voices with JavaScript are
 * part of the whole teacher flow (teacher-flow.spec.ts).
 */

test.skip(({ isMobile }) => isMobile, 'the editor is the same page on a phone');

test('without JavaScript, the editor says voices need it and refuses a recording with that reason', async ({
	page,
	browser,
	baseURL
}) => {
	const dir = mkdtempSync(path.join(tmpdir(), 'telltale-teacher-voices-'));
	const file = recording(path.join(dir, 'interview.wav'), {
		seconds: 1,
		volume: 0.1,
		args: ['-c:a', 'pcm_s16le']
	});
	const { editorPath } = await createPack(page, 'Voices of the week');

	const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await plain.goto(editorPath);
	await expect(
		plain.getByText(
			'Voices and videos need JavaScript: your browser converts them before they are sent. Pictures work without it.'
		)
	).toBeVisible();
	await plain.locator('input[type=file]').setInputFiles(file);
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
