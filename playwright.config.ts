import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = `e2e/.data/atrium-e2e-${PORT}.db`;
export const E2E_UPLOADS = `e2e/.data/uploads-${PORT}`;

/**
 * End-to-end tests drive Debian's Chromium (see e2e/ensure-chromium.mjs)
 * against the production build, on a database of their own that is reset and
 * seeded with demo data every run.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  // One retry in CI only: a flaky test still shows up as "flaky" in the report.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
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
  webServer: {
    command: "tsx db/reset.ts && node build/index.js",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: E2E_DATABASE,
      UPLOADS_DIR: E2E_UPLOADS,
      PORT: String(PORT),
      ATRIUM_DEMO: "1",
      NODE_ENV: "production",
    },
  },
});
