/**
 * The Express application behind app/server.ts, built by a factory so tests
 * can drive the same middleware stack with a Remix build of their own.
 *
 * Order matters: security headers first (so every answer has them: static
 * files, the CSRF 403, resource routes, 404s), then compression, logging,
 * static files, the CSRF check, and Remix.
 */
import cluster from "node:cluster";
import http, {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import compression from "compression";
import express, { type RequestHandler } from "express";
import type { ServerBuild } from "@remix-run/node";
import { isSafeMethod, isSameOriginHeaders } from "./auth/csrf.server";
import type { DB } from "./utils/db.server";
import { PageCache } from "./utils/page-cache.server";
import { pageCacheHandlers } from "./utils/page-cache-handler.server";
import { logRequest } from "./utils/request-log.server";
import { createRemixHandler } from "./utils/remix-handler.server";

/**
 * Headers every response carries, whatever produced it. A response that sets
 * its own value keeps it (pages send a nonce CSP; downloads their own nosniff).
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  // Browsers ignore HSTS over plain http (local runs); over https it keeps visitors on https.
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Non-HTML answers (JSON, CSV, PDF, text) need no sources at all; pages replace this
  // with their nonce policy in app/entry.server.tsx.
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/**
 * Adds BASELINE_HEADERS at the moment the status line is written (Node calls
 * `writeHead` for every response, implicit or not), only where the response
 * has not set that header itself: no duplicates, nothing overridden.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    // A headers object passed to writeHead wins over ours as well.
    const passed = args.find(
      (a): a is OutgoingHttpHeaders => typeof a === "object" && a !== null && !Array.isArray(a),
    );
    for (const [name, value] of Object.entries(BASELINE_HEADERS)) {
      const inArgs =
        passed && Object.keys(passed).some((k) => k.toLowerCase() === name.toLowerCase());
      if (!this.hasHeader(name) && !inArgs) this.setHeader(name, value);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  next();
};

/** A last path segment with an extension, like `favicon.svg`. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/** Refuses cross-site state-changing requests with 403 before any action runs. */
export const csrfCheck: RequestHandler = (req, res, next) => {
  // Most requests are reads: no need to build the expected origin for them.
  if (isSafeMethod(req.method)) return next();
  const ok = isSameOriginHeaders({
    method: req.method,
    origin: req.get("origin"),
    referer: req.get("referer"),
    expectedOrigin: `${req.protocol}://${req.get("host")}`,
  });
  if (ok) return next();
  res.status(403).type("text/plain").send("Cross-site request refused.");
};

export type AppOptions = {
  build: ServerBuild;
  /** Log each request (method, path without query, status, time). Default true. */
  log?: boolean;
  /** Folder served at `/` with a short cache (default "public"). */
  publicDir?: string;
  /** Middleware between the CSRF check and Remix (the LiteFS replica router). */
  beforeRemix?: RequestHandler[];
  /**
   * Serve anonymous public pages from memory (app/utils/page-cache.server.ts).
   * Needs the database to read the content version; off when absent.
   */
  pageCache?: { getDb: () => DB; maxBytes?: number };
};

/** 64 MB of rendered pages per process by default (PAGE_CACHE_MB). */
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** Atrium's Express app: every middleware and Remix, not yet listening. */
export function createApp({
  build,
  log = true,
  publicDir = "public",
  beforeRemix = [],
  pageCache,
}: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // Which worker answered (0 in a single process): for operators reading logs and for the
  // test that proves workers share state. It says nothing about the machine.
  const worker = String(cluster.worker?.id ?? 0);
  app.use((_req, res, next) => {
    res.setHeader("X-Worker", worker);
    next();
  });
  app.use(securityHeaders);
  const getLoadContext = (req: express.Request) => ({
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
  });
  if (pageCache) {
    const cached = pageCacheHandlers({
      build,
      getDb: pageCache.getDb,
      cache: new PageCache(pageCache.maxBytes ?? DEFAULT_CACHE_BYTES),
      getLoadContext,
      log,
      baseHeaders: { ...BASELINE_HEADERS, "X-Worker": worker },
    });
    // Before compression and logging: a hit answers with stored, pre-compressed bytes.
    app.use(cached.middleware);
    // A hit is answered before Express itself: `listen` serves requests
    // through serveHit first, so the most common answer skips the router.
    app.listen = ((...args: unknown[]) =>
      http
        .createServer((req, res) => {
          if (!cached.serveHit(req, res)) app(req, res);
        })
        .listen(...(args as Parameters<http.Server["listen"]>))) as typeof app.listen;
  }
  app.use(compression());

  if (log) {
    app.use((req: IncomingMessage & express.Request, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => logRequest(req.method, req.path, res.statusCode, started));
      next();
    });
  }

  app.use(
    build.publicPath,
    express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", index: false }),
  );
  // Only a path with a file extension can name a file in public/ (favicons):
  // pages skip the disk lookup express.static would make for each of them.
  const servePublic = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (FILE_NAME.test(req.path) ? servePublic(req, res, next) : next()));

  app.use(csrfCheck);
  for (const handler of beforeRemix) app.use(handler);

  // The client's address reaches loaders and actions through the load context
  // (app/auth/client-ip.server.ts). "trust proxy" is off, so `req.ip` is the
  // socket's peer and cannot be forged with X-Forwarded-For.
  app.all("*", createRemixHandler({ build, getLoadContext }));
  return app;
}
