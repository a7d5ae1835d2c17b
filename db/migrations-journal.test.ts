/**
 * The migration journal as drizzle's migrator reads it. On a database that is
 * already migrated, the migrator runs only the migrations whose journal time
 * (`when`) is later than the last one applied; a migration merged from a
 * branch with an earlier time than one already applied would be skipped on
 * every upgraded deployment, though fresh databases get it. So the times must
 * rise with the numbers, and an upgrade from any earlier migration must apply
 * all that follow.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { migrationsFolder } from "~/utils/db.server";

type Journal = { entries: Array<{ idx: number; tag: string; when: number }> };
const folder = migrationsFolder();
const journal = JSON.parse(
  fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"),
) as Journal;

describe("the migration journal", () => {
  it("numbers the migrations 0, 1, 2, … with times that rise, each with its SQL file", () => {
    journal.entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      expect(e.tag.startsWith(String(i).padStart(4, "0") + "_")).toBe(true);
      expect(fs.existsSync(path.join(folder, `${e.tag}.sql`))).toBe(true);
      if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1].when);
    });
  });

  it("an upgrade from the previous migration applies the last one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-journal-"));
    try {
      const before = path.join(dir, "before");
      fs.cpSync(folder, before, { recursive: true });
      const cut: Journal = { entries: journal.entries.slice(0, -1) };
      fs.writeFileSync(path.join(before, "meta", "_journal.json"), JSON.stringify(cut));
      const sqlite = new Database(path.join(dir, "upgrade.db"));
      const db = drizzle(sqlite);
      migrate(db, { migrationsFolder: before });
      migrate(db, { migrationsFolder: folder });
      const applied = sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as {
        n: number;
      };
      expect(applied.n).toBe(journal.entries.length);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
