/**
 * npm run bench — how the cost of the public and recruiter pages grows with data size.
 *
 *   npm run bench -- [--scales 1x,10x] [--requests 200] [--concurrency 4] [--port 3200] [--no-http]
 *                    [--seconds 5] [--connections 50] [--phases sql,http,throughput,apply]
 *                    [--apply-seconds 10] [--apply-clients 32] [--data-dir bench/.data]
 *                    [--key-queries-only]
 *
 * For each scale it:
 * 1. seeds bench/.data/atrium-<scale>.db with the demo seed (reused when the
 *    file already holds exactly that many researchers, openings and applications);
 *    Then gives one open opening 5,000 active applications in its first
 *    stage (the "hot opening", bench/recruit.ts; added once, kept in the file);
 * 2. times the key queries directly through the app's own model functions
 *    (people search with filters and count, careers list; the hot opening's
 *    pipeline board, candidate review, candidate search and reports, with a
 *    recruiter session) and prints SQLite's EXPLAIN QUERY PLAN for every
 *    statement they run;
 * 3. serves the production build (`node build/index.js`) on that database,
 *    requests representative public URLs and, signed in as the seeded
 *    recruiter, the recruiter pages a bounded number of times over loopback,
 *    and prints median / p95 latency and requests per second;
 * 4. (bench/throughput.ts) loads each anonymous public page with autocannon
 *    on a plain node:http server sending the same bytes, on Atrium in one
 *    process and on Atrium with a worker per core, and prints Atrium's
 *    requests per second as a ratio to the plain server's;
 * 5. (bench/apply.ts) on a copy of the database, signed-in candidates POST
 *    real applications (multipart, PDF résumé) through the apply form, one
 *    process and a worker per core, for --apply-seconds: acknowledged
 *    applications per second, p50/p99, and a check that none was lost.
 * --phases picks which of sql (2), http (3), throughput (4) and apply (5) run
 * (the data, 1, is always prepared); --no-http keeps only sql;
 * --key-queries-only keeps only the people/careers table of the sql phase.
 * --data-dir reads and writes the databases elsewhere than bench/.data (opening
 * a file migrates it: point it at copies to measure a branch with new migrations). On a terminal
 * each phase shows a progress line; the run ends with a summary of the phases
 * and their durations either way.
 * The server is always stopped at the end, and the whole run has a time limit.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase, setDb, type DB } from "../app/utils/db.server";
import { toFtsQuery } from "../app/utils/search";
import { listResearchers } from "../app/models/researcher.server";
import { searchOpenings } from "../app/models/opening.server";
import { isDatabaseEmpty, seed, startOfUtcDay } from "../db/seed";
import {
  assertAllOk,
  captureStatements,
  explain,
  indexesWithoutStats,
  ms,
  stats,
  table,
} from "./lib";
import {
  ensureHotOpening,
  HOT_STAGE_SIZE,
  measureRecruiterSql,
  pickRecruiterSamples,
  recruiterSession,
  recruiterUrls,
  SEEDED_APPLICATIONS_SQL,
} from "./recruit";
import { measureThroughput } from "./throughput";
import { measureApply } from "./apply";
import { progress } from "../db/progress";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let DATA = path.join(ROOT, "bench", ".data");
const TIME_LIMIT_MS = 30 * 60_000;

export const SCALES = {
  "1x": { researchers: 1_000, openings: 200, applications: 5_000 },
  "10x": { researchers: 10_000, openings: 2_000, applications: 50_000 },
  "30x": { researchers: 30_000, openings: 6_000, applications: 150_000 },
  "100x": { researchers: 100_000, openings: 20_000, applications: 500_000 },
} as const;
type ScaleName = keyof typeof SCALES;
const PHASES = ["sql", "http", "throughput", "apply"] as const;

const ArgsSchema = z.object({
  scales: z
    .string()
    .default("1x,10x")
    .transform((s) => s.split(",").map((x) => x.trim()))
    .pipe(z.array(z.enum(Object.keys(SCALES) as [ScaleName, ...ScaleName[]])).min(1)),
  requests: z.coerce.number().int().min(10).max(5_000).default(200),
  concurrency: z.coerce.number().int().min(1).max(32).default(4),
  port: z.coerce.number().int().min(1024).max(65535).default(3200),
  "no-http": z.boolean().default(false),
  /** Seconds of autocannon per URL and server in the ratio table (0 skips it). */
  seconds: z.coerce.number().int().min(0).max(60).default(5),
  connections: z.coerce.number().int().min(1).max(500).default(50),
  phases: z
    .string()
    .default(PHASES.join(","))
    .transform((s) => s.split(",").map((x) => x.trim()))
    .pipe(z.array(z.enum(PHASES)).min(1)),
  /** Seconds of applications per server in the apply phase (0 skips it). */
  "apply-seconds": z.coerce.number().int().min(0).max(120).default(10),
  "apply-clients": z.coerce.number().int().min(1).max(256).default(32),
  "data-dir": z.string().optional(),
  "key-queries-only": z.boolean().default(false),
});

// ───────────────────────────── helpers ─────────────────────────────

/** The server currently running, so every way out of the benchmark stops it. */
let running: ChildProcess | undefined;
function killRunning() {
  if (running && running.exitCode === null) running.kill("SIGKILL");
}
process.on("exit", killRunning);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killRunning();
    process.exit(130);
  });
}

// ───────────────────────────── 1. data ─────────────────────────────

/** Row counts as the seed made them (the hot opening's extra applications are not counted). */
function countsOf(db: DB) {
  return db.$client
    .prepare(
      `select (select count(*) from researchers) researchers, (select count(*) from openings) openings, ${SEEDED_APPLICATIONS_SQL} applications`,
    )
    .get() as { researchers: number; openings: number; applications: number };
}

async function prepareDatabase(name: ScaleName) {
  const file = path.join(DATA, `atrium-${name}.db`);
  const uploadsDir = path.join(DATA, `uploads-${name}`);
  const want = SCALES[name];
  if (fs.existsSync(file)) {
    const db = openDatabase(file);
    const have = countsOf(db);
    if (
      have.researchers === want.researchers &&
      have.openings === want.openings &&
      have.applications === want.applications
    ) {
      console.log(`[${name}] reusing ${path.relative(ROOT, file)}`);
      return { file, uploadsDir, db, seedMs: null as number | null };
    }
    db.$client.close();
    console.log(`[${name}] ${path.relative(ROOT, file)} has other counts; seeding it again`);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(uploadsDir, { recursive: true, force: true });
  const db = openDatabase(file);
  if (!isDatabaseEmpty(db)) throw new Error(`${file} is not empty after deletion`);
  // On a terminal the seed shows its own progress line and summary; in a log, one line here.
  const live = process.stderr.isTTY === true && !process.env.CI;
  const seeding = `[${name}] seeding ${want.researchers} researchers, ${want.openings} openings, ${want.applications} applications`;
  if (live) console.log(`${seeding}…`);
  const summary = await seed(db, { ...want, uploadsDir, quiet: !live });
  if (!live) console.log(`${seeding}: ${(summary.ms / 1000).toFixed(1)} s`);
  // Leave the WAL folded into the main file, as a long-running server would.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.exec("analyze");
  return { file, uploadsDir, db, seedMs: summary.ms };
}

/** Values that make the URLs and queries representative of this data set. */
function pickSamples(db: DB) {
  const c = db.$client;
  const one = <T>(sql: string) => c.prepare(sql).get() as T;
  const prefix = one<{ p: string }>(
    "select substr(name, 1, 3) p from researchers where status = 'current' group by 1 order by count(*) desc, 1 limit 1",
  ).p;
  const area = one<{ id: number; slug: string }>(
    "select id, slug from research_areas order by position limit 1",
  );
  const lab = one<{ id: number; slug: string }>("select id, slug from labs order by id limit 1");
  const person = one<{ slug: string }>(
    "select slug from researchers where status = 'current' order by featured desc, id limit 1",
  ).slug;
  const opening = one<{ slug: string }>(
    `select slug from openings where status = 'open' and (closes_at is null or closes_at > ${Date.now()}) order by published_at desc limit 1`,
  ).slug;
  return {
    prefix,
    area,
    lab,
    person,
    opening,
    careersQuery: "learning",
    kind: "researcher" as const,
  };
}

// ───────────────────────────── 2. SQL ─────────────────────────────

function measureSql(name: ScaleName, db: DB, s: ReturnType<typeof pickSamples>, iterations = 200) {
  setDb(db); // model functions that use getDb() read this database
  const now = Date.now();
  const cases: Array<{ label: string; run: () => unknown }> = [
    { label: "people: all current, page 1", run: () => listResearchers(db, {}) },
    {
      label: `people: q="${s.prefix}" (prefix)`,
      run: () => listResearchers(db, { ftsQuery: toFtsQuery(s.prefix) }),
    },
    {
      label: `people: q="${s.prefix}" + area + lab`,
      run: () =>
        listResearchers(db, { ftsQuery: toFtsQuery(s.prefix), areaId: s.area.id, labId: s.lab.id }),
    },
    {
      label: "people: area, page 2",
      run: () => listResearchers(db, { areaId: s.area.id, page: 2 }),
    },
    {
      label: "people: area + lab, page 3",
      run: () => listResearchers(db, { areaId: s.area.id, labId: s.lab.id, page: 3 }),
    },
    { label: "careers: list, page 1", run: () => searchOpenings(db, { now }) },
    {
      label: `careers: q="${s.careersQuery}" + kind`,
      run: () => searchOpenings(db, { q: s.careersQuery, kind: s.kind, now }),
    },
    {
      label: "careers: area + lab filters",
      run: () => searchOpenings(db, { areaSlug: s.area.slug, labSlug: s.lab.slug, now }),
    },
  ];
  const rows: Array<Array<string | number>> = [];
  const plans: string[] = [];
  const shown = progress(`[${name}] key queries`, cases.length);
  for (const [i, c] of cases.entries()) {
    shown.tick(i);
    for (let i = 0; i < 5; i++) c.run(); // warm the page cache
    const samples: number[] = [];
    let total: unknown;
    // CPU time as well as wall time: on a shared machine the wall-clock
    // percentiles include waiting for a core; the CPU per call does not.
    const cpu = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      total = c.run();
      samples.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    const st = stats(samples);
    rows.push([
      c.label,
      (total as { total: number }).total,
      ms(st.median),
      ms(st.p95),
      ms((used.user + used.system) / 1000 / iterations),
    ]);
    plans.push(
      `${c.label}:`,
      ...explain(
        db,
        captureStatements(db, () => c.run()),
      ),
    );
  }
  shown.done();
  console.log(
    `\n[${name}] key queries through the app's model functions (${iterations} runs each, ms; includes the count query)\n`,
  );
  console.log(table(["query", "matches", "median ms", "p95 ms", "CPU ms/call"], rows));
  console.log(`\n[${name}] EXPLAIN QUERY PLAN\n`);
  console.log(plans.join("\n"));
  return rows;
}

// ───────────────────────────── 3. HTTP ─────────────────────────────

function ensureBuild() {
  if (fs.existsSync(path.join(ROOT, "build", "index.js"))) return;
  console.log("No production build found; running `npx remix build`…");
  const r = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("remix build failed");
}

async function startServer(file: string, uploadsDir: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  try {
    await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(500) });
    throw new Error(`Port ${port} is already in use; pass --port to choose another.`);
  } catch (error) {
    if ((error as Error).message.startsWith("Port")) throw error;
  }
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: file,
      UPLOADS_DIR: uploadsDir,
      PORT: String(port),
      ATRIUM_DEMO: "0",
      NODE_ENV: "production",
    },
    // The server logs one line per request; only its errors matter here.
    stdio: ["ignore", "ignore", "pipe"],
  });
  running = child;
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${stderr}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGTERM");
  throw new Error(`The server did not answer /healthz within 30 s:\n${stderr}`);
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Requests `url` up to `requests` times, `concurrency` at a time. Redirects are
 * not followed, so a lost session shows as 302s instead of timing the login
 * page. With `budgetMs`, no new request starts after that long once 20 are done
 * (slow pages get fewer samples instead of stretching the run).
 */
async function hammer(
  url: string,
  requests: number,
  concurrency: number,
  options: { headers?: Record<string, string>; budgetMs?: number } = {},
) {
  const samples: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const budgetSpent = () =>
    options.budgetMs !== undefined && next >= 20 && performance.now() - started > options.budgetMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests && !budgetSpent()) {
        next++;
        const t = performance.now();
        const res = await fetch(url, {
          headers: options.headers,
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        });
        bytes = (await res.arrayBuffer()).byteLength; // after decompression
        samples.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ...stats(samples),
    rps: samples.length / seconds,
    statuses,
    count: samples.length,
    kb: bytes / 1024,
  };
}

/** Representative anonymous public pages of this data set. */
function publicUrls(s: ReturnType<typeof pickSamples>) {
  return [
    "/",
    "/people",
    `/people?q=${encodeURIComponent(s.prefix)}`,
    `/people?area=${s.area.slug}&lab=${s.lab.slug}`,
    `/people/${s.person}`,
    "/careers",
    `/careers?q=${s.careersQuery}&kind=${s.kind}`,
    `/careers/${s.opening}`,
  ];
}

async function measureHttp(
  name: ScaleName,
  db: { file: string; uploadsDir: string },
  s: ReturnType<typeof pickSamples>,
  recruit: { urls: string[]; cookie: string },
  opts: { requests: number; concurrency: number; port: number },
) {
  const base = `http://127.0.0.1:${opts.port}`;
  const urls = [...publicUrls(s), "/healthz"];
  const server = await startServer(db.file, db.uploadsDir, opts.port);
  // The server's own error lines, shown when a response was not a 200.
  let serverErrors = "";
  server.stderr?.on(
    "data",
    (chunk) => (serverErrors = (serverErrors + String(chunk)).slice(-4000)),
  );
  const rows: Array<Array<string | number>> = [];
  const failures: string[] = [];
  const signedIn = { headers: { Cookie: recruit.cookie } };
  const runs: Array<{
    url: string;
    options: { headers?: Record<string, string>; budgetMs?: number };
  }> = [
    ...urls.map((url) => ({ url, options: {} })),
    // Staff pages: at most 60 s each, so a slow report cannot stretch the run.
    ...recruit.urls.map((url) => ({ url, options: { ...signedIn, budgetMs: 60_000 } })),
  ];
  const shown = progress(`[${name}] HTTP pages`, runs.length);
  try {
    for (const [i, { url, options }] of runs.entries()) {
      shown.tick(i);
      await hammer(base + url, 20, 2, { ...options, budgetMs: options.budgetMs && 10_000 }); // warm-up
      const r = await hammer(base + url, opts.requests, opts.concurrency, options);
      const notOk = [...r.statuses].filter(([code]) => code !== 200);
      if (notOk.length > 0)
        failures.push(`${url}: ${notOk.map(([c, n]) => `${n}×${c}`).join(" ")}`);
      const codes = [...r.statuses]
        .map(([code, n]) => (code === 200 ? "" : `${n}×${code}`))
        .filter(Boolean)
        .join(" ");
      rows.push([
        url,
        r.count,
        ms(r.median),
        ms(r.p95),
        r.rps.toFixed(0),
        r.kb.toFixed(0),
        codes || "200",
      ]);
    }
  } finally {
    shown.done();
    await stopServer(server);
  }
  console.log(
    `\n[${name}] HTTP, production build on 127.0.0.1:${opts.port} (${opts.requests} requests per URL, ${opts.concurrency} at a time; /recruit as the seeded recruiter)\n`,
  );
  console.log(
    table(["URL", "requests", "median ms", "p95 ms", "req/s", "HTML KB", "status"], rows),
  );
  // A redirect or error page is not the page being measured: its timings mean nothing.
  if (failures.length > 0 && serverErrors)
    console.error(`\nServer stderr (tail):\n${serverErrors}`);
  assertAllOk(`[${name}] HTTP`, failures);
  return rows;
}

/**
 * The recruiter workspace's numbers, each beside its goal (the
 * goals are set for 10x data with the 5,000-card stage).
 */
function printBudgets(
  name: ScaleName,
  sqlRows: Array<Array<string | number>>,
  httpRows: Array<Array<string | number>>,
  hotOpeningId: number,
) {
  const median = (label: string) => sqlRows.find((r) => r[0] === label)?.[2] ?? "-";
  const board = httpRows.find((r) => r[0] === `/recruit/openings/${hotOpeningId}`);
  const rows = [
    [
      `board loader, ${HOT_STAGE_SIZE}-card stage (median ms)`,
      median("board loader (whole page's data)"),
      "≤ 50",
    ],
    ["default board HTML (KB)", board?.[5] ?? "-", "≤ 300"],
    ["review loader (median ms)", median("review loader, card in hot stage"), "≤ 30"],
    ["all-openings report, warm (median ms)", median("reports: all openings, warm cache"), "≤ 50"],
  ];
  console.log(`\n[${name}] budgets (goals are for 10x data)\n`);
  console.log(table(["measure", "value", "goal"], rows));
}

// ───────────────────────────── main ─────────────────────────────

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scales: { type: "string" },
      requests: { type: "string" },
      concurrency: { type: "string" },
      port: { type: "string" },
      "no-http": { type: "boolean" },
      seconds: { type: "string" },
      connections: { type: "string" },
      phases: { type: "string" },
      "apply-seconds": { type: "string" },
      "apply-clients": { type: "string" },
      "data-dir": { type: "string" },
      "key-queries-only": { type: "boolean" },
    },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
    return 1;
  }
  const opts = parsed.data;
  if (opts["data-dir"]) DATA = path.resolve(opts["data-dir"]);
  const phases = new Set(opts.phases.filter((p) => p === "sql" || !opts["no-http"]));
  const served = phases.has("http") || phases.has("throughput") || phases.has("apply");
  fs.mkdirSync(DATA, { recursive: true });
  if (served) ensureBuild();
  console.log(
    `Atrium benchmark — ${new Date().toISOString()}, reference day ${new Date(startOfUtcDay()).toISOString().slice(0, 10)}, phases: ${[...phases].join(", ")}`,
  );
  /** What ran and how long it took: the summary printed at the end, on a terminal or in a log. */
  const done: Array<[string, string, number]> = [];
  const timed = async <T>(scale: ScaleName, phase: string, run: () => T | Promise<T>) => {
    const started = performance.now();
    const result = await run();
    done.push([scale, phase, (performance.now() - started) / 1000]);
    return result;
  };
  for (const name of opts.scales) {
    const prepared = await timed(name, "data", async () => {
      const p = await prepareDatabase(name);
      const hot = ensureHotOpening(p.db);
      console.log(
        hot.added > 0
          ? `[${name}] hot opening ${hot.openingId}: added ${hot.added} applications to stage ${hot.stageId} in ${(hot.ms / 1000).toFixed(1)} s`
          : `[${name}] hot opening ${hot.openingId} already has ${HOT_STAGE_SIZE} active applications in stage ${hot.stageId}`,
      );
      return { ...p, hot };
    });
    const unanalysed = indexesWithoutStats(prepared.db);
    if (unanalysed.length > 0) {
      // Kept as they are on purpose: this is how a deployed database meets a new index.
      console.log(
        `[${name}] no ANALYZE statistics for newer indexes (planner guesses): ${unanalysed.join(", ")}`,
      );
    }
    const samples = pickSamples(prepared.db);
    const recruitSamples = pickRecruiterSamples(prepared.db, prepared.hot);
    setDb(prepared.db); // model functions (and the session check) that use getDb() read this file
    const session = recruiterSession(prepared.db);
    let recruitRows: Array<Array<string | number>> | null = null;
    if (phases.has("sql")) {
      recruitRows = await timed(name, "sql", () => {
        measureSql(name, prepared.db, samples);
        if (opts["key-queries-only"]) return null;
        return measureRecruiterSql(name, prepared.db, recruitSamples, session.cookie);
      });
    }
    setDb(undefined);
    prepared.db.$client.close();
    if (phases.has("http")) {
      const httpRows = await timed(name, "http", () =>
        measureHttp(
          name,
          prepared,
          samples,
          { urls: recruiterUrls(recruitSamples), cookie: session.cookie },
          opts,
        ),
      );
      if (recruitRows) printBudgets(name, recruitRows, httpRows, recruitSamples.openingId);
    }
    if (phases.has("throughput") && opts.seconds > 0) {
      await timed(name, "throughput", () =>
        measureThroughput(name, ROOT, prepared, publicUrls(samples), {
          port: opts.port,
          seconds: opts.seconds,
          connections: opts.connections,
        }),
      );
    }
    if (phases.has("apply") && opts["apply-seconds"] > 0) {
      await timed(name, "apply", () =>
        measureApply(name, ROOT, prepared, {
          port: opts.port,
          seconds: opts["apply-seconds"],
          clients: opts["apply-clients"],
        }),
      );
    }
  }
  const total = done.reduce((sum, [, , s]) => sum + s, 0);
  console.log(`\nBenchmark finished: ${done.length} phases in ${total.toFixed(0)} s\n`);
  console.log(
    table(
      ["scale", "phase", "seconds"],
      done.map(([scale, phase, s]) => [scale, phase, s.toFixed(1)]),
    ),
  );
  return 0;
}

const guard = setTimeout(() => {
  console.error(`The benchmark did not finish within ${TIME_LIMIT_MS / 60_000} minutes; stopping.`);
  process.exit(1);
}, TIME_LIMIT_MS);
guard.unref();
process.exitCode = await main(process.argv.slice(2));
