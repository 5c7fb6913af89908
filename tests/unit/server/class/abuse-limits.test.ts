import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/store/db';
import { RUN_STARTS, takeRunStart } from '$lib/server/class/limits';
import { RunStore } from '$lib/server/play/runs';
import { SqliteRunRecords } from '$lib/server/play/store';
import { ClassHub } from '$lib/server/class/hub';
import { SqliteClassRecords } from '$lib/server/class/store';
import { parseSessionSettings } from '$lib/game/class/settings';
import { loadPackStore } from '$lib/server/packs/store';

/** Any key: media addresses only have to match within one store. */
const MEDIA_KEY = new Uint8Array(32).fill(7);

const onlinePack = () =>
	loadPackStore(path.resolve('static/packs'), () => {}).online.get('default')!;

const freshDb = () => openDatabase(mkdtempSync(path.join(tmpdir(), 'telltale-caps-')));

describe('solo run starts per address', () => {
	it('allow a class-sized burst, then make the address wait', async () => {
		for (let i = 0; i < RUN_STARTS.capacity; i++)
			expect(await takeRunStart('198.51.100.7')).toBe(0);
		expect(await takeRunStart('198.51.100.7')).toBeGreaterThan(0);
		// Another address is not held back by this one.
		expect(await takeRunStart('198.51.100.8')).toBe(0);
	});

	it('count an IPv6 /64 as one address', async () => {
		for (let i = 0; i < RUN_STARTS.capacity; i++) {
			expect(await takeRunStart(`2001:db8:1:2::${i.toString(16)}`)).toBe(0);
		}
		expect(await takeRunStart('2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
		expect(await takeRunStart('2001:db8:1:3::1')).toBe(0);
	});

	it('keep a script to tens of thousands of runs a day, not millions', () => {
		const perDay = RUN_STARTS.capacity + RUN_STARTS.perSecond * 86_400;
		expect(perDay).toBeLessThan(50_000);
	});
});

describe('storage caps', () => {
	it('refuse new runs once the database holds the cap, and only then', async () => {
		const pack = onlinePack();
		const store = new RunStore({
			records: new SqliteRunRecords(freshDb()),
			getPack: async (id) => (id === pack.id ? pack : undefined),
			defaultPackId: pack.id,
			ttlDays: 30,
			mediaKey: MEDIA_KEY,
			maxRuns: 3
		});
		for (let i = 0; i < 3; i++) expect((await store.createRun({ options: {} })).ok).toBe(true);
		expect(await store.createRun({ options: {} })).toMatchObject({ ok: false, problem: 'full' });
	});

	it('at the cap, make room by deleting runs abandoned unfinished for an hour, not finished ones', async () => {
		const pack = onlinePack();
		let clock = 1_700_000_000_000;
		const store = new RunStore({
			records: new SqliteRunRecords(freshDb()),
			getPack: async (id) => (id === pack.id ? pack : undefined),
			defaultPackId: pack.id,
			ttlDays: 30,
			mediaKey: MEDIA_KEY,
			maxRuns: 2,
			now: () => clock
		});
		const finished = await store.createRun({ options: { count: 1 } });
		if (!finished.ok) throw new Error(finished.error);
		await store.serveRound((await store.getRun(finished.run.id))!, 'en');
		const answer = finished.run.run.rounds[0].type === 'pair' ? 'left' : 'real';
		await store.recordVerdict({
			runId: finished.run.id,
			verdict: { round: 0, answer, confidence: 0.7 },
			locale: 'en'
		});
		const abandoned = await store.createRun({ options: {} });
		if (!abandoned.ok) throw new Error(abandoned.error);
		clock += 30 * 60 * 1000;
		expect(await store.createRun({ options: {} })).toMatchObject({ ok: false, problem: 'full' });
		clock += 31 * 60 * 1000;
		expect((await store.createRun({ options: {} })).ok).toBe(true);
		expect(await store.getRun(abandoned.run.id)).toBeNull();
		expect((await store.getRun(finished.run.id))?.finishedAt).not.toBeNull();
	});

	it('refuse new class sessions once the database holds the cap', async () => {
		const pack = onlinePack();
		const hub = new ClassHub({
			records: new SqliteClassRecords(freshDb()),
			getPack: (id) => (id === pack.id ? pack : undefined),
			ttlDays: 7,
			mediaKey: MEDIA_KEY,
			maxSessions: 2
		});
		const settings = parseSessionSettings({ packId: pack.id });
		if (!settings.ok) throw new Error(settings.error);
		expect((await hub.create(settings.settings)).ok).toBe(true);
		expect((await hub.create(settings.settings)).ok).toBe(true);
		expect(await hub.create(settings.settings)).toEqual({ ok: false, problem: 'full' });
	});
});
