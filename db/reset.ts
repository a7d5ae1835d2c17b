/**
 * npm run db:reset — deletes the database file at DATABASE_URL (and the
 * résumé files the seed wrote under UPLOADS_DIR), then runs the demo seed
 * with the same options as db:seed, e.g. `npm run db:reset -- --scale 2`.
 */
import fs from "node:fs";
import path from "node:path";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { runSeedCli } from "./seed";

const env = getEnv();
const file = resolvePath(env.DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
console.log(`Removed ${file}`);

// Uploaded files belong to rows that no longer exist. Only server-generated
// names (hex + extension) are removed, never anything else in that folder.
const uploads = resolvePath(env.UPLOADS_DIR);
if (fs.existsSync(uploads)) {
  for (const name of fs.readdirSync(uploads)) {
    if (/^[0-9a-f]{16,64}\.[a-z0-9]{2,5}$/.test(name))
      fs.rmSync(path.join(uploads, name), { force: true });
  }
}

process.exitCode = await runSeedCli(process.argv.slice(2));
