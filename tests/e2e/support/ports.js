// Ports and data folders of the servers the end-to-end tests start; distinct so they never collide.
// E2E_PORT moves them all, so two checkouts on one machine can run their suites side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_DATA_DIR = 'test-results/e2e-data';
/** Tests that start their own server (restarts) take ports from here upwards. */
export const SPARE_PORT_BASE = E2E_PORT + 7;
