/**
 * Helpers shared by the benchmark's sections (bench/run.ts, bench/recruit.ts):
 * percentiles, Markdown tables, timing loops, and capturing the SQL the app
 * runs so it can be shown with EXPLAIN QUERY PLAN.
 */
import type { ChildProcess } from "node:child_process";
import type { DB } from "../app/utils/db.server";
import { forgetPrepared } from "../app/utils/prepared.server";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function stats(samples: number[]) {
  const sorted = samples.slice().sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    "| " +
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") +
    " |";
  const rule =
    "|" +
    widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") +
    "|";
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/**
 * Ends the benchmark when any measured response was not a 200: a redirect (a
 * lost or unverified session) or an error page is fast and would pass for a
 * fast page. `failures` lists what went wrong, one line per URL.
 */
export function assertAllOk(section: string, failures: string[]) {
  if (failures.length === 0) return;
  const message = `${section}: responses other than 200 were measured; these numbers are not the pages':\n  ${failures.join("\n  ")}`;
  console.error(`\nBENCH FAILED — ${message}`);
  throw new Error(message);
}

export const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);

/** Runs `run` a few times to warm the page cache, then `iterations` timed times. */
export function timeIt<T>(
  run: () => T,
  iterations: number,
): { median: number; p95: number; last: T } {
  for (let i = 0; i < 5; i++) run();
  const samples: number[] = [];
  let last!: T;
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    last = run();
    samples.push(performance.now() - t);
  }
  return { ...stats(samples), last };
}

export type Statement = { sql: string; params: unknown[] };

/** Records every statement the app runs (SQL text and parameters) while `fn` runs. */
export function captureStatements(db: DB, fn: () => void): Statement[] {
  const client = db.$client;
  const captured: Statement[] = [];
  const original = client.prepare.bind(client);
  const wrap = (stmt: ReturnType<typeof original>, source: string): ReturnType<typeof original> =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "all" || prop === "get" || prop === "run" || prop === "iterate") {
          return (...params: unknown[]) => {
            captured.push({ sql: source, params });
            return value.apply(target, params);
          };
        }
        if (prop === "raw" || prop === "pluck" || prop === "expand" || prop === "safeIntegers") {
          return (...args: unknown[]) => {
            value.apply(target, args);
            return receiver;
          };
        }
        return value.bind(target);
      },
    });
  (client as { prepare: unknown }).prepare = (source: string) => wrap(original(source), source);
  // Statements the app prepared earlier (app/utils/prepared.server.ts) are prepared
  // again inside the capture, and those wrapped copies are dropped afterwards.
  forgetPrepared(db);
  try {
    fn();
  } finally {
    (client as { prepare: unknown }).prepare = original;
    forgetPrepared(db);
  }
  return captured;
}

/**
 * SQLite's plan for each distinct statement (transaction control such as
 * `begin` has none and is skipped). Pass `seen` to print a statement shared
 * by several cases only once.
 */
export function explain(db: DB, statements: Statement[], seen = new Set<string>()): string[] {
  const lines: string[] = [];
  for (const { sql, params } of statements) {
    if (seen.has(sql) || !/^\s*(select|insert|update|delete|with)\b/i.test(sql)) continue;
    seen.add(sql);
    lines.push(`  ${sql.replace(/\s+/g, " ").trim().slice(0, 160)}${sql.length > 160 ? "…" : ""}`);
    const plan = db.$client
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(params as never[])) as Array<{ detail: string }>;
    for (const row of plan) lines.push(`    → ${row.detail}`);
  }
  return lines;
}

/**
 * Re-runs each distinct read statement alone (with the parameters it was
 * captured with) and returns the best of `runs` times, slowest first: where a
 * slow case spends its database time. What is left of the case's time is
 * JavaScript (mapping rows, computing in the model) and the writes.
 */
export function timeStatements(
  db: DB,
  statements: Statement[],
  runs = 3,
): Array<{ sql: string; ms: number; rows: number }> {
  const seen = new Set<string>();
  const out: Array<{ sql: string; ms: number; rows: number }> = [];
  for (const { sql, params } of statements) {
    if (seen.has(sql) || !/^\s*(select|with)\b/i.test(sql)) continue;
    seen.add(sql);
    const stmt = db.$client.prepare(sql);
    let best = Infinity;
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      rows = stmt.all(...(params as never[])).length;
      best = Math.min(best, performance.now() - t);
    }
    out.push({ sql: sql.replace(/\s+/g, " ").trim(), ms: best, rows });
  }
  return out.sort((a, b) => b.ms - a.ms);
}

/**
 * Indexes SQLite has no statistics for although their table has some: they
 * came with a migration after the file's last ANALYZE. The app never runs
 * ANALYZE, so the planner guesses for them, as on a deployed database.
 */
export function indexesWithoutStats(db: DB): string[] {
  const c = db.$client;
  const hasStats = c.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
  if (!hasStats) return [];
  return (
    c
      .prepare(
        `select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'
           and tbl_name in (select tbl from sqlite_stat1) and name not in (select idx from sqlite_stat1 where idx is not null)
         order by name`,
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
}

/** Stops a server the bench started: SIGTERM (graceful), SIGKILL after 10 s. */
export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
