/**
 * Atrium's HTTP server. remix.config.js names this file as the server entry,
 * so `remix build` bundles it with the app into build/index.js, and
 * `node build/index.js` serves the production build.
 *
 * At start it validates the environment, opens (and migrates) the database,
 * refuses to serve published demo accounts on a public address
 * (app/utils/demo-guard.server.ts), then runs the upload sweep and the
 * retention job and schedules them daily (app/jobs/daily.server.ts).
 *
 * Before Remix sees a request, the app (app/express-app.server.ts):
 * - adds the security headers to every response, whatever produced it;
 * - refuses cross-site state-changing requests with 403 (CSRF), so no action can forget it;
 * - logs method, path (never the query string, which can carry reset tokens), status and time;
 * - serves fingerprinted assets with a one-year cache and public/ with a short one.
 * See docs/decisions/0002-server-entry.md.
 */
import { broadcastDevReady } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import { createApp } from "./express-app.server";
import { startDailyJobs } from "./jobs/daily.server";
import { getDemoStartupProblem } from "./utils/demo-guard.server";
import { getEnv, resolvePath } from "./utils/env.server";
import { getDb, migrationsFolder } from "./utils/db.server";
import { isReplica, replicaMiddleware, waitUntilMigrated } from "./utils/replica.server";
import { getUploadStorage } from "./utils/storage/index.server";
import { uploadsDir } from "./utils/uploads.server";

const env = getEnv();
// Open the database (and apply migrations) before the first request.
const db = getDb();
// A LiteFS replica does not migrate: it waits for the primary's schema (docs/deploy.md).
const dbFile = resolvePath(env.DATABASE_URL);
if (isReplica(dbFile)) await waitUntilMigrated(getDb().$client, migrationsFolder());

const problem = getDemoStartupProblem(db, env);
if (problem) {
  console.error(problem);
  process.exit(1);
}

const stopJobs = startDailyJobs(db, {
  uploadsDir: uploadsDir(),
  storage: getUploadStorage(),
  months: env.RETENTION_MONTHS,
  sweepMinAgeMs: env.SWEEP_MIN_AGE_MINUTES * 60_000,
});

const app = createApp({
  build,
  // On a LiteFS replica, writes go to the primary and reads wait for the client's last write.
  beforeRemix: [
    replicaMiddleware({
      dbFile,
      primaryPort: env.ATRIUM_PRIMARY_PORT ?? env.PORT,
      primaryUrl: env.ATRIUM_PRIMARY_URL,
      flyRegion: env.FLY_REGION,
    }),
  ],
});

const server = app.listen(env.PORT, () => {
  console.log(`Atrium listening on http://localhost:${env.PORT}`);
  if (build.mode === "development") void broadcastDevReady(build);
});

function shutdown() {
  stopJobs();
  server.close(() => {
    getDb().$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
