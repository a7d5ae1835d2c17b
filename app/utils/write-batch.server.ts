/**
 * Group commit (docs/decisions/0009-group-commit.md): synchronous write
 * closures that arrive in the same turn of the event loop share ONE
 * transaction and ONE COMMIT (one WAL fsync with `synchronous = FULL`),
 * each inside its own savepoint, and every caller is answered only after
 * that COMMIT returned.
 *
 *   const id = await enqueueWrite(db, (tx) => writeApplication(tx, input));
 *
 * The contract, for each closure:
 * - it runs synchronously inside `tx.transaction(fn)` (a SAVEPOINT), after
 *   the closures queued before it in the batch, so it sees their rows;
 * - if it throws, only its savepoint is rolled back: the others commit, and
 *   its promise rejects with what it threw — after the COMMIT, so a caller
 *   that looks something up on failure (a duplicate won by a batch-mate)
 *   sees the committed rows;
 * - its promise resolves with what it returned only once the COMMIT of the
 *   whole batch returned: nothing is acknowledged that is not on disk;
 * - if the batch cannot commit (BEGIN or COMMIT fails, or SQLite rolled the
 *   whole transaction back after an error such as SQLITE_FULL), every
 *   promise of the batch rejects with that error and nothing is stored.
 *
 * A closure must be synchronous (no awaits, no promise returned): it is
 * refused with an error otherwise. Files it points to must be durable before
 * it is queued (app/utils/uploads.server.ts already fsyncs them).
 */
import type { DB, Tx } from "./db.server";

/** At most this many closures share one transaction; a longer queue commits in several. */
export const MAX_BATCH = 64;

type Pending = {
  fn: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queues = new WeakMap<DB, Pending[]>();
const held = new WeakSet<DB>();
const stats = new WeakMap<DB, { batches: number; writes: number }>();

/** Queues `fn` for the next group commit on `db`; settles after that COMMIT. */
export function enqueueWrite<T>(db: DB, fn: (tx: Tx) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
    }
    queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    // The first closure of a batch schedules its flush: after the I/O callbacks
    // of this turn (other requests reaching their write) have queued theirs.
    if (queue.length === 1 && !held.has(db)) setImmediate(() => flush(db));
  });
}

/** How many closures are queued on `db` and not yet committed. */
export function pendingWrites(db: DB): number {
  return queues.get(db)?.length ?? 0;
}

/** Batches committed (or failed) on `db` and the closures they carried, since the process started. */
export function writeBatchStats(db: DB): { batches: number; writes: number } {
  return { ...(stats.get(db) ?? { batches: 0, writes: 0 }) };
}

/**
 * For tests: queue writes on `db` without committing them until the returned
 * function is called, so that a test can gather a batch of its own choosing.
 */
export function holdWrites(db: DB): () => void {
  held.add(db);
  return () => {
    held.delete(db);
    if (pendingWrites(db)) setImmediate(() => flush(db));
  };
}

function flush(db: DB) {
  const queue = queues.get(db);
  if (!queue || held.has(db)) return;
  while (queue.length) commitBatch(db, queue.splice(0, MAX_BATCH));
}

class AsyncWriteClosure extends Error {
  constructor() {
    super("enqueueWrite: the write closure returned a promise; it must be synchronous");
  }
}

function commitBatch(db: DB, batch: Pending[]) {
  const counted = stats.get(db) ?? { batches: 0, writes: 0 };
  counted.batches += 1;
  counted.writes += batch.length;
  stats.set(db, counted);
  const outcomes: Outcome[] = [];
  try {
    db.transaction(
      (tx) => {
        for (const item of batch) {
          try {
            const value = tx.transaction((sp) => {
              const result = item.fn(sp);
              if (result instanceof Promise) {
                result.catch(() => {}); // refused below; never an unhandled rejection
                throw new AsyncWriteClosure();
              }
              return result;
            });
            outcomes.push({ ok: true, value });
          } catch (error) {
            // A constraint failure or a domain error leaves the transaction open
            // with only this savepoint undone. Some errors (disk full, I/O) make
            // SQLite roll back the whole transaction: then nobody's rows are
            // left to commit, and the whole batch must fail.
            if (!db.$client.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      },
      // IMMEDIATE: take the write lock at BEGIN (waiting on busy_timeout),
      // never fail to upgrade a read transaction mid-batch.
      { behavior: "immediate" },
    );
  } catch (error) {
    for (const item of batch) item.reject(error);
    return;
  }
  batch.forEach((item, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}
