import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRun } from '$lib/game/play/run';
import { roundForPlayer } from '$lib/game/play/round';
import {
	mediaAddress,
	mediaKey,
	resolveMedia,
	type MediaOwner
} from '$lib/server/packs/media-links';
import { byteRange } from '$lib/server/packs/media-response';
import { loadPackStore } from '$lib/server/packs/store';

const pack = loadPackStore(path.resolve('static/packs'), () => {}).online.get('default')!;
const key = mediaKey(new Uint8Array(32).fill(1));
const run = buildRun(pack, {
	seed: 42,
	mode: 'pairs',
	count: 10,
	difficulty: 'any',
	kinds: ['image', 'audio', 'video']
});
const owner: MediaOwner = { scope: 'r', id: 'A'.repeat(22) };
const addressOf = (who: MediaOwner) => (src: string) => mediaAddress(key, who, pack.id, src);
const srcsOf = (who: MediaOwner) =>
	run.rounds.flatMap((round) =>
		roundForPlayer(round, pack, 'en', addressOf(who)).items.flatMap((item) =>
			item.media.map((m) => m.src)
		)
	);

describe('media addresses', () => {
	it('carry nothing of the pack path or the item', () => {
		for (const src of srcsOf(owner)) {
			expect(src).toMatch(/^\/media\/r\/A{22}\/[A-Za-z0-9_-]{22}$/);
			expect(src).not.toContain('packs');
		}
	});

	it('differ for every run and session, for the same rendition', () => {
		const a = srcsOf(owner);
		const b = srcsOf({ scope: 'r', id: 'B'.repeat(22) });
		const c = srcsOf({ scope: 'c', id: 'A'.repeat(22) });
		const tokens = (list: string[]) => new Set(list.map((src) => src.split('/').pop()));
		for (const other of [b, c]) {
			expect([...tokens(a)].filter((token) => tokens(other).has(token))).toEqual([]);
		}
	});

	it('resolve back to their rendition for their owner only', () => {
		const first = run.rounds[0];
		const id = first.type === 'pair' ? first.items[1] : first.itemId;
		const rendition = pack.items.find((item) => item.id === id)!.media[0];
		const token = mediaAddress(key, owner, pack.id, rendition.src).split('/').pop()!;
		expect(resolveMedia(key, owner, pack, run.rounds, token)).toEqual(rendition);
		expect(
			resolveMedia(key, { scope: 'r', id: 'B'.repeat(22) }, pack, run.rounds, token)
		).toBeUndefined();
		expect(
			resolveMedia(mediaKey(new Uint8Array(32)), owner, pack, run.rounds, token)
		).toBeUndefined();
		for (const bad of ['', 'x', token.slice(1), `${token}A`, '../../manifest.json', '%2e%2e']) {
			expect(resolveMedia(key, owner, pack, run.rounds, bad)).toBeUndefined();
		}
	});

	it("resolve only renditions of the owner's own rounds", () => {
		const shown = new Set(run.rounds.flatMap((r) => (r.type === 'pair' ? r.items : [r.itemId])));
		const other = pack.items.find((item) => !shown.has(item.id))!;
		const token = mediaAddress(key, owner, pack.id, other.media[0].src).split('/').pop()!;
		expect(resolveMedia(key, owner, pack, run.rounds, token)).toBeUndefined();
	});
});

describe('byteRange', () => {
	it('reads the ranges media elements ask for', () => {
		expect(byteRange(null, 100)).toBeNull();
		expect(byteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
		expect(byteRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
		expect(byteRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
		expect(byteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
		expect(byteRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
	});

	it('answers the whole file for what it does not read, and refuses ranges past the end', () => {
		expect(byteRange('bytes=0-1,5-6', 100)).toBeNull();
		expect(byteRange('items=0-1', 100)).toBeNull();
		expect(byteRange('bytes=-', 100)).toBeNull();
		expect(byteRange('bytes=100-', 100)).toBe('unsatisfiable');
		expect(byteRange('bytes=20-10', 100)).toBe('unsatisfiable');
		expect(byteRange('bytes=-0', 100)).toBe('unsatisfiable');
	});
});
