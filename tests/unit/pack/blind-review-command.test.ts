// `npm run pack:review` on the default pack: the page a reviewer opens says nothing of the answers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ReviewAnswer, ReviewKey } from '$lib/game/pack/blind-review';
import { pack } from './default-pack';

const folder = mkdtempSync(path.join(tmpdir(), 'telltale-review-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function review(...args: string[]) {
	const run = spawnSync('npx', ['tsx', 'src/cli/pack-review.ts', ...args], { encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	return run.stdout;
}

// Two tsx start-ups: allowed a minute on a loaded machine.
test(
	'makes a blind voice review whose page hides the answers, and scores it',
	{ timeout: 60_000 },
	() => {
		const out = path.join(folder, 'voices');
		review('make', out, '--kind', 'audio', '--per-tier', '4');
		const key = JSON.parse(readFileSync(path.join(out, 'key.json'), 'utf8')) as ReviewKey[];
		expect(key).toHaveLength(12);

		const page = readFileSync(path.join(out, 'index.html'), 'utf8');
		expect(page.match(/<audio /g)).toHaveLength(24);
		const media = readdirSync(path.join(out, 'media')).sort();
		expect(media).toEqual(
			key.flatMap(({ round }) => [`r${round}-a.opus`, `r${round}-b.opus`]).sort()
		);
		// Nothing on the page or in a file name names a pair, an item, a tier, a method or the truth.
		const items = pack().items;
		for (const text of [page, media.join(' ')]) {
			for (const round of key) expect(text).not.toContain(round.pairId);
			for (const item of items) expect(text).not.toContain(item.id);
			expect(text).not.toMatch(/synthetic|espeak|festival|splice|tier/i);
		}

		const answers: ReviewAnswer[] = key.map((round) => ({
			round: round.round,
			fake: round.fake,
			plain: round.tier
		}));
		writeFileSync(path.join(folder, 'answers.json'), JSON.stringify(answers));
		const printed = review('score', out, '--answers', path.join(folder, 'answers.json'));
		expect(printed).toContain('fake picked: 12 of 12');
		expect(printed).toContain('rated as its tier: 12 of 12; two apart: 0 of 12');
	}
);
