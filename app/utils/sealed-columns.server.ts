/**
 * Every column that holds a sealed secret (app/utils/secrets.server.ts), in
 * one list, so that sealing what was stored in clear (at migration), rotating
 * the key and checking which keys are still in use cover all of them. A new
 * stored secret is added here and read and written with sealColumn/openColumn.
 */
import type { DB } from "./db.server";
import {
  getKeyring,
  isSealed,
  openSecret,
  sealedKeyId,
  sealSecret,
  type Keyring,
} from "./secrets.server";

export type SealedColumn = { table: string; column: string; rowKey: string };

/** TOTP shared secrets, per user. */
export const TOTP_SECRET: SealedColumn = {
  table: "totp_credentials",
  column: "secret",
  rowKey: "user_id",
};
/** Server-side keys made on first use (the device-cookie signing key). */
export const AUTH_KEY: SealedColumn = { table: "auth_keys", column: "value", rowKey: "name" };
/** The authenticator secret an enrolment link is setting up, until it is confirmed. */
export const ENROLMENT_SECRET: SealedColumn = {
  table: "staff_enrolments",
  column: "pending_secret",
  rowKey: "id",
};

export const SEALED_COLUMNS: readonly SealedColumn[] = [TOTP_SECRET, AUTH_KEY, ENROLMENT_SECRET];

/** The additional data a value is sealed with: its table, column and row. */
function contextOf(spec: SealedColumn, row: string | number): string {
  return `${spec.table}.${spec.column}:${row}`;
}

/** Seals `plain` for the row `row` (its `rowKey` value) of `spec`. */
export function sealColumn(spec: SealedColumn, row: string | number, plain: string): string {
  return sealSecret(plain, contextOf(spec, row));
}

/** Opens the sealed value of row `row` of `spec`. */
export function openColumn(spec: SealedColumn, row: string | number, sealed: string): string {
  return openSecret(sealed, contextOf(spec, row));
}

type Row = { row: string | number; value: string };

function rowsOf(db: DB, spec: SealedColumn, where: string): Row[] {
  return db.$client
    .prepare(
      `SELECT "${spec.rowKey}" AS row, "${spec.column}" AS value FROM "${spec.table}" WHERE "${spec.column}" IS NOT NULL AND ${where}`,
    )
    .all() as Row[];
}

function update(db: DB, spec: SealedColumn, row: Row["row"], value: string) {
  db.$client
    .prepare(`UPDATE "${spec.table}" SET "${spec.column}" = ? WHERE "${spec.rowKey}" = ?`)
    .run(value, row);
}

/**
 * Seals every secret still stored in clear (values written before secrets
 * were encrypted): the data migration that runs after the schema migrations.
 * Needs the key only when there is something to seal. Returns how many.
 */
export function sealPlaintextSecrets(db: DB): number {
  const plain = SEALED_COLUMNS.some(
    (spec) => rowsOf(db, spec, `"${spec.column}" NOT LIKE 'enc1:%' LIMIT 1`).length > 0,
  );
  if (!plain) return 0;
  // Overwrite the freed bytes of the old values too, and fold the WAL back in,
  // so the clear text does not linger in the file's free space.
  const secureDelete = db.$client.pragma("secure_delete", { simple: true });
  db.$client.pragma("secure_delete = ON");
  try {
    const sealed = sealAll(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return sealed;
  } finally {
    db.$client.pragma(`secure_delete = ${secureDelete ? "ON" : "OFF"}`);
  }
}

function sealAll(db: DB): number {
  return db.transaction(
    () => {
      let sealed = 0;
      for (const spec of SEALED_COLUMNS) {
        for (const r of rowsOf(db, spec, `"${spec.column}" NOT LIKE 'enc1:%'`)) {
          update(db, spec, r.row, sealColumn(spec, r.row, r.value));
          sealed++;
        }
      }
      return sealed;
    },
    { behavior: "immediate" },
  );
}

/**
 * Re-seals every secret that is not sealed with `ring`'s current key (after a
 * rotation), in one transaction: each opens with the key it names (still in
 * the ring) and is sealed again with the current one. Returns how many.
 */
export function resealSecrets(db: DB, ring: Keyring = getKeyring()): number {
  return db.transaction(
    () => {
      let resealed = 0;
      for (const spec of SEALED_COLUMNS) {
        for (const r of rowsOf(db, spec, "1")) {
          if (isSealed(r.value) && sealedKeyId(r.value) === ring.current.id) continue;
          const context = contextOf(spec, r.row);
          const plain = isSealed(r.value) ? openSecret(r.value, context, ring) : r.value;
          update(db, spec, r.row, sealSecret(plain, context, ring));
          resealed++;
        }
      }
      return resealed;
    },
    { behavior: "immediate" },
  );
}

/** How many stored secrets each key id seals ("plain" for values still in clear). */
export function secretKeyUsage(db: DB): Map<string, number> {
  const usage = new Map<string, number>();
  for (const spec of SEALED_COLUMNS) {
    for (const r of rowsOf(db, spec, "1")) {
      const id = sealedKeyId(r.value) ?? "plain";
      usage.set(id, (usage.get(id) ?? 0) + 1);
    }
  }
  return usage;
}
