// Merges the parts' fragments and the translations (src/recipe/translations/<locale>.json, each
// a map from an English text of the pack to its translation) into static/packs/default/manifest.json,
// deletes media that no item references, and validates the result against the game's pack schema.
// Run with `npx tsx src/recipe/assemble.ts` after the parts.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	formatPackErrors,
	validatePack,
	type Credit,
	type Item,
	type Pair
} from '../lib/game/pack/schema';
import { readFragment, type Fragment } from './common/fragment';
import { PACK_DIR, WORK_DIR } from './common/media-store';
import { choosePracticePairs } from './common/practice';
import { pictureAndVideoSources } from './common/sources';
import { measuredTiers } from './common/tiers';

/** The parts in build order; each writes .pack-build/fragments/<part>.json. */
export const PARTS = ['faces', 'scenes', 'video', 'voices'] as const;

const RECIPE_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The manifest's fixed header. Bump `version` whenever the pack's content changes, and with it
 * `draw` when a new draw rule should deal its runs (a played version keeps its rule: format.ts).
 */
const HEADER = {
	formatVersion: 1,
	id: 'default',
	version: '1.8.0',
	draw: 'kind-shares',
	title: 'Telltale starter pack',
	language: 'en'
} as const;

/** The translations, by locale: every src/recipe/translations/<locale>.json, in name order. */
export function readTranslations(): Record<string, Record<string, string>> {
	const dir = path.join(RECIPE_DIR, 'translations');
	if (!existsSync(dir)) return {};
	return Object.fromEntries(
		readdirSync(dir)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => [
				name.slice(0, -'.json'.length),
				JSON.parse(readFileSync(path.join(dir, name), 'utf8'))
			])
	);
}

function licenceSummary(items: Item[]): string {
	const licences = [...new Set(items.map((item) => item.provenance.licence))].sort();
	return (
		`Mixed: see each item's provenance. Licences of the sources: ${licences.join(', ')}. ` +
		'Each synthetic item is a derivative of its sources and keeps their licence ' +
		'(share-alike where the source requires it).'
	);
}

/** Builds the manifest from every fragment present and writes it; returns the problems found. */
export function assemble(): { missing: string[] } {
	const fragments: Fragment[] = [];
	const missing: string[] = [];
	for (const part of PARTS) {
		if (!existsSync(path.join(RECIPE_DIR, part, 'build.ts'))) continue;
		if (existsSync(path.join(WORK_DIR, 'fragments', `${part}.json`))) {
			fragments.push(readFragment(part));
		} else {
			missing.push(part);
		}
	}
	const items = fragments.flatMap((f) => f.items as Item[]);
	const known = pictureAndVideoSources();
	const planned = fragments.flatMap((f) => f.pairs as Pair[]);
	// Each topic's tiers come from its fakes' measured difficulty (common/tiers.ts), not the plans.
	const tiers = measuredTiers(items, planned);
	const pairs = planned.map((pair) => ({
		...pair,
		tier: tiers.get(pair.id) ?? pair.tier,
		sources: pair.sources ?? known.get(pair.id)
	}));
	const credits: Credit[] = [];
	for (const credit of fragments.flatMap((f) => f.credits as Credit[])) {
		if (!credits.some((c) => c.name === credit.name)) credits.push(credit);
	}
	// Items can appear in more than one pair (and so more than once across fragments): keep one.
	const byId = new Map(items.map((item) => [item.id, item]));
	const practice = choosePracticePairs([...byId.values()], pairs);
	const manifest = {
		...HEADER,
		licence: licenceSummary([...byId.values()]),
		credits,
		items: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)),
		pairs: pairs
			.map((pair) => (practice.has(pair.id) ? { ...pair, practice: true } : pair))
			.sort((a, b) => a.id.localeCompare(b.id)),
		translations: readTranslations()
	};

	const file = path.join(PACK_DIR, 'manifest.json');
	const result = validatePack(manifest, path.relative(process.cwd(), file));
	if (!result.ok)
		throw new Error(`the assembled pack is not valid:\n${formatPackErrors(result.errors)}`);

	const referenced = new Set(manifest.items.flatMap((item) => item.media.map((m) => m.src)));
	for (const src of referenced) {
		if (!existsSync(path.join(PACK_DIR, src))) throw new Error(`${src} is referenced but missing`);
	}
	writeFileSync(file, JSON.stringify(manifest, null, '\t') + '\n');

	// Media of earlier runs that nothing references any more. With a fragment missing, its files
	// would look unreferenced, so nothing is deleted then.
	if (missing.length === 0) {
		for (const name of readdirSync(path.join(PACK_DIR, 'media'))) {
			if (!referenced.has(`media/${name}`)) rmSync(path.join(PACK_DIR, 'media', name));
		}
	}
	return { missing };
}

function packBytes(): number {
	const media = path.join(PACK_DIR, 'media');
	return readdirSync(media).reduce(
		(sum, name) => sum + statSync(path.join(media, name)).size,
		statSync(path.join(PACK_DIR, 'manifest.json')).size
	);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { missing } = assemble();
	const manifest = JSON.parse(readFileSync(path.join(PACK_DIR, 'manifest.json'), 'utf8'));
	console.log(
		`assembled ${manifest.items.length} items, ${manifest.pairs.length} pairs, ${(packBytes() / 1e6).toFixed(2)} MB`
	);
	if (missing.length > 0) {
		console.warn(
			`missing fragments (run those parts first): ${missing.join(', ')}; no media deleted`
		);
	}
}
