/**
 * Routes whose responses carry a secret (the host page holds the host key in its link and QR
 * code; a teacher pack's editor is at its secret address) or a class's private data (the report,
 * its CSV files): no cache may keep them, neither the browser's nor a proxy's. (The host's live
 * events are served in front of SvelteKit by the class's hot path, which says the same on every
 * answer.)
 */
const PRIVATE_ROUTE = /^\/(class\/\[id\]\/(host|claim)|packs\/edit\/\[secret\])(\/|$)/;

/** Whether the route with this id answers with `Cache-Control: no-store`. */
export function isPrivateRoute(routeId: string | null): boolean {
	return routeId !== null && PRIVATE_ROUTE.test(routeId);
}
