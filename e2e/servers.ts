/**
 * One production server and one database per Playwright worker. Worker `i`
 * (its `parallelIndex`, 0 … E2E_WORKERS-1) talks to the server on port
 * E2E_PORT + i, which serves e2e/.data/atrium-e2e-<port>.db and its own uploads
 * folder. Shared by playwright.config.ts (which starts the servers) and
 * e2e/fixtures.ts (which points each worker at its own).
 *
 * E2E_PORT (default 3100) is the first port; E2E_WORKERS (default 2, one per
 * core of the reference machine) is how many workers and servers run.
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

export type E2EServer = { port: number; baseURL: string; database: string; uploads: string };

/** The server of the worker with this `parallelIndex`. */
export function e2eServer(parallelIndex: number): E2EServer {
  const port = BASE_PORT + parallelIndex;
  return {
    port,
    baseURL: `http://localhost:${port}`,
    database: `e2e/.data/atrium-e2e-${port}.db`,
    uploads: `e2e/.data/uploads-${port}`,
  };
}
