/**
 * Express middleware that answers anonymous requests for public pages from
 * the page cache (app/utils/page-cache.server.ts). It sits first in the
 * stack (app/express-app.server.ts): a hit writes stored headers and bytes
 * and returns, paying neither compression, logging middleware nor Remix. A
 * miss renders through Remix's fetch-style handler, stores what may be
 * stored, and answers from the new entry. Concurrent misses for one key wait
 * for a single render.
 */
import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from "express";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { SESSION_COOKIE } from "~/auth/session.server";
import type { DB } from "./db.server";
import {
  type CacheEntry,
  type PageCache,
  isPublicPath,
  matchesEtag,
  nextClockBoundary,
  normaliseUrl,
  pickEncoding,
  readContentVersion,
  toEntry,
} from "./page-cache.server";
import { logRequest } from "./request-log.server";

export type PageCacheOptions = {
  build: ServerBuild;
  getDb: () => DB;
  cache: PageCache;
  getLoadContext: (req: ExpressRequest) => Record<string, unknown>;
  /** Header telling tests and operators whether an answer came from memory. */
  now?: () => number;
  log?: boolean;
};

type Rendered = { entry: CacheEntry } | { response: Response; body: Buffer };

function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return !!cookieHeader && cookieHeader.includes(`${SESSION_COOKIE}=`);
}

export function pageCacheMiddleware(options: PageCacheOptions): RequestHandler {
  const { cache, getDb, now = Date.now, log = true } = options;
  const handle = createRequestHandler(options.build, options.build.mode);
  const inflight = new Map<string, Promise<Rendered>>();

  async function render(req: ExpressRequest, url: string, version: number): Promise<Rendered> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === "if-none-match" || name === "if-modified-since") continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url, { method: "GET", headers });
    const response = await handle(request, options.getLoadContext(req));
    const body = Buffer.from(await response.arrayBuffer());
    const startedAt = now();
    const entry = toEntry(response, body, {
      version,
      expiresAt: nextClockBoundary(getDb(), startedAt),
    });
    return entry ? { entry } : { response, body };
  }

  return async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!isPublicPath(req.path) || hasSessionCookie(req.headers.cookie)) return next();
    const started = process.hrtime.bigint();
    try {
      const version = readContentVersion(getDb());
      if (version === null) return next();
      const url = `${req.protocol}://${req.get("host")}${normaliseUrl(req.originalUrl)}`;

      let state = "hit";
      let entry = cache.get(url);
      if (!entry || entry.version !== version || now() >= entry.expiresAt) {
        state = "miss";
        const key = `${version} ${url}`;
        let pending = inflight.get(key);
        if (!pending) {
          pending = render(req, url, version).finally(() => inflight.delete(key));
          inflight.set(key, pending);
        }
        const rendered = await pending;
        if ("response" in rendered) {
          sendUncached(res, rendered.response, rendered.body, req.method === "HEAD");
          if (log) logRequest(req.method, req.path, res.statusCode, started, "pass");
          return;
        }
        entry = rendered.entry;
        if (entry.version === readContentVersion(getDb())) cache.set(url, entry);
      }
      sendEntry(req, res, entry, state);
      if (log) logRequest(req.method, req.path, res.statusCode, started, state);
    } catch (error) {
      next(error);
    }
  };
}

function sendEntry(req: ExpressRequest, res: ExpressResponse, entry: CacheEntry, state: string) {
  const headers: Record<string, string | number> = Object.fromEntries(entry.headers);
  headers.etag = entry.etag;
  headers["x-cache"] = state;
  if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
    delete headers["content-type"];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers["accept-encoding"], entry);
  const body = entry.bodies[encoding] ?? entry.bodies.identity;
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  headers["content-length"] = body.length;
  res.writeHead(entry.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendUncached(res: ExpressResponse, response: Response, body: Buffer, head: boolean) {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name === "set-cookie" || name === "content-length" || name === "content-encoding") return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.setHeader("X-Cache", "pass");
  res.setHeader("Content-Length", body.length);
  res.end(head ? undefined : body);
}
