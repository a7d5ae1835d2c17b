import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./tests/global-setup.ts"],
    setupFiles: ["./tests/setup.ts"],
    // Test files share each worker's module graph: importing the app once per
    // worker instead of once per file saves most of the run's CPU. Each file
    // still gets its own database, uploads folder and environment
    // (tests/setup.ts); caches built from the environment rebuild when it
    // changes (getEnv/reloadEnv). The suite passes in shuffled file order.
    isolate: false,
    // Worker threads rather than child processes: the same isolation (each
    // thread has its own process.env and module graph) for less CPU.
    pool: "threads",
    // Vitest defaults to one worker fewer than the CPUs: a single worker on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
