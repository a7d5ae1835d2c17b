/**
 * npm run secrets:rotate [-- --prune]
 *
 * Rotates the key that seals secrets at rest (app/utils/secrets.server.ts).
 *
 * - Local runs (a key file beside the database): makes a new key, puts it
 *   first in the key file (the old one stays as a retired key, so a server
 *   still running can open what it reads), and re-seals every stored secret
 *   with the new key in one transaction.
 * - Deployments with ATRIUM_SECRET_KEY: set the new key there and the old one
 *   in ATRIUM_SECRET_KEY_PREVIOUS (servers then open both), run this to
 *   re-seal every stored secret with the new key, then drop the old key.
 *
 * `--prune` removes retired keys that no stored secret uses any more from the
 * key file (run it once every server has restarted after a rotation).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { audit } from "../app/auth/audit.server";
import { openDatabase, type DB } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import { resealSecrets, secretKeyUsage } from "../app/utils/sealed-columns.server";
import {
  decodeKey,
  generateKeyText,
  getKeyring,
  keyId,
  secretKeyProblem,
  writeKeyFile,
} from "../app/utils/secrets.server";
import fs from "node:fs";

const USAGE = "Usage: npm run secrets:rotate [-- --prune]";

export interface RotateIO {
  db?: DB;
  log?: (message: string) => void;
  error?: (message: string) => void;
}

/** The key texts of the key file, current first. */
function keyFileLines(file: string): string[] {
  return fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

/** Runs the command; returns the process exit code. */
export function runSecretsRotate(argv: string[], io: RotateIO = {}): number {
  const log = io.log ?? ((m: string) => console.log(m));
  const error = io.error ?? ((m: string) => console.error(m));
  let prune = false;
  try {
    prune = Boolean(
      parseArgs({ args: argv, options: { prune: { type: "boolean" } }, strict: true }).values.prune,
    );
  } catch (e) {
    error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  const env = getEnv();
  const problem = secretKeyProblem(env);
  if (problem) {
    error(problem);
    return 1;
  }
  const db = io.db ?? openDatabase(resolvePath(env.DATABASE_URL));
  try {
    const ring = getKeyring({ fresh: true });
    if (prune) {
      if (!ring.file) {
        const used = [...secretKeyUsage(db).keys()];
        log(
          `Keys in use: ${used.join(", ") || "none"}. The current key is ${ring.current.id}; ` +
            "remove ATRIUM_SECRET_KEY_PREVIOUS once no other key is listed.",
        );
        return 0;
      }
      const used = secretKeyUsage(db);
      const lines = keyFileLines(ring.file);
      const kept = lines.filter((text, i) => i === 0 || used.has(keyId(decodeKey(text)!)));
      writeKeyFile(ring.file, kept);
      log(`Removed ${lines.length - kept.length} retired key(s) from ${ring.file}.`);
      return 0;
    }
    let current = ring;
    if (ring.file) {
      // The new key goes first; the old ones stay, retired, so running servers still open values.
      writeKeyFile(ring.file, [generateKeyText(), ...keyFileLines(ring.file)]);
      current = getKeyring({ fresh: true });
    }
    const resealed = resealSecrets(db, current);
    audit(db, {
      action: "secrets.rotated",
      detail: { key: current.current.id, resealed, source: ring.file ? "key file" : "environment" },
    });
    log(
      `Sealed ${resealed} stored secret(s) with key ${current.current.id}` +
        (ring.file
          ? ` (new, first in ${ring.file}). Run with --prune once every server has restarted.`
          : ". Remove ATRIUM_SECRET_KEY_PREVIOUS once every server runs with the new key."),
    );
    return 0;
  } catch (e) {
    error(`Rotation failed, nothing was re-sealed: ${(e as Error).message}`);
    return 1;
  } finally {
    if (!io.db) db.$client.close();
  }
}

// Run only when executed directly (`tsx db/secrets-rotate.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = runSecretsRotate(process.argv.slice(2));
}
