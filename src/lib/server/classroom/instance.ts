/**
 * The process-wide classroom hub, on the app's database and pack store. Sessions are shared by
 * every request by design (that is what a live class is); per-user state stays in the seats.
 */
import { env } from '$env/dynamic/private';
import { app } from '../app';
import { mediaKey } from '../media-links';
import { getPack } from '../packs';
import { ttlDaysSetting } from '../retention';
import { ClassroomHub } from './hub';
import { STORAGE_CAPS } from './limits';

export const DEFAULT_TTL_DAYS = 7;

/** SESSION_TTL_DAYS: days after its last activity that a session's data is deleted (default 7). */
export function sessionTtlDays(value = env.SESSION_TTL_DAYS): number {
	return ttlDaysSetting('SESSION_TTL_DAYS', value, DEFAULT_TTL_DAYS);
}

let hub: ClassroomHub | undefined;

/** The hub, started (expired sessions purged, timers running) on first use. */
export function classroom(): ClassroomHub {
	if (!hub) {
		const created = new ClassroomHub({
			db: app().db,
			getPack,
			ttlDays: sessionTtlDays(),
			maxSessions: STORAGE_CAPS.sessions,
			mediaKey: mediaKey(app().signingSecret)
		});
		created.start();
		// Open event streams would hold a stopping server for SHUTDOWN_TIMEOUT: end them at once
		// (everything is in the database); the browsers reconnect to the next server by themselves.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => created.stop());
		hub = created;
	}
	return hub;
}
