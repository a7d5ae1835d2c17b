/**
 * npm run bench:compare -- --baseline <checkout> — this build against another
 * one (a worktree of an earlier commit, built with `npm run build`), in one
 * run on one machine and one database, so the two are measured under the same
 * load:
 *
 * 1. anonymous public pages, page cache warm, one process each: autocannon
 *    requests/s of this build and of the baseline, each as a ratio to a plain
 *    node:http server sending this build's bytes (bench/plain-server.mjs);
 * 2. CPU per uncached render (PAGE_CACHE_MB=0, one process): the server's
 *    user+system time over `--requests` requests, baseline and this build
 *    alternating for `--rounds` rounds, median reported.
 *
 *   npx tsx --import ./bench/css-stub.mjs bench/compare.ts --baseline ../atrium-main
 *     [--db bench/.data/atrium-10x.db] [--uploads bench/.data/uploads-10x]
 *     [--seconds 5] [--connections 50] [--requests 1000] [--rounds 3] [--port 3200]
 *
 * The database must exist (`npm run bench -- --scales 10x --phases sql` makes it)
 * and carry no migration the baseline lacks. Every response must be a 200.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { assertAllOk, stop, table } from "./lib";
import { load, rawGet, waitFor, type Run } from "./throughput";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TICK_MS = 10; // USER_HZ = 100 on Linux

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    db: { type: "string", default: "bench/.data/atrium-10x.db" },
    uploads: { type: "string", default: "bench/.data/uploads-10x" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
    requests: { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: "3200" },
  },
});
if (!values.baseline) throw new Error("--baseline <checkout with a build> is required");
const baseline = path.resolve(values.baseline);
const dbFile = path.resolve(ROOT, values.db!);
const uploadsDir = path.resolve(ROOT, values.uploads!);
for (const [what, file] of [
  ["database", dbFile],
  ["baseline build", path.join(baseline, "build", "index.js")],
  ["this build", path.join(ROOT, "build", "index.js")],
] as const) {
  if (!fs.existsSync(file)) throw new Error(`No ${what} at ${file}`);
}
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const requests = Number(values.requests);
const rounds = Number(values.rounds);

function samples() {
  const db = new Database(dbFile, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get() as { v: string }).v;
  const person = one(
    "select slug v from researchers where status = 'current' order by featured desc, id limit 1",
  );
  const opening = one(
    `select slug v from openings where status = 'open' and (closes_at is null or closes_at > ${Date.now()}) order by published_at desc limit 1`,
  );
  db.close();
  return { person, opening };
}
const { person, opening } = samples();
const cachedUrls = [
  "/",
  "/people",
  `/people/${person}`,
  "/careers",
  `/careers/${opening}`,
  "/publications",
];
const cpuUrls = ["/people", `/people/${person}`, "/careers"];

function start(root: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      ATRIUM_DEMO: "0",
      WEB_CONCURRENCY: "1",
      DATABASE_URL: dbFile,
      UPLOADS_DIR: uploadsDir,
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const failures: string[] = [];
const check = (label: string, run: Run) => {
  if (run.non2xx + run.errors > 0)
    failures.push(`${label}: ${run.non2xx} non-2xx, ${run.errors} errors`);
  return run;
};

/** Requests/s of each cached page on one build (cache warmed first). */
async function cachedRun(root: string, label: string) {
  const child = start(root, {});
  try {
    await waitFor(base, child);
    const pages: Record<string, { headers: Record<string, string>; body: string }> = {};
    for (const url of cachedUrls) {
      const page = await rawGet(base + url);
      if (page.status !== 200) failures.push(`${label} ${url}: ${page.status}`);
      pages[url] = { headers: page.headers, body: page.body.toString("base64") };
    }
    for (const url of cachedUrls) await load(base + url, 4, 1);
    const runs = new Map<string, Run>();
    for (const url of cachedUrls)
      runs.set(url, check(`${label} ${url}`, await load(base + url, connections, seconds)));
    return { runs, pages };
  } finally {
    await stop(child);
  }
}

async function plainRun(pages: Record<string, { headers: Record<string, string>; body: string }>) {
  const file = path.join(os.tmpdir(), `atrium-compare-pages-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(pages));
  const plain = fork(path.join(ROOT, "bench", "plain-server.mjs"), [file, String(port)], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    await new Promise((resolve) => plain.once("message", resolve));
    const runs = new Map<string, Run>();
    for (const url of cachedUrls)
      runs.set(url, check(`plain ${url}`, await load(base + url, connections, seconds)));
    return runs;
  } finally {
    await stop(plain);
    fs.rmSync(file, { force: true });
  }
}

/** CPU ms per uncached render of `url` on one build. */
async function cpuRun(root: string, url: string) {
  const child = start(root, { PAGE_CACHE_MB: "0" });
  try {
    await waitFor(base, child);
    for (let i = 0; i < 50; i++) await (await fetch(base + url)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
    const before = cpuMs(child.pid!);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < requests) {
          next++;
          const res = await fetch(base + url, { headers: { "accept-encoding": "br, gzip" } });
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`${root} ${url}: ${res.status}`);
        }
      }),
    );
    return (cpuMs(child.pid!) - before) / requests;
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const step = (what: string) => process.stderr.write(`[compare] ${what}\n`);
step("cached pages, this build");
const after = await cachedRun(ROOT, "this build");
step("cached pages, baseline");
const before = await cachedRun(baseline, "baseline");
step("cached pages, plain node:http");
const plain = await plainRun(after.pages);

const cpu = new Map<string, { before: number[]; after: number[] }>(
  cpuUrls.map((u) => [u, { before: [], after: [] }]),
);
for (let round = 0; round < rounds; round++) {
  for (const url of cpuUrls) {
    step(`CPU per render, round ${round + 1} of ${rounds}: ${url}`);
    cpu.get(url)!.before.push(await cpuRun(baseline, url));
    cpu.get(url)!.after.push(await cpuRun(ROOT, url));
  }
}

const pct = (a: Run, b: Run) => `${((a.rps / b.rps) * 100).toFixed(0)} %`;
console.log(
  `\nAnonymous public pages from the page cache, one process (autocannon, ${connections} connections, ${seconds} s each; ${os.availableParallelism()} cores)\n`,
);
console.log(
  table(
    ["URL", "plain req/s", "baseline req/s", "ratio", "this build req/s", "ratio"],
    cachedUrls.map((url) => {
      const p = plain.get(url)!;
      const b = before.runs.get(url)!;
      const a = after.runs.get(url)!;
      return [url, p.rps.toFixed(0), b.rps.toFixed(0), pct(b, p), a.rps.toFixed(0), pct(a, p)];
    }),
  ),
);
console.log(
  `\nCPU per uncached render (PAGE_CACHE_MB=0, one process, ${requests} requests, median of ${rounds} alternating rounds)\n`,
);
console.log(
  table(
    ["URL", "baseline ms", "this build ms", "× baseline"],
    cpuUrls.map((url) => {
      const { before: b, after: a } = cpu.get(url)!;
      return [url, median(b).toFixed(2), median(a).toFixed(2), (median(a) / median(b)).toFixed(2)];
    }),
  ),
);
assertAllOk("compare", failures.slice(0, 10));
