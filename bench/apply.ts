/**
 * Apply throughput: acknowledged applications per second sustained
 * with `synchronous = FULL`, 0 lost, one process and a worker per core.
 *
 * On a copy of the scale's bench database (the original stays untouched) it
 * 1. picks open openings without reference letters, with their screening
 *    questions, and creates candidate accounts with sessions directly in the
 *    file (not measured: creating an account hashes a password with argon2,
 *    which is signing up, not applying);
 * 2. serves the production build (`node build/index.js`) on the copy, once with
 *    WEB_CONCURRENCY=1 and once with a worker per core, and has `clients`
 *    concurrent HTTP clients POST real applications through the real form
 *    action for `seconds` (after a one-second warm-up): multipart, a ~100 KB
 *    PDF résumé, every question answered, consent, the session cookie and a
 *    same-origin `Origin` header;
 * 3. counts responses that acknowledge (302 to /applications/<id>?submitted=1)
 *    per second of the window; any other response ends the run as failed;
 * 4. after each server has stopped, checks that every acknowledged
 *    application is in the database for the right candidate with its résumé
 *    file on disk at the recorded size (0 lost), and that nothing was stored
 *    that was not acknowledged.
 * It prints the rate over the window, the slowest second, p50/p99 latency and
 * the CPU per application of the server (all its processes) and of the client
 * beside the goal. BENCH_APPLY_CPU_PROF=<dir> runs the servers under
 * `node --cpu-prof` (profiles in <dir>) to see where the time goes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createSession, SESSION_COOKIE } from "../app/auth/session.server";
import { openDatabase } from "../app/utils/db.server";
import { buildResumePdf } from "../db/seed-pdf";
import * as s from "../db/schema";
import { progress } from "../db/progress";
import { ms, stop, table } from "./lib";

/** The goal: applications acknowledged per second, durably. */
export const APPLY_GOAL_PER_SECOND = 300;
const OPENINGS = 20;
const WARM_UP_MS = 1_000;
/** Applications each run may need at most (a ceiling of 1,500/s on this hardware class). */
const PAIRS_PER_SECOND = 1_500;

type Pair = { candidateId: number; token: string; opening: PreparedOpening };
type PreparedOpening = { id: number; slug: string; fields: Array<[string, string]> };
type RunResult = {
  label: string;
  processes: number;
  acked: Map<number, number>; // application id → candidate id (measured window and warm-up)
  inWindow: number;
  perSecond: number[];
  latencies: number[];
  failures: string[];
  seconds: number;
  /** Server CPU (all its processes) and this client's CPU over the window, in ms. */
  serverCpuMs: number;
  clientCpuMs: number;
};

/** A well-formed PDF padded with comment lines to about `kb` kilobytes (a typical résumé). */
function resumeBytes(kb: number): Buffer {
  const small = buildResumePdf("Bench Candidate", ["A résumé sent by the apply benchmark."]);
  const header = small.subarray(0, small.indexOf(10) + 1);
  const padding = Buffer.from(`%${"x".repeat(1023)}\n`.repeat(Math.max(0, kb - 1)));
  return Buffer.concat([header, padding, small.subarray(header.length)]);
}

/** The body a browser sends: text fields then the file, in one multipart/form-data body. */
function multipart(fields: Array<[string, string]>, pdf: Buffer, boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return Buffer.concat(parts);
}

/** The form fields that answer every screening question of an opening. */
function answersFor(
  questions: Array<{ id: number; type: string; options: string[] | null }>,
): Array<[string, string]> {
  return questions.map((q) => {
    const value =
      q.type === "yes_no"
        ? "yes"
        : q.type === "single_choice"
          ? (q.options?.[0] ?? "")
          : "An answer written for the apply benchmark.";
    return [`answer-${q.id}`, value];
  });
}

/**
 * Copies the scale's database (WAL folded in first) and prepares openings and
 * candidates with sessions on the copy; returns the queue of (candidate,
 * opening) pairs each run takes from, one application per pair.
 */
function prepareCopy(source: string, dir: string, pairsNeeded: number) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "uploads"), { recursive: true });
  const src = new Database(source);
  src.pragma("wal_checkpoint(TRUNCATE)");
  src.close();
  const file = path.join(dir, "atrium.db");
  fs.copyFileSync(source, file);
  const db = openDatabase(file);
  const c = db.$client;
  const now = Date.now();
  const rows = c
    .prepare(
      `select o.id, o.slug from openings o
        where o.status = 'open' and (o.closes_at is null or o.closes_at > ?) and o.letters_required = 0
          and exists (select 1 from stages st where st.opening_id = o.id)
        order by o.id limit ${OPENINGS}`,
    )
    .all(now + 3_600_000) as Array<{ id: number; slug: string }>;
  if (rows.length === 0) throw new Error("BENCH FAILED — no open opening to apply to in the copy");
  const questionsOf = c.prepare(
    "select id, type, options from screening_questions where opening_id = ? order by position",
  );
  const openings: PreparedOpening[] = rows.map((o) => {
    const questions = (
      questionsOf.all(o.id) as Array<{ id: number; type: string; options: string | null }>
    ).map((q) => ({ ...q, options: q.options ? (JSON.parse(q.options) as string[]) : null }));
    return {
      ...o,
      fields: [
        ["resumeChoice", "upload"],
        ["coverLetter", "I would like to join the team; this letter comes from the benchmark."],
        ["source", ""],
        ["consent", "on"],
        ...answersFor(questions),
      ],
    };
  });
  const candidates = Math.ceil(pairsNeeded / openings.length);
  // Any syntactically valid hash: these accounts never sign in with a password.
  const HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$YmVuY2hoYXNo";
  const pairs: Pair[] = [];
  db.transaction((tx) => {
    for (let i = 0; i < candidates; i++) {
      const user = tx
        .insert(s.users)
        .values({
          email: `apply-bench-${i}@example.test`,
          name: `Apply Bench ${i}`,
          role: "candidate",
          passwordHash: HASH,
        })
        .returning({ id: s.users.id })
        .get();
      const token = createSession(tx, user.id, {}, now).token;
      for (const opening of openings) pairs.push({ candidateId: user.id, token, opening });
    }
  });
  const before = (c.prepare("select count(*) n from applications").get() as { n: number }).n;
  c.pragma("wal_checkpoint(TRUNCATE)");
  c.close();
  // Interleave openings so consecutive requests go to different openings and candidates.
  pairs.sort((a, b) => a.opening.id - b.opening.id || a.candidateId - b.candidateId);
  const byOpening = openings.map((o) => pairs.filter((p) => p.opening.id === o.id));
  const queue: Pair[] = [];
  for (let i = 0; i < candidates; i++) for (const list of byOpening) queue.push(list[i]);
  return { file, uploadsDir: path.join(dir, "uploads"), queue, openings, before };
}

function startAtrium(
  root: string,
  env: Record<string, string>,
): { child: ChildProcess; stderr: () => string } {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    ATRIUM_DEMO: "0",
    NODE_ENV: "production",
    ...env,
  };
  // Same-origin check against the request's own host, as on loopback.
  delete merged.PUBLIC_ORIGIN;
  delete merged.SMTP_URL;
  // BENCH_APPLY_CPU_PROF=<dir>: V8 CPU profiles of the server's processes, to see where the time goes.
  const prof = process.env.BENCH_APPLY_CPU_PROF;
  const flags = prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [];
  const child = spawn(process.execPath, [...flags, "build/index.js"], {
    cwd: root,
    env: merged,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + String(d)).slice(-4000)));
  return { child, stderr: () => stderr };
}

async function waitFor(base: string, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Atrium exited early:\n${stderr()}`);
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Atrium did not answer /healthz within 60 s:\n${stderr()}`);
}

/** utime + stime in ms of a process and its children (the cluster's workers), from /proc. */
function cpuMsOfTree(pid: number): number {
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[1] is the parent pid, [11] utime, [12] stime (man 5 proc, counted from `state`).
    if (Number(entry) === pid || Number(fields[1]) === pid)
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  }
  return total;
}

function post(
  agent: http.Agent,
  port: number,
  pathName: string,
  body: Buffer,
  boundary: string,
  cookie: string,
): Promise<{ status: number; location: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: pathName,
        headers: {
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": body.byteLength,
          origin: `http://127.0.0.1:${port}`,
          cookie,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

async function runLoad(
  label: string,
  processes: number,
  port: number,
  queue: Pair[],
  cursor: { next: number },
  pdf: Buffer,
  opts: { seconds: number; clients: number },
  serverPid: number,
): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const acked = new Map<number, number>();
  const latencies: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const windowStart = started + WARM_UP_MS;
  const windowEnd = windowStart + opts.seconds * 1000;
  const perSecond = new Array<number>(opts.seconds).fill(0);
  let inWindow = 0;
  // On a terminal: the seconds of the window so far and the applications acknowledged in it.
  const shown: { line?: ReturnType<typeof progress> } = {};
  const ticker = setInterval(() => {
    const elapsed = Math.floor((performance.now() - windowStart) / 1000);
    if (elapsed < 0) return;
    shown.line ??= progress(`${label}, seconds`, opts.seconds, process.stderr, {
      showRate: false,
    });
    shown.line.tick(
      Math.min(opts.seconds, elapsed),
      `${inWindow.toLocaleString("en")} acknowledged`,
    );
  }, 250);
  const cpu = { server: 0, client: 0 };
  const cpuStart = setTimeout(() => {
    cpu.server = -cpuMsOfTree(serverPid);
    const u = process.cpuUsage();
    cpu.client = -(u.user + u.system) / 1000;
  }, WARM_UP_MS);
  const cpuEnd = setTimeout(
    () => {
      cpu.server += cpuMsOfTree(serverPid);
      const u = process.cpuUsage();
      cpu.client += (u.user + u.system) / 1000;
    },
    WARM_UP_MS + opts.seconds * 1000,
  );
  const bodies = new Map<number, { body: Buffer; boundary: string }>();
  const bodyFor = (opening: PreparedOpening) => {
    let b = bodies.get(opening.id);
    if (!b) {
      const boundary = `----AtriumBench${opening.id.toString(16).padStart(8, "0")}`;
      b = { body: multipart(opening.fields, pdf, boundary), boundary };
      bodies.set(opening.id, b);
    }
    return b;
  };
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (performance.now() < windowEnd && failures.length === 0) {
        const pair = queue[cursor.next++];
        if (!pair) {
          failures.push(
            "ran out of prepared candidates (raise PAIRS_PER_SECOND in bench/apply.ts)",
          );
          return;
        }
        const { body, boundary } = bodyFor(pair.opening);
        const t = performance.now();
        let res: { status: number; location: string; text: string };
        try {
          res = await post(
            agent,
            port,
            `/careers/${pair.opening.slug}/apply`,
            body,
            boundary,
            `${SESSION_COOKIE}=${pair.token}`,
          );
        } catch (error) {
          failures.push(`request failed: ${(error as Error).message}`);
          return;
        }
        const done = performance.now();
        const match = /^\/applications\/(\d+)\?submitted=1$/.exec(res.location);
        if (res.status !== 302 || !match) {
          const text = res.text
            .replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ")
            .slice(0, 300);
          failures.push(`${res.status} ${res.location || ""} ${text}`.trim());
          return;
        }
        acked.set(Number(match[1]), pair.candidateId);
        if (t >= windowStart && done <= windowEnd) latencies.push(done - t);
        if (done >= windowStart && done < windowEnd) {
          inWindow++;
          perSecond[Math.floor((done - windowStart) / 1000)]++;
        }
      }
    }),
  );
  clearInterval(ticker);
  clearTimeout(cpuStart);
  clearTimeout(cpuEnd);
  shown.line?.done();
  agent.destroy();
  return {
    label,
    processes,
    acked,
    inWindow,
    perSecond,
    latencies,
    failures,
    seconds: opts.seconds,
    serverCpuMs: cpu.server,
    clientCpuMs: cpu.client,
  };
}

/** Every acknowledged application stored for its candidate, with its résumé on disk; nothing else stored. */
function verify(file: string, uploadsDir: string, acked: Map<number, number>, before: number) {
  // The app's own connection setup (app/utils/db.server.ts), as the server opened it.
  const app = openDatabase(file, { migrate: false });
  const db = app.$client;
  const problems: string[] = [];
  const sync = db.pragma("synchronous", { simple: true });
  if (sync !== 2)
    problems.push(`the app opens the database with synchronous = ${String(sync)}, not FULL (2)`);
  const row = db.prepare(
    `select a.candidate_id candidateId, f.storage_name storageName, f.size size
       from applications a left join files f on f.id = a.resume_file_id where a.id = ?`,
  );
  let lost = 0;
  let missingFiles = 0;
  for (const [id, candidateId] of acked) {
    const r = row.get(id) as
      { candidateId: number; storageName: string | null; size: number } | undefined;
    if (!r || r.candidateId !== candidateId) {
      lost++;
      continue;
    }
    let size = -1;
    try {
      size = r.storageName ? fs.statSync(path.join(uploadsDir, r.storageName)).size : -1;
    } catch {
      // missing
    }
    if (size !== r.size) missingFiles++;
  }
  const total = (db.prepare("select count(*) n from applications").get() as { n: number }).n;
  db.close();
  const unacknowledged = total - before - acked.size;
  if (lost > 0) problems.push(`${lost} acknowledged applications lost`);
  if (missingFiles > 0) problems.push(`${missingFiles} acknowledged résumés missing or truncated`);
  if (unacknowledged !== 0)
    problems.push(`${unacknowledged} applications stored that were never acknowledged`);
  return { lost, missingFiles, unacknowledged, problems, synchronous: sync };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function measureApply(
  name: string,
  root: string,
  db: { file: string },
  opts: { port: number; seconds: number; clients: number; resumeKb?: number },
) {
  const cores = os.availableParallelism();
  const dir = path.join(path.dirname(db.file), `apply-${name}`);
  const pairsNeeded = 2 * PAIRS_PER_SECOND * (opts.seconds + WARM_UP_MS / 1000 + 1);
  const t0 = performance.now();
  const copy = prepareCopy(db.file, dir, pairsNeeded);
  console.log(
    `[${name}] apply: copied the database, ${copy.openings.length} open openings, ${(copy.queue.length / copy.openings.length).toLocaleString("en")} candidates with sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const pdf = resumeBytes(opts.resumeKb ?? 100);
  const base = `http://127.0.0.1:${opts.port}`;
  const cursor = { next: 0 };
  const results: Array<RunResult & { check: ReturnType<typeof verify> }> = [];
  let applied = copy.before;
  try {
    for (const processes of [1, cores]) {
      const label = `[${name}] apply, ${processes === 1 ? "1 process" : `${processes} workers`}`;
      const server = startAtrium(root, {
        DATABASE_URL: copy.file,
        UPLOADS_DIR: copy.uploadsDir,
        PORT: String(opts.port),
        WEB_CONCURRENCY: String(processes),
      });
      let run: RunResult;
      try {
        await waitFor(base, server.child, server.stderr);
        run = await runLoad(
          label,
          processes,
          opts.port,
          copy.queue,
          cursor,
          pdf,
          opts,
          server.child.pid!,
        );
      } finally {
        await stop(server.child);
      }
      if (run.failures.length > 0 && server.stderr())
        console.error(`\nServer stderr (tail):\n${server.stderr()}`);
      const check = verify(copy.file, copy.uploadsDir, run.acked, applied);
      applied += run.acked.size + check.unacknowledged;
      results.push({ ...run, check });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const rows = results.map((r) => {
    const sorted = r.latencies.slice().sort((a, b) => a - b);
    const rate = r.inWindow / r.seconds;
    return [
      r.processes === 1 ? "1 process" : `${r.processes} workers`,
      r.inWindow,
      rate.toFixed(0),
      Math.min(...r.perSecond),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 99)),
      r.inWindow > 0 ? ms(r.serverCpuMs / r.inWindow) : "-",
      r.inWindow > 0 ? ms(r.clientCpuMs / r.inWindow) : "-",
      `≥ ${APPLY_GOAL_PER_SECOND}`,
      rate >= APPLY_GOAL_PER_SECOND ? "met" : "NOT met",
      r.check.lost + r.check.missingFiles,
      String(r.check.synchronous) === "2" ? "FULL" : String(r.check.synchronous),
    ];
  });
  console.log(
    `\n[${name}] Apply: signed-in candidates POST the real form (multipart, ${opts.resumeKb ?? 100} KB PDF, every question answered), ${opts.clients} clients, ${opts.seconds} s after a 1 s warm-up; load ${os.loadavg()[0].toFixed(2)} (1 min) on ${cores} cores\n`,
  );
  console.log(
    table(
      [
        "server",
        "acknowledged",
        "applications/s",
        "slowest second",
        "p50 ms",
        "p99 ms",
        "server CPU ms/app",
        "client CPU ms/app",
        "goal",
        "",
        "lost",
        "synchronous",
      ],
      rows,
    ),
  );
  const failures = results.flatMap((r) =>
    [...r.failures.slice(0, 3), ...r.check.problems].map(
      (f) => `${r.processes === 1 ? "1 process" : `${r.processes} workers`}: ${f}`,
    ),
  );
  if (failures.length > 0) {
    const message = `[${name}] apply: ${failures.join("\n  ")}`;
    console.error(`\nBENCH FAILED — ${message}`);
    throw new Error(message);
  }
  return rows;
}
