/**
 * Changes to stored data that SQL alone cannot make, because they need the packs: run at
 * start-up after the schema's migrations (migrations.ts), each once and in order, counted in
 * app_meta ('data_version'). Append only, like the schema's: databases in the field have run
 * the ones they have run. The packs are handed in, so the store does not load them itself.
 */
import { getRoundSource, type Pack } from '$lib/game/pack/schema';
import type { TellCategory } from '$lib/game/pack/taxonomy';
import { tellCategoriesOf } from '$lib/game/play/run';
import type { Db } from './db';

/** What a data migration reads besides the database. */
export interface DataContext {
	getPack: (id: string) => Pack | undefined;
}

interface DataMigration {
	/** What it does, in a few words. */
	name: string;
	run: (db: Db, context: DataContext) => void;
}

const dataMigrations: readonly DataMigration[] = [
	{ name: 'class rounds get their tell categories', run: classRoundsGetCategories }
];

/** Runs the data migrations this database has not run yet; returns how many ran. */
export function migrateData(db: Db, context: DataContext): number {
	const stored = db.prepare(`SELECT value FROM app_meta WHERE key = 'data_version'`).get() as
		{ value: string } | undefined;
	const done = Number(stored?.value ?? 0);
	const record = db.prepare(
		`INSERT INTO app_meta (key, value) VALUES ('data_version', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`
	);
	for (let version = done; version < dataMigrations.length; version++) {
		db.transaction(() => {
			dataMigrations[version].run(db, context);
			record.run(String(version + 1));
		})();
	}
	return Math.max(0, dataMigrations.length - done);
}

/**
 * Class sessions stored before a round carried the tell categories of its fake (the class report
 * counts answers by them) get them from their pack. A session whose pack no longer has one of its
 * pairs is left as it is: the hub does not load it (a pack release may drop pairs).
 */
function classRoundsGetCategories(db: Db, { getPack }: DataContext): void {
	const sessions = db
		.prepare(`SELECT id, pack_id, settings_json FROM class_sessions`)
		.all() as Array<{
		id: string;
		pack_id: string;
		settings_json: string;
	}>;
	const save = db.prepare(`UPDATE class_sessions SET settings_json = ? WHERE id = ?`);
	for (const session of sessions) {
		const pack = getPack(session.pack_id);
		if (!pack) continue;
		// A row this cannot read (damaged on disk, or a pair the pack dropped) is left as it is for
		// the hub to refuse, rather than stopping the server's start-up.
		try {
			const plan = JSON.parse(session.settings_json) as {
				rounds: Array<{ pairId: string; categories?: TellCategory[] }>;
			};
			if (plan.rounds.every((round) => round.categories)) continue;
			plan.rounds = plan.rounds.map((round) =>
				round.categories
					? round
					: { ...round, categories: tellCategoriesOf(pack, getRoundSource(pack, round.pairId)) }
			);
			save.run(JSON.stringify(plan), session.id);
		} catch {
			continue;
		}
	}
}
