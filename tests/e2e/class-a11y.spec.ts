import { devices } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { test, expect, gotoHydrated } from './support/fixtures';

/**
 * WCAG 2.2 AA with axe on every screen of a class session, light and dark: the host's setup,
 * lobby, round, reveal, end and report on the desktop, and the student's screens on a phone.
 */

test.skip(({ isMobile }) => isMobile, 'the host screen is the desktop; the phone is made inside');

for (const colorScheme of ['light', 'dark'] as const) {
	test(`every class screen passes axe (${colorScheme})`, async ({
		page: host,
		browser,
		baseURL
	}) => {
		test.setTimeout(180_000);
		await host.emulateMedia({ colorScheme });
		await gotoHydrated(host, '/host');
		await expectNoViolations(host, 'host setup');
		await host.getByLabel('Rounds', { exact: true }).fill('2');
		await host.getByRole('radio', { name: '60 s' }).check();
		await host.getByRole('radio', { name: /^Points/ }).check();
		await host.getByLabel('Show a leaderboard').check();
		await host.getByRole('button', { name: 'Create the session' }).click();
		await host.waitForURL(/\/host$/);
		await host.locator('body[data-hydrated="true"]').waitFor();
		const code = (await host.getByTestId('join-code').innerText()).replace(/\s/g, '');

		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a context takes no browser type
		const { defaultBrowserType, ...pixel } = devices['Pixel 7'];
		const context = await browser.newContext({ ...pixel, baseURL, colorScheme });
		const phone = await context.newPage();
		await gotoHydrated(phone, '/join');
		await expectNoViolations(phone, 'join by code');
		await phone.getByLabel('Class code').fill('000000');
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone.getByRole('alert')).toBeVisible();
		await expectNoViolations(phone, 'join by code, refused');
		await gotoHydrated(phone, '/j/000000');
		await expect(phone.getByRole('alert')).toBeVisible();
		await expectNoViolations(phone, 'short link with a wrong code');
		await gotoHydrated(phone, `/j/${code}`);
		await expectNoViolations(phone, 'nickname');
		await phone.getByLabel('Nickname').fill('Ada');
		await phone.getByRole('button', { name: 'Join with this name' }).click();
		await expect(phone.getByRole('heading', { name: "You're in!" })).toBeVisible();
		await expectNoViolations(phone, 'phone lobby');
		await expect(host.getByRole('heading', { name: '1 student' })).toBeVisible();
		await expectNoViolations(host, 'host lobby');
		await host.getByRole('button', { name: 'Check the rounds' }).click();
		await expect(host.getByRole('dialog', { name: 'The rounds of this session' })).toBeVisible();
		await expectNoViolations(host, 'host, checking the rounds');
		await host.keyboard.press('Escape');
		await host.getByRole('button', { name: 'Teacher tools' }).click();
		await expect(host.getByRole('dialog', { name: 'Teacher tools' })).toBeVisible();
		await expectNoViolations(host, 'host, teacher tools');
		await host.getByRole('button', { name: 'Remove Ada and block their device' }).click();
		await expect(host.getByRole('dialog', { name: "Block Ada's device?" })).toBeVisible();
		await expectNoViolations(host, 'host, confirming a block');
		await host.getByRole('button', { name: 'Cancel' }).click();
		await host.keyboard.press('Escape');
		await expect(host.getByRole('dialog')).toHaveCount(0);

		await host.getByRole('button', { name: /^Start/ }).click();
		await expect(phone.getByRole('radio').first()).toBeVisible();
		await expectNoViolations(phone, 'phone round');
		await expectNoViolations(host, 'host round');
		await phone.getByRole('radio').first().check();
		await phone.getByRole('button', { name: /Fairly sure/ }).click();
		await expect(phone.getByTestId('saved')).toBeVisible();
		await expectNoViolations(phone, 'phone, answer saved');

		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(phone.getByTestId('result')).toBeVisible();
		await expect(host.getByText('right answer')).toBeVisible();
		await expectNoViolations(host, 'host reveal');
		await expectNoViolations(phone, 'phone reveal');

		await host.getByRole('button', { name: 'Next round' }).click();
		await expect(phone.getByRole('radio').first()).toBeVisible();
		await host.getByRole('button', { name: 'End round now' }).click();
		await expect(phone.getByText('No answer from you this round.')).toBeVisible();
		await expectNoViolations(phone, 'phone, round closed without an answer');
		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(phone.getByText('You did not answer this round.')).toBeVisible();
		await host.getByRole('button', { name: 'Finish' }).click();
		await expect(phone.getByRole('heading', { name: /Session over/ })).toBeVisible();
		await expectNoViolations(phone, 'phone end');
		await expectNoViolations(host, 'host end');

		await host.getByRole('link', { name: 'Show the class results' }).click();
		await expect(host.getByTestId('students')).toBeVisible();
		await expectNoViolations(host, 'report');
		await context.close();
	});
}
