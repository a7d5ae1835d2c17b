/**
 * Atrium's HTTP server. remix.config.js names this file as the server entry,
 * so `remix build` bundles it with the app into build/index.js, and
 * `node build/index.js` serves the production build.
 *
 * Processes: one worker per core by default (WEB_CONCURRENCY sets the number;
 * 1 keeps everything in this one process). The primary validates the
 * environment, opens and migrates the database once, refuses to serve
 * published demo accounts on a public address (app/utils/demo-guard.server.ts)
 * or to start there without ATRIUM_SECRET_KEY (app/utils/secrets.server.ts),
 * runs the upload sweep and the retention job daily (app/jobs/daily.server.ts)
 * on the LiteFS primary only, then forks the workers, restarts any that dies
 * (sweeping what it left behind) and, on SIGTERM, lets them finish their
 * requests before it exits. Workers share the port and the SQLite file:
 * sessions, throttles and the page cache's content version live in the
 * database, so every worker sees the same state.
 *
 * Workers run with NODE_ENV=production when the build is a production build,
 * whatever command started the primary: React's development build renders
 * much slower.
 *
 * Each worker serves `http.createServer` with the listener from
 * app/express-app.server.ts: stored public pages straight from the page
 * cache, everything else through Express (security headers, proxy headers,
 * compression, static files, the CSRF check) and Remix's Express adapter.
 * See docs/architecture.md ("Serving") and docs/decisions/0017-stock-server.md.
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { broadcastDevReady } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import { createApp } from "./express-app.server";
import { startDailyJobs, workerDeathSweeper } from "./jobs/daily.server";
import { announceSetup } from "./auth/setup.server";
import { getDemoStartupProblem } from "./utils/demo-guard.server";
import { getEnv, resolvePath } from "./utils/env.server";
import { getDb, migrationsFolder } from "./utils/db.server";
import {
  ensureForwardingKey,
  isReplica,
  readForwardingKey,
  replicaMiddleware,
  waitUntilMigrated,
} from "./utils/replica.server";
import { getKeyring, secretKeyProblem } from "./utils/secrets.server";
import { flushRequestLog } from "./utils/request-log.server";
import { getUploadStorage } from "./utils/storage/index.server";
import { uploadsDir } from "./utils/uploads.server";

const env = getEnv();
const dbFile = resolvePath(env.DATABASE_URL);
// Development (remix dev) stays in one process: the dev server reloads it.
const workerCount =
  build.mode === "production" ? (env.WEB_CONCURRENCY ?? os.availableParallelism()) : 1;

/** Where the jobs find uploads, and whether this node may write (not a LiteFS replica). */
const jobOptions = {
  uploadsDir: uploadsDir(),
  storage: getUploadStorage(),
  sweepMinAgeMs: env.SWEEP_MIN_AGE_MINUTES * 60_000,
  isPrimary: () => !isReplica(dbFile),
};

let stopPrimaryWork = () => {};

if (cluster.isPrimary) await prepare();
if (cluster.isPrimary && workerCount > 1) runPrimary(workerCount);
else serve();

/** Once per start, before any request: migrate, check the demo guard, schedule the daily jobs. */
async function prepare() {
  // Before anything is opened: migrating seals stored secrets with the key.
  const keyProblem = secretKeyProblem(env);
  if (keyProblem) {
    console.error(keyProblem);
    process.exit(1);
  }
  // Open the database (and apply migrations) before the first request.
  const db = getDb();
  // A LiteFS replica does not migrate: it waits for the primary's schema (docs/deploy.md).
  if (isReplica(dbFile)) await waitUntilMigrated(db.$client, migrationsFolder());
  else ensureForwardingKey(db.$client);
  const problem = getDemoStartupProblem(db, env);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  // No admin yet (a deployment without demo data): print the one-time setup address.
  if (!isReplica(dbFile)) announceSetup(db, env);
  // Made here, before the workers start, so they all read the one key file of a local run.
  getKeyring();
  stopPrimaryWork = startDailyJobs(db, { ...jobOptions, months: env.RETENTION_MONTHS });
}

function runPrimary(count: number) {
  let stopping = false;
  // A worker that dies within a few seconds of starting, again and again, is a
  // broken deployment: give up rather than fork in a tight loop.
  const recentCrashes: number[] = [];
  const workerEnv = build.mode === "production" ? { NODE_ENV: "production" } : {};
  let listening = 0;
  const sweeper = workerDeathSweeper(getDb(), jobOptions);

  for (let i = 0; i < count; i++) cluster.fork(workerEnv);
  cluster.on("listening", () => {
    if (++listening === count) {
      console.log(`Atrium listening on http://localhost:${env.PORT} (${count} workers)`);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length && recentCrashes[0] < now - 60_000) recentCrashes.shift();
    console.error(
      `[cluster] worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    if (recentCrashes.length > count * 5) {
      console.error("[cluster] workers keep dying; stopping");
      process.exit(1);
    }
    cluster.fork(workerEnv);
    void sweeper.workerDied();
  });

  function shutdown() {
    if (stopping) return;
    stopping = true;
    stopPrimaryWork();
    sweeper.stop();
    const workers = Object.values(cluster.workers ?? {});
    let alive = workers.length;
    const done = () => {
      getDb().$client.close();
      process.exit(0);
    };
    if (alive === 0) return done();
    for (const worker of workers) {
      worker?.once("exit", () => {
        if (--alive === 0) done();
      });
      worker?.process.kill("SIGTERM");
    }
    // Requests still open after 10 s are cut; SQLite's WAL keeps every committed write.
    setTimeout(() => process.exit(0), 10_000).unref();
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

function serve() {
  const listener = createApp({
    build,
    trustProxy: env.TRUST_PROXY,
    publicOrigin: env.PUBLIC_ORIGIN && new URL(env.PUBLIC_ORIGIN).origin,
    forwardingKey: () => readForwardingKey(getDb().$client),
    // On a LiteFS replica, writes go to the primary and reads wait for the client's last write.
    beforeRemix: [
      replicaMiddleware({
        dbFile,
        primaryPort: env.ATRIUM_PRIMARY_PORT ?? env.PORT,
        primaryUrl: env.ATRIUM_PRIMARY_URL,
        flyRegion: env.FLY_REGION,
        forwardingKey: () => readForwardingKey(getDb().$client),
      }),
    ],
    pageCache:
      env.PAGE_CACHE_MB > 0 ? { getDb, maxBytes: env.PAGE_CACHE_MB * 1024 * 1024 } : undefined,
  });

  const server = http.createServer(listener);
  server.listen(env.PORT, () => {
    if (cluster.isPrimary) console.log(`Atrium listening on http://localhost:${env.PORT}`);
    if (build.mode === "development") void broadcastDevReady(build);
  });

  function shutdown() {
    if (cluster.isPrimary) stopPrimaryWork();
    server.close(() => {
      flushRequestLog();
      getDb().$client.close();
      process.exit(0);
    });
    // Keep-alive connections idle between requests must not hold the exit.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 8000).unref();
  }
  process.on("SIGTERM", shutdown);
  // Ctrl-C reaches the primary and every worker at once; the primary coordinates.
  process.on("SIGINT", cluster.isPrimary ? shutdown : () => {});
}
