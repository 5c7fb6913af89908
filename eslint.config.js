import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'static/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'bench-results/',
			'.pack-build/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'svelte/button-has-type': 'error',
			// Links and goto() take localizeHref(resolve(...)): the route through resolve(), then the
			// page's language prefix (/zh-CN/...), which the rule cannot see through.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true, ignoreGoto: true }]
		}
	},
	{
		// Layers: what runs in the browser never imports server code, not even its types (shared
		// types live in src/lib/game). SvelteKit refuses $lib/server in client code only at build
		// time and only for what is bundled; this says so in the editor, for every file.
		files: ['src/lib/components/**', 'src/lib/client/**', '**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/server/**'],
							message:
								'Server code stays on the server: put what the browser needs in src/lib/game (rules, types) or src/lib/i18n (words).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
