/**
 * The data migrations SQL cannot do, run after the schema migrations each
 * time a database is migrated (openDatabase). Each is idempotent and does
 * nothing once done:
 * - secrets stored in clear before they were encrypted are sealed (this needs
 *   the key only when there are any);
 * - audit rows written before the hash chain existed are linked into it.
 */
import { chainLegacyAuditRows } from "~/utils/audit-chain.server";
import type { DB } from "./db.server";
import { sealPlaintextSecrets } from "./sealed-columns.server";

export function runDataMigrations(db: DB): void {
  sealPlaintextSecrets(db);
  chainLegacyAuditRows(db);
}
