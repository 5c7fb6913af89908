import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const OUT = 'build';

/**
 * adapter-node, minus every pack's manifest.json in the served static files. A manifest holds the
 * answer to every round; it lives beside its media in static/packs so the server loads one folder
 * (PACKS_DIR), but the browser may only ever get a pack's practice pool, from
 * /packs/<id>/practice.json. (`vite dev` still serves static/ as it is: development only.)
 * @param {import('@sveltejs/kit').Adapter} base
 * @returns {import('@sveltejs/kit').Adapter}
 */
function withoutAnswerKeys(base) {
	return {
		...base,
		async adapt(builder) {
			await base.adapt(builder);
			const packs = path.join(OUT, 'client', 'packs');
			if (!existsSync(packs)) return;
			for (const pack of readdirSync(packs)) {
				// With the .gz and .br copies that precompress wrote.
				for (const suffix of ['', '.gz', '.br']) {
					rmSync(path.join(packs, pack, `manifest.json${suffix}`), { force: true });
				}
			}
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: withoutAnswerKeys(adapter({ out: OUT, precompress: true })),
		// Pages carry their few KB of CSS inline: no render-blocking stylesheet request before the
		// first paint on a slow phone network.
		inlineStyleThreshold: 10 * 1024,
		// Solo play registers it itself, once the page is idle ($lib/client/offline-copy.ts).
		serviceWorker: { register: false },
		// Kit adds a hash for every script it inlines, so no page needs 'unsafe-inline' scripts.
		// Styles may be inline because Svelte writes style attributes for transitions and overlays.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
