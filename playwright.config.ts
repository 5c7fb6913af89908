import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/support/chromium.js';
import { E2E_DATA_DIR, E2E_PORT } from './tests/e2e/support/ports.js';

const serverOnly = '**/*.server.spec.ts';
const launchOptions = { executablePath: chromiumPath(), args: chromiumArgs };

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://127.0.0.1:${E2E_PORT}`,
		trace: 'retain-on-failure',
		launchOptions
	},
	projects: [
		{
			name: 'desktop',
			testIgnore: serverOnly,
			use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions }
		},
		{
			name: 'phone',
			testIgnore: serverOnly,
			use: { ...devices['Pixel 7'], launchOptions }
		},
		{
			// Restarts and other server behaviour: no viewport involved, so they run once.
			name: 'server',
			testMatch: serverOnly
		}
	],
	webServer: {
		// npm start's own script: builds when the sources changed, then serves the production build.
		command: `rm -rf ${E2E_DATA_DIR} && node src/start.js`,
		url: `http://127.0.0.1:${E2E_PORT}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		// As README runs it: no ORIGIN, no proxy settings, listening on every address. PORT and
		// DATA_DIR only keep the suite apart from a game running on this machine.
		env: {
			PORT: String(E2E_PORT),
			DATA_DIR: E2E_DATA_DIR
		}
	}
});
