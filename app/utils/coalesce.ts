/**
 * Coalesced runs: at most one run of a job per key at a time, and a caller
 * only ever waits for a run that started after its call (so the run sees
 * everything the caller did before calling). A call while a run is under way
 * gets the next run, which starts when the current one ends; every call that
 * arrives meanwhile shares that next run.
 *
 * Used where many requests need the same catch-up work done "after me" and one
 * run serves them all: the uploads folder's fsync after renames
 * (storage/local.server.ts) and the outbox's delivery pass (mailer.server.ts).
 *
 *   const syncDir = coalesced(new Map<string, Runs>(), (dir: string) => fsyncDir(dir));
 *   await syncDir(dir); // an fsync that started after this line has finished
 *
 * A run that rejects rejects every caller it served; the next run still starts.
 */
export type Runs = { running: Promise<void> | null; next: Promise<void> | null };

/** `states` holds each key's runs: a Map, or a WeakMap for object keys such as a database handle. */
export function coalesced<K>(
  states: { get(key: K): Runs | undefined; set(key: K, runs: Runs): unknown },
  run: (key: K) => Promise<void>,
): (key: K) => Promise<void> {
  return (key) => {
    let runs = states.get(key);
    if (!runs) states.set(key, (runs = { running: null, next: null }));
    const s = runs;
    const start = () => {
      const current = run(key).finally(() => {
        if (s.running === current) s.running = null;
      });
      s.running = current;
      return current;
    };
    if (s.next) return s.next;
    if (!s.running) return start();
    s.next = s.running
      .catch(() => {})
      .then(() => {
        s.next = null;
        return start();
      });
    return s.next;
  };
}
