/**
 * Public-page throughput as a ratio to the machine's ceiling: for
 * each anonymous public URL, autocannon (50 connections) against
 * - a plain node:http server returning the very same bytes (bench/plain-server.mjs),
 * - Atrium in one process (WEB_CONCURRENCY=1), page cache warm,
 * - Atrium with one worker per core,
 * in the same run, and prints requests/s, p99 and Atrium's ratio to the plain
 * server. The ratio, not the absolute number, is what carries across machines.
 *
 * Warm cache hits are so cheap that the load client, on the same cores, is
 * the limit for one process and for all workers alike. So the same pages are
 * then loaded with the page cache off (PAGE_CACHE_MB=0: every request renders,
 * as for signed-in pages, searches and first hits), in one process and with one
 * worker per core: there the server's CPU is the limit, and "× workers" shows
 * what the other cores add.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { progress } from "../db/progress";
import { assertAllOk, stop, table } from "./lib";

export type Run = { rps: number; p99: number; non2xx: number; errors: number };

export async function load(url: string, connections: number, seconds: number): Promise<Run> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { "accept-encoding": "br, gzip" },
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The bytes and headers exactly as sent (fetch would decompress them). */
export function rawGet(
  url: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "br, gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (
              typeof v === "string" &&
              !["content-length", "date", "connection", "keep-alive"].includes(k)
            ) {
              headers[k] = v;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}

export async function waitFor(base: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("Atrium exited before answering /healthz");
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("Atrium did not answer /healthz within 60 s");
}

export function startAtrium(root: string, env: Record<string, string>) {
  return spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: { ...process.env, ATRIUM_DEMO: "0", NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function measureThroughput(
  name: string,
  root: string,
  db: { file: string; uploadsDir: string },
  urls: string[],
  opts: { port: number; seconds: number; connections: number },
) {
  const base = `http://127.0.0.1:${opts.port}`;
  const env = { DATABASE_URL: db.file, UPLOADS_DIR: db.uploadsDir, PORT: String(opts.port) };
  const results = new Map<string, { plain?: Run; single?: Run; all?: Run; kb: number }>();
  // On a terminal: one line counting the autocannon runs (each URL on three servers).
  const shown = progress(`[${name}] throughput runs`, urls.length * 5);
  let runs = 0;
  const measured = (run: Run) => {
    shown.tick(++runs);
    return run;
  };

  // 1. Atrium, one process: record each page's bytes, then measure it warm.
  const pages: Record<string, { headers: Record<string, string>; body: string }> = {};
  let atrium = startAtrium(root, { ...env, WEB_CONCURRENCY: "1" });
  try {
    await waitFor(base, atrium);
    for (const url of urls) {
      const page = await rawGet(base + url);
      if (page.status !== 200)
        throw new Error(`BENCH FAILED — ${url} answered ${page.status}, not 200`);
      pages[url] = { headers: page.headers, body: page.body.toString("base64") };
      results.set(url, { kb: page.body.length / 1024 });
    }
    // Warm up as for the workers below: one second per page, so the first page
    // measured does not pay for the JIT compiling the server's hot path.
    for (const url of urls) await load(base + url, 4, 1);
    for (const url of urls)
      results.get(url)!.single = measured(await load(base + url, opts.connections, opts.seconds));
  } finally {
    await stop(atrium);
  }

  // 2. The plain server with the same bytes.
  const file = path.join(os.tmpdir(), `atrium-bench-pages-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(pages));
  const plain = fork(path.join(root, "bench", "plain-server.mjs"), [file, String(opts.port)], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    await new Promise((resolve) => plain.once("message", resolve));
    for (const url of urls)
      results.get(url)!.plain = measured(await load(base + url, opts.connections, opts.seconds));
  } finally {
    await stop(plain);
    fs.rmSync(file, { force: true });
  }

  // 3. Atrium with one worker per core.
  const cores = os.availableParallelism();
  atrium = startAtrium(root, env);
  try {
    await waitFor(base, atrium);
    for (const url of urls) await load(base + url, 4, 1); // fill each worker's cache
    for (const url of urls)
      results.get(url)!.all = measured(await load(base + url, opts.connections, opts.seconds));
  } finally {
    await stop(atrium);
  }

  // 4. Every request rendered: one process, then one worker per core.
  const uncached = new Map<string, { single?: Run; all?: Run }>(urls.map((u) => [u, {}]));
  try {
    for (const workers of ["1", String(cores)] as const) {
      atrium = startAtrium(root, { ...env, PAGE_CACHE_MB: "0", WEB_CONCURRENCY: workers });
      try {
        await waitFor(base, atrium);
        for (const url of urls) await load(base + url, 4, 1);
        for (const url of urls) {
          const run = measured(await load(base + url, opts.connections, opts.seconds));
          uncached.get(url)![workers === "1" ? "single" : "all"] = run;
        }
      } finally {
        await stop(atrium);
      }
    }
  } finally {
    shown.done();
  }

  const rows = urls.map((url) => {
    const r = results.get(url)!;
    const ratio = (run?: Run) =>
      r.plain && run ? `${((run.rps / r.plain.rps) * 100).toFixed(0)} %` : "-";
    return [
      url,
      r.kb.toFixed(0),
      r.plain!.rps.toFixed(0),
      r.single!.rps.toFixed(0),
      r.single!.p99,
      ratio(r.single),
      r.all!.rps.toFixed(0),
      r.all!.p99,
      ratio(r.all),
      (r.all!.rps / r.single!.rps).toFixed(2),
      r.single!.non2xx + r.all!.non2xx,
    ];
  });
  const failures = urls.flatMap((url) => {
    const r = { ...results.get(url)!, ...prefixed(uncached.get(url)!) };
    return (["single", "all", "plain", "uncached single", "uncached all"] as const)
      .filter((k) => (r[k]?.non2xx ?? 0) + (r[k]?.errors ?? 0) > 0)
      .map((k) => `${url} (${k}): ${r[k]!.non2xx} non-2xx, ${r[k]!.errors} errors/timeouts`);
  });
  console.log(
    `\n[${name}] Anonymous public pages vs a plain node:http server sending the same bytes (autocannon, ${opts.connections} connections, ${opts.seconds} s each; ${cores} cores)\n`,
  );
  console.log(
    table(
      [
        "URL",
        "KB sent",
        "plain req/s",
        "1 proc req/s",
        "p99 ms",
        "ratio",
        `${cores} workers req/s`,
        "p99 ms",
        "ratio",
        "× workers",
        "non-2xx",
      ],
      rows,
    ),
  );
  console.log(
    `\n[${name}] The same pages rendered on every request (PAGE_CACHE_MB=0), one process against ${cores} workers\n`,
  );
  console.log(
    table(
      ["URL", "1 proc req/s", "p99 ms", `${cores} workers req/s`, "p99 ms", "× workers"],
      urls.map((url) => {
        const { single, all } = uncached.get(url)!;
        return [
          url,
          single!.rps.toFixed(0),
          single!.p99,
          all!.rps.toFixed(0),
          all!.p99,
          (all!.rps / single!.rps).toFixed(2),
        ];
      }),
    ),
  );
  assertAllOk(`[${name}] throughput`, failures);
  return rows;
}

function prefixed(runs: { single?: Run; all?: Run }) {
  return { "uncached single": runs.single, "uncached all": runs.all };
}
