import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pack } from '$lib/game/pack/schema';
import { tellCategoriesOf } from '$lib/game/play/run';
import { parseSessionSettings } from '$lib/game/class/settings';
import { openDatabase, type Db } from '$lib/server/store/db';
import { migrateData } from '$lib/server/store/data-migrations';
import { ClassHub } from '$lib/server/class/hub';
import { SqliteClassRecords } from '$lib/server/class/store';
import { classPack } from '../../game/class-pack';

const pack = classPack();
const packs = { getPack: (id: string): Pack | undefined => (id === pack.id ? pack : undefined) };

let db: Db;

beforeEach(() => {
	db = openDatabase(mkdtempSync(path.join(tmpdir(), 'telltale-data-')));
});

afterEach(() => db.close());

/** A class session as stored, its id and its rounds as planned. */
async function storedSession(): Promise<{ id: string; rounds: unknown[] }> {
	const hub = new ClassHub({
		records: new SqliteClassRecords(db),
		getPack: packs.getPack,
		ttlDays: 7,
		mediaKey: new Uint8Array(32).fill(7)
	});
	const settings = parseSessionSettings({ packId: pack.id, rounds: 6, mode: 'mixed' });
	if (!settings.ok) throw new Error(settings.error);
	const created = await hub.create(settings.settings);
	if (!created.ok) throw new Error(created.problem);
	const { id, record } = (await hub.get(created.id))!;
	await hub.stop();
	return { id, rounds: structuredClone(record.rounds) };
}

type StoredRound = { pairId: string; categories?: unknown };

function roundsOf(id: string): StoredRound[] {
	const row = db.prepare('SELECT settings_json FROM class_sessions WHERE id = ?').get(id) as {
		settings_json: string;
	};
	return (JSON.parse(row.settings_json) as { rounds: StoredRound[] }).rounds;
}

/** Makes the session look as one stored before rounds carried their tell categories. */
function dropCategories(id: string): void {
	const row = db.prepare('SELECT settings_json FROM class_sessions WHERE id = ?').get(id) as {
		settings_json: string;
	};
	const plan = JSON.parse(row.settings_json) as { rounds: StoredRound[] };
	for (const round of plan.rounds) delete round.categories;
	db.prepare('UPDATE class_sessions SET settings_json = ? WHERE id = ?').run(
		JSON.stringify(plan),
		id
	);
}

describe('migrateData', () => {
	it('gives the rounds of class sessions stored without tell categories those of their pack', async () => {
		const old = await storedSession();
		const current = await storedSession();
		dropCategories(old.id);
		expect(roundsOf(old.id).some((round) => round.categories)).toBe(false);

		expect(migrateData(db, packs)).toBe(1);
		for (const round of roundsOf(old.id)) {
			const pair = pack.pairs.find((candidate) => candidate.id === round.pairId)!;
			expect(round.categories).toEqual(tellCategoriesOf(pack, pair));
		}
		expect(roundsOf(old.id)).toEqual(old.rounds);
		// A session that had them keeps its rounds exactly.
		expect(roundsOf(current.id)).toEqual(current.rounds);
	});

	it('runs once: a database that has run it never runs it again', async () => {
		const { id } = await storedSession();
		expect(migrateData(db, packs)).toBe(1);
		expect(db.prepare(`SELECT value FROM app_meta WHERE key = 'data_version'`).get()).toEqual({
			value: '1'
		});
		// Were it run again, these rounds would get their categories back.
		dropCategories(id);
		expect(migrateData(db, packs)).toBe(0);
		expect(roundsOf(id).some((round) => round.categories)).toBe(false);
	});

	it('leaves a session whose pack no longer has one of its pairs as it is, and carries on', async () => {
		const gone = await storedSession();
		const kept = await storedSession();
		dropCategories(kept.id);
		// A round of a pair a later release of the pack dropped.
		const row = db
			.prepare('SELECT settings_json FROM class_sessions WHERE id = ?')
			.get(gone.id) as {
			settings_json: string;
		};
		const plan = JSON.parse(row.settings_json) as { rounds: StoredRound[] };
		plan.rounds[0].pairId = 'dropped-pair';
		for (const round of plan.rounds) delete round.categories;
		const stored = JSON.stringify(plan);
		db.prepare('UPDATE class_sessions SET settings_json = ? WHERE id = ?').run(stored, gone.id);

		expect(migrateData(db, packs)).toBe(1);
		expect(
			(
				db.prepare('SELECT settings_json FROM class_sessions WHERE id = ?').get(gone.id) as {
					settings_json: string;
				}
			).settings_json
		).toBe(stored);
		expect(roundsOf(kept.id)).toEqual(kept.rounds);
	});

	it('leaves a session whose stored plan cannot be read as it is, and carries on', async () => {
		const damaged = await storedSession();
		const kept = await storedSession();
		dropCategories(kept.id);
		const update = db.prepare('UPDATE class_sessions SET settings_json = ? WHERE id = ?');
		for (const unreadable of ['{"rounds": [', '{"settings": {}}']) {
			update.run(unreadable, damaged.id);
			db.prepare(`DELETE FROM app_meta WHERE key = 'data_version'`).run();

			expect(migrateData(db, packs)).toBe(1);
			expect(
				db.prepare('SELECT settings_json FROM class_sessions WHERE id = ?').get(damaged.id)
			).toEqual({ settings_json: unreadable });
			expect(roundsOf(kept.id)).toEqual(kept.rounds);
		}
	});

	it('leaves a session whose pack is not installed as it is', async () => {
		const { id } = await storedSession();
		dropCategories(id);
		expect(migrateData(db, { getPack: () => undefined })).toBe(1);
		expect(roundsOf(id).some((round) => round.categories)).toBe(false);
	});
});
