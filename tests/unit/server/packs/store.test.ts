import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { loadPackStore } from '$lib/server/packs/store';

describe('loadPackStore', () => {
	test('loads the valid packs and reports each broken one, without throwing', () => {
		const report = vi.fn();
		const store = loadPackStore('tests/fixtures/packs', report);
		expect([...store.packs.keys()]).toEqual(['tiny']);
		expect(store.problems).toHaveLength(3);
		expect(report).toHaveBeenCalledTimes(3);
		const [media, schema, none] = store.problems;
		expect(media).toMatch(
			/^Telltale: skipped the pack in tests\/fixtures\/packs\/broken-media \(7 problems\):\n/
		);
		expect(media).toContain(
			'tests/fixtures/packs/broken-media/manifest.json: items[0].media[0].src: file not found: media/00000000deadbeef.webp'
		);
		expect(schema).toMatch(/broken-schema \(21 problems\):\n/);
		expect(schema.split('\n')).toHaveLength(22);
		expect(none).toContain('no-manifest/manifest.json: not found');
	});

	test('a missing packs folder is reported, not thrown', () => {
		const report = vi.fn();
		const root = path.join(tmpdir(), 'telltale-no-such-packs-folder');
		const store = loadPackStore(root, report);
		expect(store.packs.size).toBe(0);
		expect(report.mock.calls.map(([message]) => message)).toEqual([
			expect.stringMatching(
				/^Telltale: cannot read the packs folder .*telltale-no-such-packs-folder: ENOENT/
			)
		]);
		expect(store.problems).toEqual([report.mock.calls[0][0]]);
	});

	test('an empty packs folder says there is nothing to play', () => {
		const root = mkdtempSync(path.join(tmpdir(), 'telltale-packs-'));
		try {
			const report = vi.fn();
			expect(loadPackStore(root, report).packs.size).toBe(0);
			expect(report).toHaveBeenCalledWith(
				`Telltale: no valid pack in ${root}; the game has nothing to play`
			);
		} finally {
			rmSync(root, { recursive: true });
		}
	});
});

/**
 * Fresh modules with PACKS_DIR set. Under Vite, $env/dynamic/private is an object built when the
 * module loads (not process.env), so the test sets the variable on that object.
 */
async function usePacksDir(dir: string): Promise<void> {
	vi.resetModules();
	const { env } = await import('$env/dynamic/private');
	env.PACKS_DIR = dir;
}

describe('the process-wide store', () => {
	test('reads PACKS_DIR once and answers getPack, listPacks and defaultPack', async () => {
		await usePacksDir('tests/fixtures/packs');
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const packs = await import('$lib/server/packs/store');
			expect((await packs.getPack('tiny'))?.title).toBe('Fixture pack tiny');
			expect(await packs.getPack('broken-media')).toBeUndefined();
			expect(packs.listPacks('en')).toEqual([
				{
					id: 'tiny',
					version: '1.2.3',
					title: { text: 'Fixture pack tiny', lang: 'en' },
					language: 'en',
					kinds: ['image', 'audio', 'video'],
					topics: ['face', 'scene', 'voice', 'video'],
					pairs: 6
				}
			]);
			// No pack called "default" here: the first by id stands in.
			expect(packs.defaultPack().id).toBe('tiny');
			expect(errors).toHaveBeenCalledTimes(3);
			packs.listPacks('en');
			expect(errors).toHaveBeenCalledTimes(3);
		} finally {
			errors.mockRestore();
		}
	});

	test('defaultPack throws a clear error when no pack loaded', async () => {
		await usePacksDir(path.join(tmpdir(), 'telltale-no-such-packs-folder'));
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const packs = await import('$lib/server/packs/store');
			expect(packs.listPacks('en')).toEqual([]);
			expect(() => packs.defaultPack()).toThrow(
				'Telltale has no valid pack to play; see the start-up log for why'
			);
		} finally {
			errors.mockRestore();
		}
	});
});
