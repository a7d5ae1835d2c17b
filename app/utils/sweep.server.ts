/**
 * Removes files a crash left behind, under UPLOADS_DIR and,
 * with UPLOADS_URL, in the bucket (through the storage interface's `list`):
 * - `.part` temporary files of uploads that never finished;
 * - stored files (résumés, photos) that no `files` row names: the process
 *   died between writing the file and committing its row.
 *
 * Only files older than `minAgeMs` (default one hour) are touched, so an
 * upload in flight is never swept, and a file a row names is never removed.
 * Runs at server start and daily (app/jobs/daily.server.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { files } from "../../db/schema";
import type { DB } from "./db.server";
import { localStorage, type StoredObject, type UploadStorage } from "./storage/index.server";

export const SWEEP_MIN_AGE_MS = 60 * 60 * 1000;

/** Temporary upload files: `.<hex>.part` (today) or `<hex>[.ext].part`. */
const PART_NAME = /^\.?[0-9a-f]{16,64}(\.[a-z0-9]{2,5})?\.part$/;
/** Server-generated stored names (uploads.server.ts): hex + extension. */
const STORED_NAME = /^[0-9a-f]{16,64}\.[a-z0-9]{2,5}$/;

export type SweepSummary = {
  partFiles: number;
  orphanFiles: number;
  bytes: number;
};

/**
 * Deletes stale `.part` files in `dir` and unreferenced stored files in
 * `storage` (by default the same folder). Anything else (other names,
 * directories, young files) is left alone.
 */
export async function sweepUploads(
  db: DB,
  {
    dir,
    storage = localStorage(dir),
    now = Date.now(),
    minAgeMs = SWEEP_MIN_AGE_MS,
  }: { dir: string; storage?: UploadStorage; now?: number; minAgeMs?: number },
): Promise<SweepSummary> {
  const summary: SweepSummary = { partFiles: 0, orphanFiles: 0, bytes: 0 };

  // `.part` files are always local: uploads are received and checked in UPLOADS_DIR.
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const name of names.filter((n) => PART_NAME.test(n))) {
    const full = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      continue; // gone meanwhile
    }
    if (!stat.isFile() || now - stat.mtimeMs < minAgeMs) continue;
    fs.rmSync(full, { force: true });
    summary.bytes += stat.size;
    summary.partFiles++;
  }

  // Stored files come from the storage (the folder, or the bucket with UPLOADS_URL).
  const old: StoredObject[] = [];
  for await (const object of storage.list()) {
    if (STORED_NAME.test(object.key) && now - object.mtimeMs >= minAgeMs) old.push(object);
  }
  if (old.length === 0) return summary;

  // Read the referenced names after listing: a file listed above whose row
  // commits now is found here and kept.
  const referenced = new Set(
    db
      .select({ storageName: files.storageName })
      .from(files)
      .all()
      .map((f) => f.storageName),
  );
  for (const object of old) {
    if (referenced.has(object.key)) continue;
    await storage.delete(object.key);
    summary.bytes += object.size;
    summary.orphanFiles++;
  }
  return summary;
}
