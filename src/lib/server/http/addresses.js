// Plain JavaScript: the production server's start-up line (src/server.js) and the host screen's
// join link both ask it where phones can reach this machine.
import { networkInterfaces } from 'node:os';

/**
 * Whether a URL's hostname can only be reached from this machine itself.
 * @param {string} hostname as in `URL.hostname` (IPv6 in brackets)
 */
export function isLoopback(hostname) {
	const name = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '::1' ||
		name === '0.0.0.0' ||
		name === '::' ||
		/^127\./.test(name) ||
		/^::ffff:127\./.test(name)
	);
}

/**
 * This machine's addresses that other devices on its networks can open: IPv4 first (the short
 * kind a student can type), then unique-local and global IPv6. Loopback and link-local addresses
 * are left out: a phone cannot use them in a URL.
 * @param {ReturnType<typeof networkInterfaces>} [interfaces]
 * @returns {string[]}
 */
export function lanAddresses(interfaces = networkInterfaces()) {
	const v4 = [];
	const v6 = [];
	for (const entries of Object.values(interfaces)) {
		for (const entry of entries ?? []) {
			if (entry.internal) continue;
			if (entry.family === 'IPv4') v4.push(entry.address);
			else if (!/^fe[89ab]/i.test(entry.address)) v6.push(entry.address);
		}
	}
	return [...new Set([...v4, ...v6])];
}

/**
 * The origins a phone in the room can use to reach this server, best first. A configured public
 * URL wins; an address the host's browser used that is not loopback works for phones too;
 * otherwise this machine's network addresses on the same port (the first start of a newcomer,
 * who opened http://localhost:3000). Falls back to the host's own origin when the machine has
 * no network at all, so the link is at least right on this computer.
 * @param {{ requestOrigin: string, publicUrl?: string, interfaces?: ReturnType<typeof networkInterfaces> }} options
 * @returns {string[]}
 */
export function reachableOrigins({ requestOrigin, publicUrl, interfaces }) {
	if (publicUrl) return [new URL(publicUrl).origin];
	const seen = new URL(requestOrigin);
	if (!isLoopback(seen.hostname)) return [seen.origin];
	const lan = lanAddresses(interfaces).map((address) => {
		const url = new URL(seen.origin);
		url.hostname = address.includes(':') ? `[${address}]` : address;
		return url.origin;
	});
	return lan.length > 0 ? lan : [seen.origin];
}
