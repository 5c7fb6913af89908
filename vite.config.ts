import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { hotPath } from './src/lib/server/http/hot-path.js';
import { securityHeaders } from './src/lib/server/http/security-headers.js';

/**
 * Marks every script the browser gets with V8's explicit compile hint. Without it, a cold page
 * compiles each function on the main thread the first time it is called, and most of the app's
 * functions are first called while the page hydrates: that compiling was about half of a round's
 * hydration task on a phone (BENCHMARKS.md). With the hint, Chrome 136 and later compile the
 * whole file on the background thread that streams it in; other browsers ignore the comment.
 * The client's chunks are split by route, so a page's scripts are mostly code that page runs;
 * what a library chunk holds and the page never calls is compiled too, on that background thread
 * (the main thread waits for it only if it needs the file before its compile is done).
 */
function compileHints(): Plugin {
	return {
		name: 'telltale:compile-hints',
		apply: 'build',
		// Last: after minification, which would drop the comment, and after Vite's own additions
		// to the top of a chunk.
		generateBundle: {
			order: 'post',
			handler(_options, bundle) {
				if (this.environment.config.consumer !== 'client') return;
				for (const file of Object.values(bundle)) {
					if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
				}
			}
		}
	};
}

/**
 * The class's hot path (src/lib/server/class/hot-path.ts) in front of SvelteKit under `vite dev`
 * and `vite preview`, as src/server.js puts it in production: the same handler, on the app's one
 * class hub, with the same security headers. The app registers it when SvelteKit starts it (the
 * hooks' init): `vite preview` does so at start-up; `vite dev` at its first request, so a first
 * request meant for the hot path starts the app the same way, through the same hooks module.
 */
const CLASS_ADDRESS = /\/class\//;

function classHotPath(): Plugin {
	const serve = (request: IncomingMessage, response: ServerResponse, next: () => void): boolean => {
		const handler = hotPath();
		if (!handler || !CLASS_ADDRESS.test(request.url ?? '')) return false;
		// As src/server.js does for every response; SvelteKit's hook sets the same for its own.
		for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
		return handler(request, response, {
			scheme: 'http',
			address: () => request.socket.remoteAddress ?? '',
			kit: next
		});
	};
	return {
		name: 'telltale:class-hot-path',
		configureServer(vite) {
			vite.middlewares.use(async (request, response, next) => {
				try {
					if (!hotPath() && CLASS_ADDRESS.test(request.url ?? '')) {
						const hooks = await vite.ssrLoadModule('/src/hooks.server.ts');
						await hooks.init();
					}
					if (!serve(request, response, next)) next();
				} catch (error) {
					next(error);
				}
			});
		},
		configurePreviewServer(preview) {
			preview.middlewares.use((request, response, next) => {
				if (!serve(request, response, next)) next();
			});
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		compileHints(),
		classHotPath(),
		// Under Vitest the messages are compiled beforehand (`npm run i18n`, same strategy): the
		// plugin's file watcher would otherwise keep the test process from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				// Every URL names its locale (a path without a prefix is the base locale), so the URL
				// always decides. No cookie strategy: Paraglide would write one from inside the first
				// message each page renders (a synchronous write during hydration). The language
				// switch writes it only when a player chooses, and the server reads it only for an
				// address without a language (src/lib/server/http/locale-choice.ts).
				strategy: ['url', 'baseLocale']
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
