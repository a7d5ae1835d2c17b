/**
 * The access log: one line per request (method, path without the query
 * string — which can carry reset tokens — status, time and, for public pages,
 * whether the page cache answered). Lines are gathered and written once per
 * turn of the event loop: `console.log` per request is a synchronous write on
 * a pipe, a noticeable share of a cached page's time.
 */
let pending: string[] = [];
let scheduled = false;

function flush() {
  scheduled = false;
  const lines = pending;
  pending = [];
  if (lines.length) process.stdout.write(lines.join("\n") + "\n");
}

/** Logs a finished request; `started` is `process.hrtime.bigint()` at its start. */
export function logRequest(
  method: string,
  path: string,
  status: number,
  started: bigint,
  cache?: string,
) {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  pending.push(`${method} ${path} ${status} ${ms.toFixed(1)}ms${cache ? ` ${cache}` : ""}`);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

/** Writes what is buffered now (before exit). */
export function flushRequestLog() {
  flush();
}
