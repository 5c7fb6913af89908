import { test, expect, gotoHydrated } from './support/fixtures';

const pages = ['/', '/play', '/play/offline', '/host', '/join', '/learn', '/about'];

test('home page offers every entry point and works by keyboard', async ({ page }) => {
	await gotoHydrated(page, '/');
	await expect(page).toHaveTitle(/Telltale/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	for (const name of ['Play', 'Host a class', 'Join a class', 'Learn', 'About']) {
		await expect(
			page.getByRole('main').getByRole('link', { name: new RegExp(`^${name}`) })
		).toBeVisible();
	}

	// The first Tab lands on the skip link, which moves focus to the main content.
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test('the home page fits the viewport without sideways scrolling and allows zoom', async ({
	page
}) => {
	await gotoHydrated(page, '/');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
	expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);
});

test('the join forms fit the screen without sideways scrolling', async ({ page }) => {
	// The code form, and the same form after a short link with a wrong code.
	for (const path of ['/join', '/j/000001']) {
		await gotoHydrated(page, path);
		await expect(page.getByLabel('Class code')).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
});

test('pages carry the security headers', async ({ request }) => {
	for (const path of pages) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		const headers = response.headers();
		const csp = headers['content-security-policy'];
		expect(csp, path).toContain("default-src 'self'");
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("object-src 'none'");
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
		expect(scriptSrc, path).not.toContain('unsafe-inline');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('same-origin');
		expect(headers['permissions-policy'], path).toContain('camera=()');
	}
});

test('pages arrive gzip-compressed for a browser that accepts it', async ({ request }) => {
	for (const path of pages) {
		const response = await request.get(path, { headers: { 'accept-encoding': 'gzip, br' } });
		expect(response.headers()['content-encoding'], path).toBe('gzip');
		expect(response.headers()['vary'], path).toContain('Accept-Encoding');
		expect(await response.text(), path).toContain('</html>');
	}
});

test('each page loads without requests to other origins or console errors', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	for (const path of pages) {
		await gotoHydrated(page, path);
		await page.waitForLoadState('networkidle');
	}
	// The fixture fails the test on any foreign request; console errors include CSP violations.
	expect(errors).toEqual([]);
});

test('healthz reports the version and a working database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.app).toBe('telltale');
	expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
	expect(body.database.ok).toBe(true);
	expect(body.database.schemaVersion).toBeGreaterThanOrEqual(1);
});

test('the About page credits the sound effects in the same words as the play page', async ({
	page
}) => {
	await gotoHydrated(page, '/play');
	const credit = (await page.getByText(/^Sound effects:/).innerText()).trim();
	expect(credit).toMatch(/SoX.*CC0/);
	await gotoHydrated(page, '/about');
	const credits = page.getByRole('region', { name: 'Credits' });
	await expect(credits.getByText(credit, { exact: true })).toBeVisible();
});
