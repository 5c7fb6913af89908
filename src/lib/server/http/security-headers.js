// Plain JavaScript so that both the SvelteKit hooks and the production server (src/server.js,
// which serves the static files before any hook runs) read this one table.

/**
 * Headers every response carries. The Content-Security-Policy itself comes from `kit.csp` in
 * svelte.config.js, because only Kit knows the hashes of the scripts it inlines.
 * @type {Readonly<Record<string, string>>}
 */
export const securityHeaders = {
	'X-Content-Type-Options': 'nosniff',
	// Not "no-referrer": with it browsers send "Origin: null" on plain form posts and Kit's CSRF
	// check refuses every form that works without JavaScript. Other sites still learn nothing.
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()'
};

/**
 * Sent only on responses that reached the browser over https: a browser ignores it over plain
 * http, and a site served on a LAN address must stay reachable without TLS. One year, the usual
 * preload-list minimum; no includeSubDomains, since the host may share a domain with other sites.
 */
export const strictTransportSecurity = 'max-age=31536000';
