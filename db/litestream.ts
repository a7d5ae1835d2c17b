/**
 * Glue for Litestream (continuous replication of the SQLite file): where the
 * binary is, the environment litestream.yml expands, and a round trip
 * (replicate, write, stop, restore elsewhere, compare) that proves a replica
 * can be brought back. The binary comes from the optional dependency
 * @flydotio/litestream-linux-x64 (other platforms: LITESTREAM_BIN or PATH).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { getEnv, resolvePath } from "../app/utils/env.server";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const LITESTREAM_CONFIG = path.join(root, "litestream.yml");

/** The litestream executable, or null when none is installed for this platform. */
export function litestreamBinary(): string | null {
  const fromEnv = getEnv().LITESTREAM_BIN;
  if (fromEnv) return fromEnv;
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve(
      `@flydotio/litestream-${process.platform}-${process.arch}/package.json`,
    );
    const bin = path.join(path.dirname(pkg), "litestream");
    if (fs.existsSync(bin)) return bin;
  } catch {
    // not installed for this platform: fall through to PATH
  }
  const which = spawnSync("sh", ["-c", "command -v litestream"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** The variables litestream.yml expands, from Atrium's own configuration. */
export function litestreamEnv(overrides: { databaseFile?: string; replicaUrl?: string } = {}) {
  const env = getEnv();
  const databaseFile = overrides.databaseFile ?? resolvePath(env.DATABASE_URL);
  const replicaUrl =
    overrides.replicaUrl ??
    env.LITESTREAM_REPLICA_URL ??
    pathToFileURL(path.join(path.dirname(databaseFile), "litestream")).href;
  return { ...process.env, ATRIUM_DB_PATH: databaseFile, LITESTREAM_REPLICA_URL: replicaUrl };
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(bin, args, { env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`litestream ${args[0]} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/**
 * Replicates a scratch database in `workDir` to a local replica with the
 * repository's litestream.yml, writes rows while it runs, stops it, restores
 * the replica into another file and returns both row counts.
 */
export async function litestreamRoundTrip(workDir: string, writes = 200) {
  const bin = litestreamBinary();
  if (!bin) throw new Error("No litestream binary for this platform.");
  const databaseFile = path.join(workDir, "live.db");
  const replicaDir = path.join(workDir, "replica");
  const restored = path.join(workDir, "restored.db");
  const env = litestreamEnv({ databaseFile, replicaUrl: pathToFileURL(replicaDir).href });

  const db = new Database(databaseFile);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec("create table if not exists items (id integer primary key, body text not null)");
  const replicate = spawn(bin, ["replicate", "-config", LITESTREAM_CONFIG], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  replicate.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => replicate.on("exit", resolve));
  try {
    const insert = db.prepare("insert into items (body) values (?)");
    for (let i = 0; i < writes; i++) {
      insert.run(`row ${i}`);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 50));
    }
    // Wait until a WAL segment past the last write reaches the replica: at
    // sync-interval 1s, a few seconds at most.
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    replicate.kill("SIGTERM");
    await exited;
    db.close();
  }
  run(bin, ["restore", "-config", LITESTREAM_CONFIG, "-o", restored, databaseFile], env);
  const generations = run(bin, ["generations", "-config", LITESTREAM_CONFIG, databaseFile], env);
  return {
    live: count(databaseFile, "items"),
    restored: count(restored, "items"),
    generations,
    log,
  };
}
