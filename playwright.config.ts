import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./e2e/chromium.mjs";
import { E2E_WORKERS, e2eServer } from "./e2e/servers";

/**
 * The key for secrets at rest of the end-to-end servers. Their test workers
 * write sealed rows too (enrolTwoFactor), so servers and workers share one
 * key; a fixed test key, since nothing here is secret.
 */
const E2E_SECRET_KEY = (process.env.ATRIUM_SECRET_KEY ??= "0123456789abcdef".repeat(4));

/**
 * End-to-end tests drive Debian's headless Chromium (see e2e/chromium.mjs)
 * against the production build. Each Playwright worker has a server and a
 * database of its own (e2e/servers.ts), reset and seeded with demo data every
 * run, so tests that change data never meet across workers; the tests of one
 * worker run one after another.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: `test-results/e2e-${e2eServer(0).port}`,
  fullyParallel: true,
  workers: E2E_WORKERS,
  forbidOnly: true,
  // One retry in CI only: a flaky test still shows up as "flaky" in the report.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    // Recording a trace for every test costs about a quarter of the suite's
    // time; a failure in CI is retried once with the trace on. Locally, pass
    // `--trace on` to record one.
    trace: "on-first-retry",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => {
    const server = e2eServer(i);
    return {
      command: "tsx db/reset.ts && node build/index.js",
      url: `${server.baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        DATABASE_URL: server.database,
        UPLOADS_DIR: server.uploads,
        PORT: String(server.port),
        ATRIUM_DEMO: "1",
        NODE_ENV: "production",
        ATRIUM_SECRET_KEY: E2E_SECRET_KEY,
      },
    };
  }),
});
