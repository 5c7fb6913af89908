/**
 * The process-wide class hub, on the app's database and pack store. Sessions are shared by
 * every request by design (that is what a live class is); per-user state stays in the seats.
 */
import { app } from '../store/app';
import { internalUrl, sessionTtlDays } from '../config';
import { mediaKey } from '../packs/media-links';
import { heldPack } from '../packs/store';
import { ClassHub } from './hub';
import { SessionOwnership } from './ownership';
import { EventRelay } from './event-relay';
import { redisPublisher } from './event-channel';
import { subscriberOf } from '../store/redis';
import { PostgresClassRecords } from './store-postgres';
import { STORAGE_CAPS } from './limits';

let hub: ClassHub | undefined;
let ownership: SessionOwnership | undefined;
let eventRelay: EventRelay | undefined;

/**
 * The sessions' leases when the records are in PostgreSQL, which several processes may share
 * (ownership.ts); undefined on SQLite, where this process serves every session.
 */
export function classOwnership(): SessionOwnership | undefined {
	classHub();
	return ownership;
}

/**
 * The streams this process holds for sessions other processes own, their events read from
 * Redis (event-relay.ts); undefined unless the processes share PostgreSQL and Redis.
 */
export function classEventRelay(): EventRelay | undefined {
	classHub();
	return eventRelay;
}

/** The hub, started (expired sessions purged, timers running) on first use. */
export function classHub(): ClassHub {
	if (!hub) {
		const records = app().stores.classes;
		const { redis } = app();
		if (records instanceof PostgresClassRecords) {
			ownership = new SessionOwnership(app().pg!, { url: internalUrl() });
			records.fenceWith((id) => ownership?.epochOf(id));
			if (redis) eventRelay = new EventRelay(subscriberOf(redis));
		}
		const created = new ClassHub({
			records,
			ownership,
			publisher: redis && eventRelay ? (id) => redisPublisher(redis, id) : undefined,
			getPack: heldPack,
			ttlDays: sessionTtlDays(),
			maxSessions: STORAGE_CAPS.sessions,
			mediaKey: mediaKey(app().signingSecret)
		});
		created.start();
		// Open event streams would hold a stopping server for SHUTDOWN_TIMEOUT: end them at once
		// (everything is in the database); the browsers reconnect to the next server by themselves.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			process.once(signal, () => void created.stop());
		}
		hub = created;
	}
	return hub;
}
