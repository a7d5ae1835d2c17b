/**
 * npm run bench:compare -- --baseline <checkout> — this build against another
 * one (a worktree of an earlier commit, built with `npm run build`), in one
 * run on one machine and one database, so the two are measured under the same
 * load:
 *
 * 1. anonymous public pages, page cache warm, one process each: autocannon
 *    requests/s of this build and of the baseline, each as a ratio to a plain
 *    node:http server sending this build's bytes (bench/plain-server.mjs);
 * 2. CPU per uncached render (PAGE_CACHE_MB=0, one process each): the
 *    server's user+system time over `--requests` requests.
 * The servers of each half run side by side (ports --port, +1, +2) and are
 * loaded in turn for `--rounds` rounds; medians are reported.
 *
 *   npx tsx --import ./bench/css-stub.mjs bench/compare.ts --baseline ../atrium-main
 *     [--db bench/.data/atrium-10x.db] [--uploads bench/.data/uploads-10x]
 *     [--seconds 5] [--connections 50] [--requests 1000] [--rounds 3] [--port 3200]
 *     [--only cached|cpu]
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
    /** Only one half: "cached" or "cpu". */
    only: { type: "string" },
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
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const only = values.only;

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

function start(root: string, port: number, env: Record<string, string>): ChildProcess {
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
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const step = (what: string) => process.stderr.write(`[compare] ${what}\n`);
const PORTS = { after: port, before: port + 1, plain: port + 2 } as const;
const urlOf = (which: keyof typeof PORTS, url: string) => `http://127.0.0.1:${PORTS[which]}${url}`;

/**
 * Cached pages: the three servers run side by side (this build, the baseline,
 * the plain server with this build's bytes) and are loaded in turn, URL by
 * URL and round by round, so a busy machine weighs on all three alike.
 */
async function cachedPages() {
  const after = start(ROOT, PORTS.after, {});
  const before = start(baseline, PORTS.before, {});
  let plain: ChildProcess | undefined;
  const file = path.join(os.tmpdir(), `atrium-compare-pages-${process.pid}.json`);
  try {
    await waitFor(`http://127.0.0.1:${PORTS.after}`, after);
    await waitFor(`http://127.0.0.1:${PORTS.before}`, before);
    const pages: Record<string, { headers: Record<string, string>; body: string }> = {};
    for (const url of cachedUrls) {
      const page = await rawGet(urlOf("after", url));
      if (page.status !== 200) failures.push(`this build ${url}: ${page.status}`);
      pages[url] = { headers: page.headers, body: page.body.toString("base64") };
      if ((await rawGet(urlOf("before", url))).status !== 200)
        failures.push(`baseline ${url}: not 200`);
    }
    fs.writeFileSync(file, JSON.stringify(pages));
    plain = fork(path.join(ROOT, "bench", "plain-server.mjs"), [file, String(PORTS.plain)], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    await new Promise((resolve) => plain!.once("message", resolve));
    const runs = new Map<string, number[]>();
    for (let round = 0; round < rounds; round++) {
      step(`cached pages, round ${round + 1} of ${rounds}`);
      for (const url of cachedUrls) {
        // Warm each server's cache and JIT for this page, then measure each in turn.
        for (const which of ["after", "before"] as const) await load(urlOf(which, url), 4, 1);
        const order = (["after", "before", "plain"] as const).slice();
        if (round % 2) order.reverse();
        for (const which of order) {
          const run = check(`${which} ${url}`, await load(urlOf(which, url), connections, seconds));
          const key = `${which} ${url}`;
          runs.set(key, [...(runs.get(key) ?? []), run.rps]);
        }
      }
    }
    return (which: keyof typeof PORTS, url: string) => median(runs.get(`${which} ${url}`)!);
  } finally {
    await stop(after);
    await stop(before);
    if (plain) await stop(plain);
    fs.rmSync(file, { force: true });
  }
}

/**
 * CPU per uncached render: both builds run side by side with the page cache
 * off and are sent batches of `--requests` requests in turn; each server's
 * user+system time over its batch, divided by the batch.
 */
async function uncachedCpu() {
  const servers = {
    after: start(ROOT, PORTS.after, { PAGE_CACHE_MB: "0" }),
    before: start(baseline, PORTS.before, { PAGE_CACHE_MB: "0" }),
  };
  try {
    for (const which of ["after", "before"] as const)
      await waitFor(`http://127.0.0.1:${PORTS[which]}`, servers[which]);
    const samples = new Map<string, number[]>();
    for (let round = 0; round < rounds; round++) {
      step(`CPU per render, round ${round + 1} of ${rounds}`);
      for (const url of cpuUrls) {
        const order = (["before", "after"] as const).slice();
        if (round % 2) order.reverse();
        for (const which of order) {
          const child = servers[which];
          for (let i = 0; i < 20; i++) await (await fetch(urlOf(which, url))).arrayBuffer();
          const cpuBefore = cpuMs(child.pid!);
          let next = 0;
          await Promise.all(
            Array.from({ length: 4 }, async () => {
              while (next < requests) {
                next++;
                const res = await fetch(urlOf(which, url), {
                  headers: { "accept-encoding": "br, gzip" },
                });
                await res.arrayBuffer();
                if (res.status !== 200) failures.push(`${which} ${url}: ${res.status}`);
              }
            }),
          );
          const key = `${which} ${url}`;
          samples.set(key, [
            ...(samples.get(key) ?? []),
            (cpuMs(child.pid!) - cpuBefore) / requests,
          ]);
        }
      }
    }
    return (which: "after" | "before", url: string) => median(samples.get(`${which} ${url}`)!);
  } finally {
    await stop(servers.after);
    await stop(servers.before);
  }
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
if (only !== "cpu") {
  const rps = await cachedPages();
  console.log(
    `\nAnonymous public pages from the page cache, one process each (autocannon, ${connections} connections, ${seconds} s, median of ${rounds} interleaved rounds; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end)\n`,
  );
  console.log(
    table(
      ["URL", "plain req/s", "baseline req/s", "ratio", "this build req/s", "ratio"],
      cachedUrls.map((url) => {
        const p = rps("plain", url);
        const b = rps("before", url);
        const a = rps("after", url);
        return [url, p.toFixed(0), b.toFixed(0), pct(b, p), a.toFixed(0), pct(a, p)];
      }),
    ),
  );
}
if (only !== "cached") {
  const cpu = await uncachedCpu();
  console.log(
    `\nCPU per uncached render (PAGE_CACHE_MB=0, one process each, ${requests} requests per batch, median of ${rounds} interleaved rounds)\n`,
  );
  console.log(
    table(
      ["URL", "baseline ms", "this build ms", "× baseline"],
      cpuUrls.map((url) => {
        const b = cpu("before", url);
        const a = cpu("after", url);
        return [url, b.toFixed(2), a.toFixed(2), (a / b).toFixed(2)];
      }),
    ),
  );
}
assertAllOk("compare", failures.slice(0, 10));
