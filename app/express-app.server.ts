/**
 * The Express application behind app/server.ts, built by a factory so tests
 * can drive the same stack with a Remix build of their own.
 *
 * In order:
 * 1. the worker's id, and a replica's signed client address believed or dropped;
 * 2. forwarded headers from trusted proxies only (TRUST_PROXY), one host per request;
 * 3. the security headers (so every answer has them: static files, refusals, 404s);
 * 4. the access log, then compression;
 * 5. fingerprinted assets and public files;
 * 6. the page cache for anonymous public pages;
 * 7. the CSRF and host checks (403/400 before any action runs);
 * 8. the LiteFS replica router, then Remix (`@remix-run/express`).
 */
import cluster from "node:cluster";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import zlib from "node:zlib";
import compression from "compression";
import express, { type RequestHandler } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { originCheck } from "./auth/csrf.server";
import type { DB } from "./utils/db.server";
import { PageCache } from "./utils/page-cache.server";
import { pageCacheHandlers } from "./utils/page-cache-handler.server";
import { forwardedHeaders, type TrustProxy, type TrustProxySetting } from "./utils/proxy.server";
import { forwardedClientIp } from "./utils/replica.server";
import { logRequest } from "./utils/request-log.server";
import { securityHeaders } from "./utils/security-headers.server";

export type AppOptions = {
  build: ServerBuild;
  /** Log each request (method, path without query, status, time). Default true. */
  log?: boolean;
  /** Folder served at `/` with a short cache (default "public"). */
  publicDir?: string;
  /** Express's `trust proxy` (TRUST_PROXY); false trusts no proxy. */
  trustProxy?: TrustProxySetting;
  /** PUBLIC_ORIGIN: the only origin forms may come from when set. */
  publicOrigin?: string;
  /** Middleware between the CSRF check and Remix (the LiteFS replica router). */
  beforeRemix?: RequestHandler[];
  /** The key a LiteFS replica signs the client's address with (app/utils/replica.server.ts). */
  forwardingKey?: () => Buffer | null;
  /**
   * Serve anonymous public pages from memory (app/utils/page-cache.server.ts).
   * Needs the database to read the content version; off when absent.
   */
  pageCache?: { getDb: () => DB; maxBytes?: number };
};

/** 64 MB of rendered pages per process by default (PAGE_CACHE_MB). */
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** A last path segment with an extension, like `favicon.svg`. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's CSP nonce, for the document's inline scripts (app/entry.server.tsx). */
    cspNonce?: string;
  }
}

/**
 * Atrium's request listener for `http.createServer`: a stored public page
 * is answered straight away, everything else goes through the Express app.
 */
export function createApp(options: AppOptions): RequestListener & { app: express.Express } {
  const { build, log = true, publicDir = "public", beforeRemix = [], pageCache } = options;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  const trust = app.get("trust proxy fn") as TrustProxy;

  // Which worker answered (0 in a single process): for operators reading logs and for the
  // test that proves workers share state. It says nothing about the machine.
  const worker = String(cluster.worker?.id ?? 0);
  app.use((_req, res, next) => {
    res.setHeader("X-Worker", worker);
    next();
  });
  if (options.forwardingKey) app.use(forwardedClientIp(options.forwardingKey));
  app.use(forwardedHeaders(trust));
  app.use(securityHeaders);
  if (log) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const cache = res.getHeader("X-Cache");
        logRequest(
          req.method,
          req.path,
          res.statusCode,
          started,
          cache ? String(cache) : undefined,
        );
      });
      next();
    });
  }
  // A page rendered for one request is compressed once and sent once: the
  // fastest levels (nginx's default for gzip), as the bytes saved by higher
  // ones cost more CPU than they save on the wire. Pages the page cache keeps
  // are compressed again at higher levels, once, when first asked for.
  app.use(
    compression({
      level: 1,
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
    }),
  );

  app.use(
    build.publicPath,
    express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", index: false }),
  );
  // Only a path with a file extension can name a file in public/ (favicons):
  // pages skip the disk lookup express.static would make for each of them.
  const servePublic = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (FILE_NAME.test(req.path) ? servePublic(req, res, next) : next()));

  const cached = pageCache
    ? pageCacheHandlers({
        getDb: pageCache.getDb,
        cache: new PageCache(pageCache.maxBytes ?? DEFAULT_CACHE_BYTES),
        trust,
        log,
      })
    : undefined;
  if (cached) app.use(cached.middleware);

  app.use(originCheck({ publicOrigin: options.publicOrigin }));
  for (const handler of beforeRemix) app.use(handler);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      // The client's address reaches loaders and actions here (app/auth/client-ip.server.ts):
      // the socket's peer, a trusted proxy's X-Forwarded-For, or a replica's signed header.
      getLoadContext: (req, res) => ({
        clientIp: res.locals.forwardedClientIp ?? req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce,
      }),
    }),
  );

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!cached?.serveHit(req, res)) app(req, res);
  };
  return Object.assign(listener, { app });
}
