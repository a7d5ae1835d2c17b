/**
 * enqueueWrite's contract on a real SQLite file: closures of one turn share
 * one transaction, each in its own savepoint, in order; promises settle only
 * after the COMMIT; a queue longer than MAX_BATCH commits in several batches.
 */
import { count, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import { getDb, openDatabase } from "./db.server";
import { enqueueWrite, MAX_BATCH, writeBatchStats } from "./write-batch.server";

const db = getDb();
const PREFIX = "write-batch-test-";
const tagCount = () =>
  db.select({ n: count() }).from(s.files).where(eq(s.files.originalName, "batch.pdf")).get()!.n;

function insertFile(tx: Parameters<Parameters<typeof enqueueWrite>[1]>[0], name: string) {
  return tx
    .insert(s.files)
    .values({
      kind: "resume",
      storageName: `${PREFIX}${name}`,
      originalName: "batch.pdf",
      contentType: "application/pdf",
      size: 1,
      sha256: "0".repeat(64),
    })
    .returning({ id: s.files.id })
    .get().id;
}

beforeEach(() => {
  db.delete(s.files).where(eq(s.files.originalName, "batch.pdf")).run();
});

describe("enqueueWrite", () => {
  test("closures of one turn commit together, in order, and see each other's rows", async () => {
    const before = writeBatchStats(db);
    const first = enqueueWrite(db, (tx) => insertFile(tx, "a"));
    const second = enqueueWrite(db, (tx) => {
      // The first closure's row is visible (same transaction), not yet committed.
      const seen = tx
        .select({ id: s.files.id })
        .from(s.files)
        .where(eq(s.files.storageName, `${PREFIX}a`))
        .get();
      return { seen: seen?.id ?? null, own: insertFile(tx, "b") };
    });
    // Nothing is written before the batch is flushed on a later turn.
    expect(tagCount()).toBe(0);
    const [a, b] = await Promise.all([first, second]);
    expect(b.seen).toBe(a);
    expect(tagCount()).toBe(2);
    const after = writeBatchStats(db);
    expect(after.batches - before.batches).toBe(1);
    expect(after.writes - before.writes).toBe(2);
  });

  test("a closure that throws rolls back only its own savepoint and rejects after the commit", async () => {
    const ok = enqueueWrite(db, (tx) => insertFile(tx, "kept"));
    const failing = enqueueWrite(db, (tx) => {
      insertFile(tx, "undone");
      throw new Error("refused by a domain rule");
    });
    // A constraint failure (same unique storage name as the first) is refused alone too.
    const duplicate = enqueueWrite(db, (tx) => insertFile(tx, "kept"));
    const outcome = await failing.catch((error: Error) => {
      // By the time the rejection arrives, the batch-mate's row is committed.
      expect(tagCount()).toBe(1);
      return error.message;
    });
    expect(outcome).toBe("refused by a domain rule");
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await expect(ok).resolves.toBeTypeOf("number");
    const names = db
      .select({ name: s.files.storageName })
      .from(s.files)
      .where(eq(s.files.originalName, "batch.pdf"))
      .all();
    expect(names).toEqual([{ name: `${PREFIX}kept` }]);
  });

  test("when SQLite ends the whole transaction (as after SQLITE_FULL), the whole batch fails", async () => {
    const mate = enqueueWrite(db, (tx) => insertFile(tx, "mate"));
    // A ROLLBACK inside a closure stands in for SQLite rolling back on its own:
    // the batch-mate's row is gone too, so nobody may be told it was stored.
    const breaker = enqueueWrite(db, (tx) => {
      insertFile(tx, "breaker");
      tx.run(sql`ROLLBACK`);
    });
    const after = enqueueWrite(db, (tx) => insertFile(tx, "after"));
    await expect(mate).rejects.toThrow();
    await expect(breaker).rejects.toThrow();
    await expect(after).rejects.toThrow();
    expect(tagCount()).toBe(0);
    expect(db.$client.inTransaction).toBe(false);
    // The queue still works afterwards.
    await expect(enqueueWrite(db, (tx) => insertFile(tx, "next"))).resolves.toBeTypeOf("number");
    expect(tagCount()).toBe(1);
  });

  test("an asynchronous closure is refused and writes nothing", async () => {
    const asyncClosure = enqueueWrite(db, async (tx) => {
      insertFile(tx, "async");
      return 1;
    });
    await expect(asyncClosure).rejects.toThrow(/must be synchronous/);
    expect(tagCount()).toBe(0);
    expect(db.$client.inTransaction).toBe(false);
  });

  test("a queue longer than MAX_BATCH commits in several transactions, every closure once", async () => {
    const before = writeBatchStats(db);
    const n = MAX_BATCH * 2 + 3;
    const ids = await Promise.all(
      Array.from({ length: n }, (_, i) => enqueueWrite(db, (tx) => insertFile(tx, `many-${i}`))),
    );
    expect(new Set(ids).size).toBe(n);
    expect(tagCount()).toBe(n);
    const after = writeBatchStats(db);
    expect(after.batches - before.batches).toBe(3);
    expect(after.writes - before.writes).toBe(n);
  });

  test("while another connection holds the write lock, the batch waits without blocking the event loop, then commits", async () => {
    // Another process's batch, as a second connection on the same file.
    const other = openDatabase(db.$client.name, { migrate: false });
    try {
      other.$client.exec("BEGIN IMMEDIATE");
      const before = writeBatchStats(db);
      const write = enqueueWrite(db, (tx) => insertFile(tx, "after-lock"));
      // Timers keep firing meanwhile: SQLite's busy handler would have slept on this thread.
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      clearInterval(ticker);
      expect(ticks).toBeGreaterThan(5);
      expect(tagCount()).toBe(0);
      expect(writeBatchStats(db).lockRetries).toBeGreaterThan(before.lockRetries);
      other.$client.exec("COMMIT");
      await expect(write).resolves.toBeTypeOf("number");
      expect(tagCount()).toBe(1);
      // The connection's own wait for other statements is back to its setting.
      expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      if (other.$client.inTransaction) other.$client.exec("ROLLBACK");
      other.$client.close();
    }
  });
});
