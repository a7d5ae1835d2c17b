/**
 * Settings and helpers for loading the demo seed in bulk (the benchmark
 * scales need hundreds of thousands of applications).
 *
 * The seed only ever writes to an empty database (seed() refuses any other),
 * so a crash halfway through loses nothing but the seed itself: the remedy is
 * `npm run db:reset`. That makes a few trade-offs safe here that the server
 * must never make, and they last only while the seed runs:
 *
 * - `synchronous = OFF`: no fsync per commit (the server keeps FULL, see
 *   docs/decisions/0007-durable-commits.md);
 * - `journal_mode = MEMORY`: the rollback journal stays in memory instead of
 *   every page being written twice (to the WAL, then to the database at the
 *   checkpoint); rollback of a failed statement still works;
 * - a page cache of up to 256 MiB instead of 2 MiB, so the indexes of the
 *   big tables stay in memory while rows arrive in random key order.
 *
 * `restore()` puts back what the connection had (WAL, FULL, the old cache
 * size); the file is then exactly as durable as one the server wrote.
 */
import type Database from "better-sqlite3";

/** Page cache for the seed, in KiB (a negative cache_size means KiB). */
const SEED_CACHE_KIB = 256 * 1024;

export function bulkLoadSettings(client: Database.Database): () => void {
  const before = {
    journal: String(client.pragma("journal_mode", { simple: true })),
    synchronous: Number(client.pragma("synchronous", { simple: true })),
    cache: Number(client.pragma("cache_size", { simple: true })),
    temp: Number(client.pragma("temp_store", { simple: true })),
  };
  client.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  client.pragma("temp_store = MEMORY");
  client.pragma("synchronous = OFF");
  // Leaving WAL needs the only connection to the file; if another one is
  // open (a server started early), SQLite refuses (SQLITE_BUSY) and the seed
  // simply stays in WAL mode.
  try {
    client.pragma("journal_mode = MEMORY");
  } catch (error) {
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (String(client.pragma("journal_mode", { simple: true })) !== before.journal)
      client.pragma(`journal_mode = ${before.journal}`);
    client.pragma(`synchronous = ${before.synchronous}`);
    client.pragma(`cache_size = ${before.cache}`);
    client.pragma(`temp_store = ${before.temp}`);
  };
}

/**
 * Drops the secondary indexes of `tables` (those from CREATE INDEX; the ones
 * behind PRIMARY KEY and UNIQUE constraints stay) and returns the function
 * that creates them again from their stored SQL. Rows arrive in random key
 * order for most indexes, so keeping, say, seven indexes of `applications`
 * up to date row by row costs more than one sort per index at the end.
 * A UNIQUE index that no longer holds fails to build, so the seed still
 * cannot write what the schema forbids. Call the function before anything
 * reads those tables (also on failure).
 */
export function deferIndexes(client: Database.Database, tables: string[]): () => void {
  const indexes = client
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => "?").join(", ")}) ORDER BY rowid`,
    )
    .all(...tables) as Array<{ name: string; sql: string }>;
  client.transaction(() => {
    for (const i of indexes) client.exec(`DROP INDEX "${i.name}"`);
  })();
  let rebuilt = false;
  return () => {
    if (rebuilt) return;
    rebuilt = true;
    client.transaction(() => {
      for (const i of indexes) client.exec(i.sql);
    })();
  };
}

/** A trigger whose whole body bumps a one-row version counter. */
const COUNTER_TRIGGER =
  /^CREATE TRIGGER\s+\S+\s+AFTER\s+(?:INSERT|UPDATE|DELETE)\b[^;]*?\bBEGIN\s+UPDATE\s+`?(\w+)`?\s+SET\s+`?version`?\s*=\s*`?version`?\s*\+\s*1\s+WHERE\s+`?id`?\s*=\s*1\s*;\s*END$/i;

/**
 * Drops the triggers that only bump a version counter (`content_version` for
 * the public page cache, `report_state` for the reports cache) and returns
 * the function that puts them back and bumps each counter once. Row by row
 * they fire about a million times at 200k applications, each an UPDATE of
 * one row; what a reader needs is only that the version changed. Triggers
 * doing anything else are left alone.
 */
export function suspendVersionCounters(client: Database.Database): () => void {
  const triggers = (
    client
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
      .all() as Array<{ name: string; sql: string }>
  )
    .map((t) => ({ ...t, counter: COUNTER_TRIGGER.exec(t.sql.trim())?.[1] }))
    .filter((t): t is { name: string; sql: string; counter: string } => !!t.counter);
  client.transaction(() => {
    for (const t of triggers) client.exec(`DROP TRIGGER "${t.name}"`);
  })();
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    client.transaction(() => {
      for (const t of triggers) client.exec(t.sql);
      for (const counter of new Set(triggers.map((t) => t.counter)))
        client.exec(`UPDATE "${counter}" SET version = version + 1 WHERE id = 1`);
    })();
  };
}
