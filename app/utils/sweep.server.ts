/**
 * Removes files a crash left behind under UPLOADS_DIR (issue 14, item 8):
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

export const SWEEP_MIN_AGE_MS = 60 * 60 * 1000;

/** Temporary upload files: `.<hex>.part` (today) or `<hex>[.ext].part`. */
const PART_NAME = /^\.?[0-9a-f]{16,64}(\.[a-z0-9]{2,5})?\.part$/;
/** Server-generated stored names (uploads.server.ts, researcher photos): hex + extension. */
const STORED_NAME = /^[0-9a-f]{16,64}\.[a-z0-9]{2,5}$/;

export type SweepSummary = {
  partFiles: number;
  orphanFiles: number;
  bytes: number;
};

/**
 * Deletes stale `.part` files and unreferenced stored files in `dir`.
 * Anything else in the folder (other names, directories, young files) is left alone.
 */
export function sweepUploads(
  db: DB,
  {
    dir,
    now = Date.now(),
    minAgeMs = SWEEP_MIN_AGE_MS,
  }: { dir: string; now?: number; minAgeMs?: number },
): SweepSummary {
  const summary: SweepSummary = { partFiles: 0, orphanFiles: 0, bytes: 0 };
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return summary;
    throw error;
  }
  const candidates = names.filter((n) => PART_NAME.test(n) || STORED_NAME.test(n));
  if (candidates.length === 0) return summary;

  // Read the referenced names after listing the folder: a file listed above
  // whose row commits now is found here and kept.
  const referenced = new Set(
    db
      .select({ storageName: files.storageName })
      .from(files)
      .all()
      .map((f) => f.storageName),
  );

  for (const name of candidates) {
    const isPart = PART_NAME.test(name);
    if (!isPart && referenced.has(name)) continue;
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
    if (isPart) summary.partFiles++;
    else summary.orphanFiles++;
  }
  return summary;
}
