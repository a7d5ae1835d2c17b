/**
 * npm run db:reset — deletes the database file at DATABASE_URL, applies the
 * migrations to a new one and loads the demo seed (same options as db:seed).
 */
import fs from "node:fs";
import { getEnv, resolvePath } from "../app/utils/env.server";

const file = resolvePath(getEnv().DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
console.log(`Removed ${file}`);
await import("./seed");
