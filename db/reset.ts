/**
 * npm run db:reset — deletes the database file at DATABASE_URL (and the
 * stored files the old rows named, in UPLOADS_DIR or the UPLOADS_URL
 * bucket), then runs the demo seed with the same options as db:seed, e.g.
 * `npm run db:reset -- --scale 2`.
 */
import fs from "node:fs";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { getUploadStorage } from "../app/utils/storage/index.server";
import { runSeedCli } from "./seed";

const env = getEnv();
const file = resolvePath(env.DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
console.log(`Removed ${file}`);

// Stored files belong to rows that no longer exist. Only server-generated
// names (hex + extension) are removed, never anything else kept there.
const storage = getUploadStorage();
for await (const object of storage.list()) {
  if (/^[0-9a-f]{16,64}\.[a-z0-9]{2,5}$/.test(object.key)) await storage.delete(object.key);
}

process.exitCode = await runSeedCli(process.argv.slice(2));
