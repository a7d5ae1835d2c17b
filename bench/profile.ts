/**
 * CPU profiles of uncached renders ("profile /people, a profile,
 * /careers and the board with --cpu-prof"):
 *
 *   npx tsx --import ./bench/css-stub.mjs bench/profile.ts [--db bench/.data/atrium-1x.db]
 *     [--port 3900] [--requests 300] [--out /tmp/atrium-prof] [--only <part of a URL>] [--no-prof]
 *     [--url /privacy --url /people]   (other anonymous URLs instead of the usual four)
 *
 * For each URL it starts the production build alone (NODE_ENV=production,
 * WEB_CONCURRENCY=1, PAGE_CACHE_MB=0 so every request renders, ATRIUM_DEMO=0)
 * under `node --cpu-prof`, waits until it is idle, sends `--requests`
 * requests (4 at a time; the board as the bench's two-factor-verified
 * recruiter) and stops it. It prints
 * - CPU ms per request: the server's user+system time over the requests
 *   (from /proc/<pid>/stat), divided by their number;
 * - the top self-time functions of the profile after start-up (samples
 *   before the first idle second are start-up and are left out).
 * Every response must be a 200, or the run fails.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "../app/utils/db.server";
import { assertAllOk, table } from "./lib";
import { ensureHotOpening, recruiterSession } from "./recruit";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TICK_MS = 10; // USER_HZ = 100 on Linux

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Self time per function after start-up: samples from the first idle second on. */
function topSelf(profile: Profile, limit: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let idleRun = 0;
  let started = false;
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = node.callFrame.functionName;
    if (!started) {
      idleRun = name === "(idle)" ? idleRun + dt : 0;
      if (idleRun >= 1000) started = true;
      return;
    }
    if (name === "(idle)" || name === "(program)") return;
    const file = node.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\//, "");
    const key = `${name || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return {
    total,
    top: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, v]) => ({ fn: k, ms: v, share: v / total })),
  };
}

async function waitUntilUp(base: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

async function profileUrl(
  url: string,
  opts: {
    db: string;
    uploads: string;
    port: number;
    requests: number;
    out: string;
    prof: boolean;
  },
  headers: Record<string, string>,
) {
  const dir = path.join(opts.out, url.replace(/[^a-z0-9]+/gi, "_"));
  fs.rmSync(dir, { recursive: true, force: true });
  const flags = opts.prof ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
  const child = spawn(process.execPath, [...flags, "build/index.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: "1",
      PAGE_CACHE_MB: "0",
      ATRIUM_DEMO: "0",
      DATABASE_URL: opts.db,
      UPLOADS_DIR: opts.uploads,
      PORT: String(opts.port),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${opts.port}`;
  const failures: string[] = [];
  try {
    await waitUntilUp(base);
    for (let i = 0; i < 20; i++) await (await fetch(base + url, { headers })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 1500)); // an idle second marks the end of start-up
    const before = cpuMs(child.pid!);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < opts.requests) {
          next++;
          const res = await fetch(base + url, { headers, redirect: "manual" });
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`${url}: ${res.status}`);
        }
      }),
    );
    const perRequest = (cpuMs(child.pid!) - before) / opts.requests;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT"); // --cpu-prof writes its file on a clean exit
    await exited;
    assertAllOk(`profile ${url}`, failures.slice(0, 5));
    if (!opts.prof) return { perRequest, total: 0, top: [], file: "(not profiled)" };
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no profile written in ${dir}`);
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
    return { perRequest, ...topSelf(profile, 12), file: path.join(dir, file) };
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "bench/.data/atrium-1x.db" },
      uploads: { type: "string", default: "bench/.data/uploads-1x" },
      port: { type: "string", default: "3900" },
      requests: { type: "string", default: "300" },
      out: { type: "string", default: "/tmp/atrium-prof" },
      only: { type: "string" },
      /** Profile these URLs (anonymous) instead of the usual four; repeatable. */
      url: { type: "string", multiple: true },
      /** Measure CPU per request without the profiler's own overhead. */
      "no-prof": { type: "boolean", default: false },
    },
  });
  const db = openDatabase(path.resolve(ROOT, values.db!));
  const hot = ensureHotOpening(db);
  const person = (
    db.$client
      .prepare(
        "select slug from researchers where status = 'current' order by featured desc, id limit 1",
      )
      .get() as { slug: string }
  ).slug;
  const session = recruiterSession(db);
  db.$client.close();
  const urls: Array<[string, Record<string, string>]> = values.url?.length
    ? values.url.map((u) => [u, {}])
    : [
        ["/people", {}],
        [`/people/${person}`, {}],
        ["/careers", {}],
        [`/recruit/openings/${hot.openingId}`, { Cookie: session.cookie }],
      ];
  const opts = {
    db: values.db!,
    uploads: values.uploads!,
    port: Number(values.port),
    requests: Number(values.requests),
    out: values.out!,
    prof: !values["no-prof"],
  };
  const summary: Array<Array<string | number>> = [];
  for (const [url, headers] of urls) {
    if (values.only && !url.includes(values.only)) continue;
    const r = await profileUrl(url, opts, headers);
    summary.push([url, r.perRequest.toFixed(2)]);
    console.log(
      `\n${url}: ${r.perRequest.toFixed(2)} ms CPU per request (${opts.requests} requests); profile ${r.file}\n`,
    );
    console.log(
      table(
        ["function (self time)", "ms", "share"],
        r.top.map((t) => [t.fn, t.ms.toFixed(0), `${(t.share * 100).toFixed(1)} %`]),
      ),
    );
  }
  console.log("\n" + table(["URL", "CPU ms / request"], summary));
}

await main();
