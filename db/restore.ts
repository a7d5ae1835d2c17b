/**
 * npm run restore -- --from DIR
 * Restores a backup into the EMPTY locations named by DATABASE_URL and
 * UPLOADS_DIR (or the UPLOADS_URL bucket), then verifies it (integrity_check,
 * row counts, every file read back).
 * Exits 1 when anything does not verify. See db/backup-core.ts.
 */
import { parseArgs } from "node:util";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { getUploadStorage } from "../app/utils/storage/index.server";
import { restoreBackup, terminalProgress } from "./backup-core";

const { values } = parseArgs({ options: { from: { type: "string" } } });
if (!values.from) {
  console.error("Usage: DATABASE_URL=… UPLOADS_DIR=… npm run restore -- --from DIR");
  process.exit(2);
}

const env = getEnv();
try {
  const databaseFile = resolvePath(env.DATABASE_URL);
  const report = await restoreBackup({
    from: resolvePath(values.from),
    databaseFile,
    uploadsDir: resolvePath(env.UPLOADS_DIR),
    // With UPLOADS_URL, the files go to the bucket, which must be empty.
    storage: getUploadStorage(),
    progress: terminalProgress(),
  });
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
  const m = report.manifest;
  console.log(
    `Restored the backup of ${m.startedAt} into ${databaseFile}:\n` +
      `  integrity_check: ${report.integrity}\n` +
      `  applications: ${report.tables.applications ?? 0}, users: ${report.tables.users ?? 0}, files: ${report.files}\n` +
      `  schema ${m.schema.lastMigration ?? "unknown"} (${m.schema.migrations} migrations; npm start applies newer ones)`,
  );
  for (const p of report.problems) console.error(`  problem: ${p}`);
  process.exit(report.problems.length > 0 ? 1 : 0);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
