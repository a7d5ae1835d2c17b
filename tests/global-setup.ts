/**
 * Vitest globalSetup, run once per `vitest run`: migrates a template SQLite
 * file from the real migrations. tests/setup.ts copies it for each test file,
 * so no file pays for running every migration again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../app/utils/db.server";

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-template-"));
  const file = path.join(dir, "template.db");
  const db = openDatabase(file);
  // One self-contained file to copy: fold the WAL back in and leave rollback-journal mode.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  project.provide("templateDb", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
