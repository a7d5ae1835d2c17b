/**
 * The audit log's hash chain (OWASP ASVS 16.4.2): each row stores the hash of
 * the row before it (`prev_hash`, "" for the first) and its own `hash`, the
 * SHA-256 of its id, time, action, actor, subject, detail (the stored JSON
 * text) and `prev_hash`. Editing a row changes its hash; deleting one breaks
 * the next row's link; `npm run audit:verify` (db/audit-verify.ts) walks the
 * chain and names the first row that does not hold.
 *
 * The link is computed inside the write transaction that appends the row,
 * after the write lock is taken: processes that audit at the same time are
 * serialised by SQLite, so each reads the row the other just wrote, and the
 * chain never forks.
 *
 * What the chain cannot see on its own: rows cut off the end. The head (last
 * id and hash) that audit:verify prints can be kept elsewhere to check that.
 */
import crypto from "node:crypto";
import { desc } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import type { DB, Writer } from "~/utils/db.server";

export type ChainedRow = {
  id: number;
  at: number;
  action: string;
  actorUserId: number | null;
  subjectUserId: number | null;
  /** The detail exactly as stored (JSON text), or null. */
  detail: string | null;
  prevHash: string;
};

/** The hash of a row: what its successor links to. */
function auditRowHash(row: ChainedRow): string {
  const fields = [
    row.id,
    row.at,
    row.action,
    row.actorUserId,
    row.subjectUserId,
    row.detail,
    row.prevHash,
  ];
  return crypto.createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** Whether `db` is the client outside any transaction (a transaction's handle has no `$client`). */
function isOutsideTransaction(db: Writer): db is DB {
  return "$client" in db && !(db as DB).$client.inTransaction;
}

/**
 * Appends one row, linked to the last. Inside a caller's transaction it joins
 * it (a rolled-back change leaves no row); on its own it takes the write lock
 * first (an immediate transaction). Returns the new row's id.
 */
export function appendAuditRow(
  db: Writer,
  row: Omit<ChainedRow, "id" | "prevHash" | "detail"> & {
    detail: Record<string, unknown> | null;
  },
): number {
  const append = (tx: Writer) => {
    const last = tx
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get();
    // The detail is hashed as the JSON text it is stored as (drizzle stores JSON.stringify).
    const linked: ChainedRow = {
      ...row,
      detail: row.detail ? JSON.stringify(row.detail) : null,
      id: (last?.id ?? 0) + 1,
      prevHash: last?.hash ?? "",
    };
    tx.insert(auditLog)
      .values({ ...row, id: linked.id, prevHash: linked.prevHash, hash: auditRowHash(linked) })
      .run();
    return linked.id;
  };
  return isOutsideTransaction(db)
    ? db.transaction((tx) => append(tx), { behavior: "immediate" })
    : append(db);
}

type StoredRow = Omit<ChainedRow, "prevHash"> & { prevHash: string | null; hash: string | null };

const ROWS = `SELECT id, at, action, actor_user_id AS actorUserId, subject_user_id AS subjectUserId,
  detail, prev_hash AS prevHash, hash FROM audit_log`;

/**
 * Links the rows written before the chain existed (hash still null), in id
 * order from the first row: the data migration after the schema migrations.
 * A row without a hash that comes after chained rows is left alone: it was
 * added around the chain, and audit:verify reports it.
 */
export function chainLegacyAuditRows(db: DB): number {
  const firstChained = db.$client
    .prepare("SELECT min(id) AS id FROM audit_log WHERE hash IS NOT NULL")
    .get() as { id: number | null };
  const pending = db.$client
    .prepare(`${ROWS} WHERE hash IS NULL AND id < ? ORDER BY id`)
    .all(firstChained.id ?? Number.MAX_SAFE_INTEGER) as StoredRow[];
  if (pending.length === 0) return 0;
  return db.transaction(
    () => {
      let prevHash = "";
      const update = db.$client.prepare(
        "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
      );
      for (const row of pending) {
        const hash = auditRowHash({ ...row, prevHash });
        update.run(prevHash, hash, row.id);
        prevHash = hash;
      }
      // The rows already chained (a mix can only come from an interrupted run) must link on.
      if (firstChained.id !== null)
        db.$client
          .prepare("UPDATE audit_log SET prev_hash = ? WHERE id = ? AND hash IS NULL")
          .run(prevHash, firstChained.id);
      return pending.length;
    },
    { behavior: "immediate" },
  );
}

export type ChainCheck =
  | { ok: true; rows: number; head: { id: number; hash: string } | null }
  | { ok: false; rows: number; rowId: number; problem: string };

/** Walks the whole chain in id order; the first row that does not hold is named. */
export function verifyAuditChain(db: DB): ChainCheck {
  let previous: { id: number; hash: string } | null = null;
  let rows = 0;
  for (const row of db.$client.prepare(`${ROWS} ORDER BY id`).iterate() as Iterable<StoredRow>) {
    rows++;
    const fail = (problem: string): ChainCheck => ({ ok: false, rows, rowId: row.id, problem });
    if (row.hash === null || row.prevHash === null)
      return fail("it has no hash: it was added around the chain");
    const expectedPrev = previous?.hash ?? "";
    if (row.prevHash !== expectedPrev)
      return fail(
        previous
          ? `it does not follow row ${previous.id}: a row between them was deleted, or row ${previous.id} was replaced`
          : "it is not the first row of the chain: the rows before it were deleted",
      );
    if (previous && row.id !== previous.id + 1)
      return fail(`rows ${previous.id + 1} to ${row.id - 1} are missing`);
    if (auditRowHash({ ...row, prevHash: row.prevHash }) !== row.hash)
      return fail("its contents do not match its hash: it was edited");
    previous = { id: row.id, hash: row.hash };
  }
  return { ok: true, rows, head: previous };
}
