/**
 * Vitest setup, run before each test file: a fresh SQLite file (a copy of the
 * template tests/global-setup.ts migrated once), uploads folder and
 * environment per test file, and any console.error fails the test that
 * printed it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { installBrand } from "~/brand.server";
import { reloadEnv } from "../app/utils/env.server";

// Test files share each worker's module graph (isolate: false in
// vitest.config.ts), so each starts from the worker's original environment,
// whatever the previous file set, and getEnv() reads it again.
const shared = globalThis as { __atriumBaseEnv?: Record<string, string | undefined> };
const baseEnv = (shared.__atriumBaseEnv ??= { ...process.env });
for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
Object.assign(process.env, baseEnv);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-test-"));
process.env.DATABASE_URL = path.join(dir, "test.db");
// getDb() still runs the migrator on open: with every migration recorded in the copy it applies none.
fs.copyFileSync(inject("templateDb"), process.env.DATABASE_URL);
process.env.UPLOADS_DIR = path.join(dir, "uploads");
process.env.NODE_ENV = "test";
delete process.env.SMTP_URL;
reloadEnv();
// As the server entry does: getBrand() reads this file's database.
installBrand();

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    throw new Error(
      `console.error was called:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});
afterAll(() => {
  globalThis.__atriumDb?.$client.close();
  globalThis.__atriumDb = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});
