import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Pages carry their few KB of CSS inline: no render-blocking stylesheet request before the
		// first paint on a slow phone network.
		inlineStyleThreshold: 10 * 1024,
		// static/register-sw.js registers it on every page, scripted or not, once the page is idle.
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
