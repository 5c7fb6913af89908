import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		// Under Vitest the messages are compiled beforehand (`npm run i18n`): the plugin's file
		// watcher would otherwise keep the test process from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['url', 'cookie', 'baseLocale']
			})
	],
	server: { port: 3000 },
	build: {
		// Vite's helper adds a <link rel="modulepreload"> to the page for every chunk a page's code
		// imports, all at once while SvelteKit starts: on a phone that is the longest task of a
		// round's start-up (BENCHMARKS.md). Server-rendered pages already list their chunks in the
		// Link header, and links preload the next page's code on hover, so the browser fetches
		// what it needs without it.
		modulePreload: false
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts']
				}
			},
			{
				extends: true,
				// Components need Svelte's browser build, or mount() has no lifecycle functions.
				resolve: { conditions: ['browser'] },
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['tests/component/**/*.test.ts']
				}
			}
		]
	}
});
