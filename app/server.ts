/**
 * Atrium's HTTP server. remix.config.js names this file as the server entry,
 * so `remix build` bundles it with the app into build/index.js, and
 * `node build/index.js` serves the production build.
 *
 * Before Remix sees a request, the server:
 * - refuses cross-site state-changing requests with 403 (CSRF), so no action can forget it;
 * - logs method, path (never the query string, which can carry reset tokens), status and time;
 * - serves fingerprinted assets with a one-year cache and public/ with a short one.
 * See docs/decisions/0002-server-entry.md.
 */
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import { isSameOriginHeaders } from "./auth/csrf.server";
import { getEnv, resolvePath } from "./utils/env.server";
import { getDb, migrationsFolder } from "./utils/db.server";
import { isReplica, replicaMiddleware, waitUntilMigrated } from "./utils/replica.server";

const env = getEnv();
// Open the database (and apply migrations) before the first request.
getDb();
// A LiteFS replica does not migrate: it waits for the primary's schema (docs/deploy.md).
const dbFile = resolvePath(env.DATABASE_URL);
if (isReplica(dbFile)) await waitUntilMigrated(getDb().$client, migrationsFolder());

const app = express();
app.disable("x-powered-by");
app.use(compression());

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  next();
});

app.use(
  build.publicPath,
  express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", index: false }),
);
app.use(express.static("public", { maxAge: "1h", index: false }));

app.use((req, res, next) => {
  const ok = isSameOriginHeaders({
    method: req.method,
    origin: req.get("origin"),
    referer: req.get("referer"),
    expectedOrigin: `${req.protocol}://${req.get("host")}`,
  });
  if (ok) return next();
  res.status(403).type("text/plain").send("Cross-site request refused.");
});

// On a LiteFS replica, writes go to the primary and reads wait for the client's last write.
app.use(
  replicaMiddleware({
    dbFile,
    primaryPort: env.ATRIUM_PRIMARY_PORT ?? env.PORT,
    primaryUrl: env.ATRIUM_PRIMARY_URL,
    flyRegion: env.FLY_REGION,
  }),
);

// The client's address reaches loaders and actions through the load context
// (app/auth/client-ip.server.ts). "trust proxy" is off, so `req.ip` is the
// socket's peer and cannot be forged with X-Forwarded-For.
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Atrium listening on http://localhost:${env.PORT}`);
  if (build.mode === "development") void broadcastDevReady(build);
});

function shutdown() {
  server.close(() => {
    getDb().$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
