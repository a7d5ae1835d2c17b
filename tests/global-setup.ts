/**
 * Vitest globalSetup, run once per `vitest run`:
 * - migrates a template SQLite file from the real migrations; tests/setup.ts
 *   copies it for each test file, so no file pays for running every
 *   migration again;
 * - starts one clamd for the whole run (tests/clamd-server.ts); the tests of
 *   upload scanning point CLAMAV_SOCKET at it, every other test leaves it unset.
 *   When clamd cannot start, those tests fail with the reason.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../app/utils/db.server";
import { startClamd, type RunningClamd } from "./clamd-server";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-template-"));
  const file = path.join(dir, "template.db");
  const db = openDatabase(file);
  // One self-contained file to copy: fold the WAL back in and leave rollback-journal mode.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  project.provide("templateDb", file);

  let clamd: RunningClamd | null = null;
  try {
    clamd = await startClamd();
    project.provide("clamd", { socket: clamd.socket, problem: null });
  } catch (error) {
    project.provide("clamd", {
      socket: null,
      problem: error instanceof Error ? error.message : String(error),
    });
  }
  return async () => {
    await clamd?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    /** The run's clamd socket, or why there is none. */
    clamd: { socket: string | null; problem: string | null };
  }
}
