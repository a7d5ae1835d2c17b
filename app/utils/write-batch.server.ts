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
 * it is queued (the upload storage, app/utils/storage/, already fsyncs them).
 */
import type Database from "better-sqlite3";
import type { DB, Tx } from "./db.server";

/** At most this many closures share one transaction; a longer queue commits in several. */
export const MAX_BATCH = 64;

/**
 * How long a batch keeps trying to take the write lock held by another
 * process (another worker's batch) before its writes fail: the connection's
 * own busy_timeout (app/utils/db.server.ts).
 */
const LOCK_WAIT_MS = 5_000;
/** Between two tries for the write lock, the event loop keeps serving (other requests join the batch). */
const LOCK_RETRY_MS = 1;

type Pending = {
  fn: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queues = new WeakMap<DB, Pending[]>();
const held = new WeakSet<DB>();
/** Since when the queue has been waiting for another process's write lock (a retry is scheduled). */
const waitingSince = new WeakMap<DB, number>();
const stats = new WeakMap<DB, { batches: number; writes: number; lockRetries: number }>();

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
    // While the queue waits for the write lock, its retry flushes this one too.
    if (queue.length === 1 && !held.has(db) && !waitingSince.has(db)) setImmediate(() => flush(db));
  });
}

/** How many closures are queued on `db` and not yet committed. */
export function pendingWrites(db: DB): number {
  return queues.get(db)?.length ?? 0;
}

/**
 * Batches committed (or failed) on `db`, the closures they carried, and how
 * many times a batch found the write lock taken by another process and tried
 * again later, since the process started.
 */
export function writeBatchStats(db: DB): { batches: number; writes: number; lockRetries: number } {
  return { ...(stats.get(db) ?? { batches: 0, writes: 0, lockRetries: 0 }) };
}

/**
 * For tests: queue writes on `db` without committing them until the returned
 * function is called, so that a test can gather a batch of its own choosing.
 */
export function holdWrites(db: DB): () => void {
  held.add(db);
  return () => {
    held.delete(db);
    if (pendingWrites(db) && !waitingSince.has(db)) setImmediate(() => flush(db));
  };
}

function flush(db: DB) {
  const since = waitingSince.get(db);
  waitingSince.delete(db);
  const queue = queues.get(db);
  if (!queue || held.has(db)) return;
  while (queue.length) {
    const batch = queue.splice(0, MAX_BATCH);
    if (commitBatch(db, batch) === "locked") {
      // Another process holds the write lock: put the batch back in front and
      // try again shortly, without blocking the event loop meanwhile (SQLite's
      // busy handler would sleep in this thread). Closures queued meanwhile
      // join it, so the wait makes the next batch larger rather than later.
      queue.unshift(...batch);
      retryLater(db, queue, since ?? Date.now());
      return;
    }
  }
}

function retryLater(db: DB, queue: Pending[], since: number) {
  if (Date.now() - since >= LOCK_WAIT_MS) {
    // As long as busy_timeout would have waited: these writes fail, as they would have.
    const error = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    for (const item of queue.splice(0)) item.reject(error);
    return;
  }
  statsOf(db).lockRetries += 1;
  waitingSince.set(db, since);
  setTimeout(() => flush(db), LOCK_RETRY_MS);
}

class AsyncWriteClosure extends Error {
  constructor() {
    super("enqueueWrite: the write closure returned a promise; it must be synchronous");
  }
}

function statsOf(db: DB) {
  let counted = stats.get(db);
  if (!counted) stats.set(db, (counted = { batches: 0, writes: 0, lockRetries: 0 }));
  return counted;
}

/**
 * The statements a batch runs around its closures, prepared once per
 * connection: Drizzle's nested transactions build and prepare
 * their SAVEPOINT and RELEASE text on every call.
 */
const connectionStatements = new WeakMap<
  Database.Database,
  {
    savepoint: Database.Statement;
    release: Database.Statement;
    rollbackTo: Database.Statement;
    noBusyWait: Database.Statement;
    busyWait: Database.Statement;
  }
>();

function statementsOf(client: Database.Database) {
  let st = connectionStatements.get(client);
  if (!st) {
    const busyTimeout = client.pragma("busy_timeout", { simple: true }) as number;
    st = {
      savepoint: client.prepare("SAVEPOINT write_batch_item"),
      release: client.prepare("RELEASE write_batch_item"),
      rollbackTo: client.prepare("ROLLBACK TO write_batch_item"),
      noBusyWait: client.prepare("PRAGMA busy_timeout = 0"),
      busyWait: client.prepare(`PRAGMA busy_timeout = ${Number(busyTimeout) || 0}`),
    };
    connectionStatements.set(client, st);
  }
  return st;
}

const isBusy = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  typeof (error as { code: unknown }).code === "string" &&
  (error as { code: string }).code.startsWith("SQLITE_BUSY");

/** Commits one batch; "locked" when BEGIN IMMEDIATE found another process's write lock (nothing ran). */
function commitBatch(db: DB, batch: Pending[]): "done" | "locked" {
  const client = db.$client;
  const st = statementsOf(client);
  const outcomes: Outcome[] = [];
  let began = false;
  // BEGIN IMMEDIATE must not sleep in SQLite's busy handler on the event loop:
  // without a wait it fails at once with SQLITE_BUSY, and flush() retries.
  st.noBusyWait.get();
  try {
    db.transaction(
      (tx) => {
        began = true;
        // Inside the transaction the usual wait applies (a checkpoint, a reader).
        st.busyWait.get();
        for (const item of batch) {
          st.savepoint.run();
          try {
            const result = item.fn(tx);
            if (result instanceof Promise) {
              result.catch(() => {}); // refused below; never an unhandled rejection
              throw new AsyncWriteClosure();
            }
            st.release.run();
            outcomes.push({ ok: true, value: result });
          } catch (error) {
            // A constraint failure or a domain error leaves the transaction open:
            // only this closure's savepoint is undone. Some errors (disk full, I/O)
            // make SQLite roll back the whole transaction: then nobody's rows are
            // left to commit, and the whole batch must fail.
            if (!client.inTransaction) throw error;
            st.rollbackTo.run();
            st.release.run();
            outcomes.push({ ok: false, error });
          }
        }
      },
      // IMMEDIATE: take the write lock at BEGIN, never fail to upgrade a read
      // transaction mid-batch.
      { behavior: "immediate" },
    );
  } catch (error) {
    if (!began) st.busyWait.get();
    if (!began && isBusy(error)) return "locked";
    countBatch(db, batch.length);
    for (const item of batch) item.reject(error);
    return "done";
  }
  countBatch(db, batch.length);
  batch.forEach((item, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
  return "done";
}

function countBatch(db: DB, writes: number) {
  const counted = statsOf(db);
  counted.batches += 1;
  counted.writes += writes;
}
