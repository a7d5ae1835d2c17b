/**
 * npm run backup -- --to DIR
 * A consistent online snapshot of DATABASE_URL and the uploads it references
 * in UPLOADS_DIR (or in the UPLOADS_URL bucket), safe while the server runs. See db/backup-core.ts.
 */
import { parseArgs } from "node:util";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { migrationsFolder } from "../app/utils/db.server";
import { getUploadStorage } from "../app/utils/storage/index.server";
import { takeBackup, terminalProgress } from "./backup-core";

const { values } = parseArgs({ options: { to: { type: "string" } } });
if (!values.to) {
  console.error("Usage: npm run backup -- --to DIR");
  process.exit(2);
}

const env = getEnv();
const started = Date.now();
try {
  const manifest = await takeBackup({
    databaseFile: resolvePath(env.DATABASE_URL),
    uploadsDir: resolvePath(env.UPLOADS_DIR),
    // With UPLOADS_URL, the referenced files are read from the bucket.
    storage: getUploadStorage(),
    uploadsSource: env.UPLOADS_URL,
    to: resolvePath(values.to),
    migrationsDir: migrationsFolder(),
    progress: terminalProgress(),
  });
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backup written to ${resolvePath(values.to)} in ${Date.now() - started} ms:\n` +
      `  database ${manifest.database.size} bytes, ${Object.keys(manifest.tables).length} tables, ${rows} rows` +
      ` (applications: ${manifest.tables.applications ?? 0}), schema ${manifest.schema.lastMigration ?? "unknown"}\n` +
      `  uploads ${manifest.files.length} files`,
  );
  for (const name of manifest.missingFiles) {
    console.warn(
      `  warning: ${name} is referenced but was not in the uploads storage (deleted meanwhile?)`,
    );
  }
  for (const name of manifest.mismatchedFiles) {
    console.warn(`  warning: ${name} does not match the checksum stored in its row`);
  }
  process.exit(manifest.missingFiles.length + manifest.mismatchedFiles.length > 0 ? 1 : 0);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
