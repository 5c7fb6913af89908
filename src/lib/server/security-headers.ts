/**
 * Headers every response carries. The Content-Security-Policy itself comes from `kit.csp` in
 * svelte.config.js, because only Kit knows the hashes of the scripts it inlines.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
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
