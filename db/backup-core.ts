/**
 * Online backup and verified restore of Atrium's two stores: the SQLite file
 * and the uploads its `files` rows name (résumés, letters, offer PDFs,
 * researcher photos), read from and restored to the upload storage (the
 * UPLOADS_DIR folder, or the UPLOADS_URL bucket).
 *
 * The database is copied with SQLite's online backup API (better-sqlite3's
 * `db.backup()`), never with a file copy: a running server keeps recent
 * commits in the `-wal` file, which a plain `cp` of the main file misses.
 * Uploads are then copied for every `files` row *in the snapshot*, so the
 * backup's rows and files agree even while applications keep arriving.
 * Used by db/backup.ts and db/restore.ts (`npm run backup` / `npm run restore`).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import Database from "better-sqlite3";
import { localStorage } from "../app/utils/storage/local.server";
import type { UploadStorage } from "../app/utils/storage/types";

const MANIFEST = "manifest.json";
const DB_FILE = "atrium.db";
const UPLOADS = "uploads";
const MANIFEST_FORMAT = 1;
/** Storage names are server-generated; anything else in a backup is refused. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

type ManifestFile = { storageName: string; size: number; sha256: string };

export type Manifest = {
  format: number;
  startedAt: string;
  finishedAt: string;
  source: { database: string; uploads: string };
  schema: { migrations: number; lastMigration: string | null; lastMigrationAt: number | null };
  database: { file: string; size: number; sha256: string };
  tables: Record<string, number>;
  files: ManifestFile[];
  /** Rows whose file was gone from UPLOADS_DIR when copied (deleted meanwhile). */
  missingFiles: string[];
  /** Files whose bytes differ from the checksum stored in their row. */
  mismatchedFiles: string[];
};

export type Progress = (message: string) => void;

/** True when `p` does not exist, or is an empty directory. */
function isEmptyDir(p: string): boolean {
  if (!fs.existsSync(p)) return true;
  return fs.statSync(p).isDirectory() && fs.readdirSync(p).length === 0;
}

/** Streams `from` to `to` (0600, fsynced), returning its size and sha256. */
async function copyHashed(
  from: string | NodeJS.ReadableStream,
  to: string,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.byteLength;
      done(null, chunk);
    },
  });
  await pipeline(
    typeof from === "string" ? fs.createReadStream(from) : from,
    tap,
    fs.createWriteStream(to, { mode: 0o600 }),
  );
  const fd = fs.openSync(to, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { size, sha256: hash.digest("hex") };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Row counts of every user table (FTS shadow tables and SQLite's own excluded). */
function tableCounts(sqlite: Database.Database): Record<string, number> {
  const names = sqlite
    .prepare(
      `select name from sqlite_schema where type = 'table'
         and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%'
         and name not in (select name || '_data' from sqlite_schema where sql like 'CREATE VIRTUAL TABLE%')
         and name not in (select name || '_idx' from sqlite_schema where sql like 'CREATE VIRTUAL TABLE%')
         and name not in (select name || '_content' from sqlite_schema where sql like 'CREATE VIRTUAL TABLE%')
         and name not in (select name || '_docsize' from sqlite_schema where sql like 'CREATE VIRTUAL TABLE%')
         and name not in (select name || '_config' from sqlite_schema where sql like 'CREATE VIRTUAL TABLE%')
       order by name`,
    )
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = sqlite
      .prepare(`select count(*) from "${name.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

function schemaVersion(sqlite: Database.Database, migrationsDir: string): Manifest["schema"] {
  const exists = sqlite
    .prepare(`select 1 from sqlite_schema where name = '__drizzle_migrations'`)
    .get();
  if (!exists) return { migrations: 0, lastMigration: null, lastMigrationAt: null };
  const row = sqlite
    .prepare(`select count(*) as n, max(created_at) as at from __drizzle_migrations`)
    .get() as { n: number; at: number | null };
  let tag: string | null = null;
  try {
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsDir, "meta", "_journal.json"), "utf8"),
    ) as { entries: Array<{ when: number; tag: string }> };
    tag = journal.entries.find((e) => e.when === row.at)?.tag ?? null;
  } catch {
    tag = null;
  }
  return { migrations: row.n, lastMigration: tag, lastMigrationAt: row.at };
}

/** The storage names the snapshot's rows reference, with the checksum stored beside them. */
function referencedFiles(sqlite: Database.Database) {
  return sqlite
    .prepare(`select storage_name as storageName, sha256 from files order by id`)
    .all() as Array<{ storageName: string; sha256: string }>;
}

export type BackupOptions = {
  databaseFile: string;
  uploadsDir: string;
  /** Where the uploads are read from (the bucket with UPLOADS_URL); defaults to uploadsDir. */
  storage?: UploadStorage;
  /** What the manifest names as the uploads' source; defaults to uploadsDir. */
  uploadsSource?: string;
  to: string;
  migrationsDir: string;
  progress?: Progress;
};

/**
 * Takes a consistent snapshot of a live database plus the uploads it
 * references into the empty (or new) directory `to`, and writes manifest.json
 * last, so a directory with a manifest is a complete backup.
 */
export async function takeBackup(options: BackupOptions): Promise<Manifest> {
  const { to, progress = () => {} } = options;
  if (!isEmptyDir(to)) throw new Error(`${to} is not empty; back up into a new directory.`);
  if (!fs.existsSync(options.databaseFile)) {
    throw new Error(`No database at ${options.databaseFile}.`);
  }
  fs.mkdirSync(path.join(to, UPLOADS), { recursive: true });
  const startedAt = new Date().toISOString();
  const target = path.join(to, DB_FILE);

  const source = new Database(options.databaseFile, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    // SQLite restarts an online backup when another connection writes between
    // two steps; at ~20 writes/s small steps would restart forever on a large
    // file. After the first step, ask for every remaining page at once: one
    // step is one read transaction, which in WAL mode never blocks the server.
    await source.backup(target, {
      progress({ totalPages, remainingPages }) {
        progress(`database: ${totalPages - remainingPages}/${totalPages} pages`);
        return Math.max(totalPages, 100);
      },
    });
  } finally {
    source.close();
  }

  const snapshot = new Database(target);
  let tables: Record<string, number>;
  let schema: Manifest["schema"];
  let referenced: Array<{ storageName: string; sha256: string }>;
  try {
    // The copy is a self-contained rollback-journal file: no -wal beside it.
    snapshot.pragma("journal_mode = DELETE");
    tables = tableCounts(snapshot);
    schema = schemaVersion(snapshot, options.migrationsDir);
    referenced = referencedFiles(snapshot);
  } finally {
    snapshot.close();
  }

  const files: ManifestFile[] = [];
  const missingFiles: string[] = [];
  const mismatchedFiles: string[] = [];
  const storage = options.storage ?? localStorage(options.uploadsDir);
  for (const [i, row] of referenced.entries()) {
    if (!SAFE_NAME.test(row.storageName)) throw new Error(`Unsafe storage name ${row.storageName}`);
    const from = await storage.get(row.storageName);
    if (from) {
      const copied = await copyHashed(from.body, path.join(to, UPLOADS, row.storageName));
      files.push({ storageName: row.storageName, ...copied });
      if (copied.sha256 !== row.sha256) mismatchedFiles.push(row.storageName);
    } else {
      missingFiles.push(row.storageName);
    }
    progress(`uploads: ${i + 1}/${referenced.length} files`);
  }

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    startedAt,
    finishedAt: new Date().toISOString(),
    source: {
      database: options.databaseFile,
      uploads: options.uploadsSource ?? options.uploadsDir,
    },
    schema,
    database: { file: DB_FILE, size: fs.statSync(target).size, sha256: await sha256File(target) },
    tables,
    files,
    missingFiles,
    mismatchedFiles,
  };
  const manifestPath = path.join(to, MANIFEST);
  fs.writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + "\n", {
    mode: 0o600,
  });
  fs.renameSync(`${manifestPath}.tmp`, manifestPath);
  return manifest;
}

export type RestoreOptions = {
  from: string;
  databaseFile: string;
  uploadsDir: string;
  /** Where the uploads are restored to (the bucket with UPLOADS_URL); defaults to uploadsDir. */
  storage?: UploadStorage;
  progress?: Progress;
};

export type RestoreReport = {
  manifest: Manifest;
  integrity: string;
  tables: Record<string, number>;
  files: number;
  problems: string[];
};

/** Reads and sanity-checks a backup's manifest. */
export function readManifest(from: string): Manifest {
  const file = path.join(from, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${from} has no ${MANIFEST}: not a complete backup.`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) {
    throw new Error(`Unknown backup format ${String(manifest.format)}.`);
  }
  return manifest;
}

/** True when `storage` holds at least one object. */
async function hasObjects(storage: UploadStorage): Promise<boolean> {
  for await (const _ of storage.list()) return true;
  return false;
}

/** The sha256 of a stored object, or null when it is missing. */
async function sha256Stored(storage: UploadStorage, key: string): Promise<string | null> {
  const stored = await storage.get(key);
  if (!stored) return null;
  const hash = createHash("sha256");
  for await (const chunk of stored.body) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Restores a backup into an empty location, then verifies what it wrote:
 * `PRAGMA integrity_check`, row counts against the manifest, and every file
 * the restored rows reference present, read back from the storage, with the
 * manifest's checksum. Files go through the upload storage (the folder, or
 * the bucket with UPLOADS_URL), stored durably as uploads are. Refuses
 * (changing nothing) when the database file exists or the uploads folder or
 * storage is not empty. `problems` is empty when the restore is sound.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { from, databaseFile, uploadsDir, progress = () => {} } = options;
  const storage = options.storage ?? localStorage(uploadsDir);
  const manifest = readManifest(from);
  for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
    if (fs.existsSync(f) && fs.statSync(f).size > 0) {
      throw new Error(`${f} already exists; restore only into an empty location.`);
    }
  }
  if (!isEmptyDir(uploadsDir)) {
    throw new Error(`${uploadsDir} is not empty; restore only into an empty location.`);
  }
  if (await hasObjects(storage)) {
    throw new Error(`${storage.location} is not empty; restore only into an empty location.`);
  }
  const backupDb = path.join(from, manifest.database.file);
  if ((await sha256File(backupDb)) !== manifest.database.sha256) {
    throw new Error(`${backupDb} does not match the manifest's checksum; the backup is damaged.`);
  }

  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  fs.mkdirSync(uploadsDir, { recursive: true });
  progress("database: copying");
  const temp = `${databaseFile}.restoring`;
  await copyHashed(backupDb, temp);
  fs.renameSync(temp, databaseFile);

  const problems: string[] = [];
  const expected = new Map(manifest.files.map((f) => [f.storageName, f]));
  for (const [i, f] of manifest.files.entries()) {
    if (!SAFE_NAME.test(f.storageName)) throw new Error(`Unsafe storage name ${f.storageName}`);
    const source = path.join(from, UPLOADS, f.storageName);
    if ((await sha256File(source)) !== f.sha256)
      problems.push(`${f.storageName}: checksum differs`);
    await storage.put(f.storageName, { file: source });
    progress(`uploads: ${i + 1}/${manifest.files.length} files`);
  }

  progress("verifying");
  const sqlite = new Database(databaseFile, { fileMustExist: true });
  let integrity: string;
  let tables: Record<string, number>;
  let referenced: Array<{ storageName: string; sha256: string }>;
  try {
    const rows = sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>;
    integrity = rows.map((r) => r.integrity_check).join("; ");
    tables = tableCounts(sqlite);
    referenced = referencedFiles(sqlite);
  } finally {
    sqlite.close();
  }
  if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
  for (const [name, n] of Object.entries(manifest.tables)) {
    if (tables[name] !== n) problems.push(`${name}: ${tables[name] ?? 0} rows, manifest says ${n}`);
  }
  const knownMissing = new Set(manifest.missingFiles);
  for (const row of referenced) {
    if (knownMissing.has(row.storageName)) continue;
    const restored = expected.has(row.storageName)
      ? await sha256Stored(storage, row.storageName)
      : null;
    if (restored === null) {
      problems.push(`${row.storageName}: referenced but missing`);
    } else if (restored !== expected.get(row.storageName)!.sha256) {
      problems.push(`${row.storageName}: checksum differs after restore`);
    }
  }
  for (const name of manifest.missingFiles) {
    problems.push(`${name}: was already missing when the backup was taken`);
  }
  return { manifest, integrity, tables, files: manifest.files.length, problems };
}

/** A progress printer: one rewritten line on a terminal, silence otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  if (!stream.isTTY) return () => {};
  let last = 0;
  return (message) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    stream.write(`\r\x1b[K${message}`);
  };
}
