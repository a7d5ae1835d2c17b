import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";
import { getEnv, resolvePath } from "./env.server";
import { isReplica } from "./replica.server";
import { runDataMigrations } from "./data-migrations.server";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The handle a synchronous `db.transaction((tx) => …)` body receives. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

/** Either the client or an open transaction: what a write that may join a caller's transaction takes. */
export type Writer = DB | Tx;

/**
 * The migrations folder, found from the project root whatever the working
 * directory: walk up from this module (app/utils or build/) to package.json.
 */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json"))) break;
    dir = path.dirname(dir);
  }
  return path.join(dir, "db", "migrations");
}

/** Opens (creating if needed) a SQLite file with Atrium's pragmas and applies migrations. */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk before it is acknowledged, so an application that
  // got its confirmation survives a power loss, not only a crash of the process.
  // In WAL mode this is one fsync of the WAL per commit (docs/decisions/0007-durable-commits.md).
  sqlite.pragma("synchronous = FULL");
  const db = drizzle(sqlite, { schema }) as DB;
  if (options.migrate !== false) {
    migrate(db, { migrationsFolder: migrationsFolder() });
    runDataMigrations(db);
    // Gather planner statistics where they are missing or stale (SQLite's
    // advice for a long-lived connection). Without them the planner can pick a
    // broad index such as (status, created_at) over a selective one and read
    // every active application to draw one board column; see bench/README.md.
    sqlite.pragma("optimize=0x10002");
  }
  return db;
}

declare global {
  var __atriumDb: DB | undefined;
}

/** The one database client of this process (kept across dev rebuilds). */
export function getDb(): DB {
  globalThis.__atriumDb ??= openConfiguredDatabase();
  return globalThis.__atriumDb;
}

function openConfiguredDatabase(): DB {
  const file = resolvePath(getEnv().DATABASE_URL);
  // A LiteFS replica is read-only; only the primary migrates. Cluster workers
  // start after their primary has migrated (app/server.ts).
  return openDatabase(file, { migrate: !isReplica(file) && !cluster.isWorker });
}

/** For tests: point the process at another database file. */
export function setDb(db: DB | undefined) {
  globalThis.__atriumDb = db;
}
