/**
 * The process-wide class hub, on the app's database and pack store. Sessions are shared by
 * every request by design (that is what a live class is); per-user state stays in the seats.
 */
import { app } from '../store/app';
import { sessionTtlDays } from '../config';
import { mediaKey } from '../packs/media-links';
import { heldPack } from '../packs/store';
import { ClassHub } from './hub';
import { STORAGE_CAPS } from './limits';

let hub: ClassHub | undefined;

/** The hub, started (expired sessions purged, timers running) on first use. */
export function classHub(): ClassHub {
	if (!hub) {
		const created = new ClassHub({
			records: app().stores.classes,
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
