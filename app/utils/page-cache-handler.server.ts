/**
 * Answers anonymous requests for public pages from the page cache
 * (app/utils/page-cache.server.ts). `serveHit` takes Node's own request and
 * response: the server calls it before Express (app/express-app.server.ts),
 * so a hit writes stored headers and bytes paying for neither Express's
 * router, compression, logging middleware nor Remix. The middleware, first in
 * the Express stack, tries the same hit and otherwise renders through Remix's
 * fetch-style handler, stores what may be stored, and answers from the new
 * entry. Concurrent misses for one key wait for a single render.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
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
import type { Encoding } from "./compress.server";

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

export type PageCacheHandlers = {
  /** Answers a valid cached entry from Node's request; false when it did not answer. */
  serveHit: (req: IncomingMessage, res: ServerResponse) => boolean;
  middleware: RequestHandler;
};

/** The URL a request is cached under (Express's `req.protocol` with "trust proxy" off). */
function cacheUrl(req: IncomingMessage, pathAndQuery: string): string {
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  return `${protocol}://${req.headers.host}${normaliseUrl(pathAndQuery)}`;
}

function cacheable(req: IncomingMessage, pathname: string): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    isPublicPath(pathname) &&
    !hasSessionCookie(req.headers.cookie)
  );
}

export function pageCacheHandlers(
  options: PageCacheOptions & {
    /** Headers every answer carries that a hit must carry too (security, worker id). */
    baseHeaders?: Readonly<Record<string, string>>;
  },
): PageCacheHandlers {
  const { cache, getDb, now = Date.now, log = true, baseHeaders = {} } = options;
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

  function serveHit(req: IncomingMessage, res: ServerResponse): boolean {
    const started = process.hrtime.bigint();
    const pathAndQuery = req.url ?? "/";
    const q = pathAndQuery.indexOf("?");
    const pathname = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
    if (!cacheable(req, pathname)) return false;
    const version = readContentVersion(getDb());
    const key = cacheUrl(req, pathAndQuery);
    const entry = version === null ? undefined : cache.get(key);
    if (!entry || entry.version !== version || now() >= entry.expiresAt) return false;
    sendEntry(req, res, entry, "hit", baseHeaders, (e) => cache.variantOf(key, entry, e));
    if (log) logRequest(req.method!, pathname, res.statusCode, started, "hit");
    return true;
  }

  const middleware: RequestHandler = async (req, res, next) => {
    if (!cacheable(req, req.path)) return next();
    const started = process.hrtime.bigint();
    try {
      if (serveHit(req, res)) return;
      const version = readContentVersion(getDb());
      if (version === null) return next();
      const url = cacheUrl(req, req.originalUrl);

      let entry = cache.get(url);
      if (!entry || entry.version !== version || now() >= entry.expiresAt) {
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
      // A miss (a hit was answered above); Express's own middleware adds the base headers.
      const fresh = entry;
      sendEntry(req, res, fresh, "miss", {}, (e) => cache.variantOf(url, fresh, e));
      if (log) logRequest(req.method, req.path, res.statusCode, started, "miss");
    } catch (error) {
      next(error);
    }
  };
  return { serveHit, middleware };
}

function sendEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CacheEntry,
  state: string,
  baseHeaders: Readonly<Record<string, string>>,
  variant: (encoding: Encoding) => Buffer,
) {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(baseHeaders)) headers[name.toLowerCase()] = value;
  Object.assign(headers, Object.fromEntries(entry.headers)); // the page's own (its CSP) win
  headers.etag = entry.etag;
  headers["x-cache"] = state;
  if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
    delete headers["content-type"];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers["accept-encoding"], entry);
  const body = variant(encoding);
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
