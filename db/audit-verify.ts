/**
 * npm run audit:verify — checks the audit log's hash chain
 * (app/utils/audit-chain.server.ts) of DATABASE_URL: exit 0 with the row count
 * and the head (keep it somewhere else to notice rows cut off the end later),
 * exit 1 naming the first row that does not hold. Opens the database read-only.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { verifyAuditChain } from "../app/utils/audit-chain.server";
import type { DB } from "../app/utils/db.server";
import { getEnv, resolvePath } from "../app/utils/env.server";
import * as schema from "./schema";

export function runAuditVerify(db: DB, { log = console.log, error = console.error } = {}): number {
  const check = verifyAuditChain(db);
  if (!check.ok) {
    error(`Audit chain broken at row ${check.rowId}: ${check.problem}.`);
    error(`(${check.rows - 1} row(s) before it hold.)`);
    return 1;
  }
  log(
    check.head
      ? `Audit chain intact: ${check.rows} row(s); head is row ${check.head.id}, hash ${check.head.hash}.`
      : "Audit chain intact: the log is empty.",
  );
  return 0;
}

// Run only when executed directly (`tsx db/audit-verify.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = resolvePath(getEnv().DATABASE_URL);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  process.exitCode = runAuditVerify(drizzle(sqlite, { schema }) as DB);
  sqlite.close();
}
