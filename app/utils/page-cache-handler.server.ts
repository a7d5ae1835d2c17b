/**
 * Answers anonymous requests for public pages from the page cache
 * (app/utils/page-cache.server.ts).
 *
 * - `serveHit` takes Node's own request and response: app/server.ts calls it
 *   before Express, so the most common answer — a stored page — costs a
 *   version read and a write, and none of Express's routing, Remix or React.
 *   It also runs as the first step of `middleware`.
 * - `middleware` sits in the Express stack after compression and before
 *   Remix. On a miss it lets the request go on to Remix like any other and
 *   collects what Remix writes; a storable answer (a 200 text page without
 *   cookies or `private`) becomes an entry and is sent from it, so the first
 *   visitor gets exactly the bytes and headers every later one will.
 *   Concurrent misses for one page wait for a single render.
 *
 * Keys are the scheme and host the request was made to (as a trusted proxy
 * reports them, app/utils/proxy.server.ts) plus the normalised path: the very
 * parts Remix's request URL, and so every absolute link a page writes, come
 * from. A stored entry carries the headers its render had (the security
 * headers, with the CSP's nonce replaced by script hashes), so a hit answers
 * with the same headers as the render did.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { DB } from "./db.server";
import { hasSessionCookie } from "./session-cookie.server";
import {
  type CacheEntry,
  type Encoding,
  type PageCache,
  isPublicPath,
  matchesEtag,
  negotiateEncoding,
  nextClockBoundary,
  normaliseUrl,
  readContentVersion,
  toEntry,
} from "./page-cache.server";
import { logRequest } from "./request-log.server";
import { requestProtocolAndHost, type TrustProxy } from "./proxy.server";

export type PageCacheOptions = {
  getDb: () => DB;
  cache: PageCache;
  /** Which proxies' X-Forwarded-* headers to believe (Express's compiled `trust proxy`). */
  trust: TrustProxy;
  now?: () => number;
  /** Log hits answered by serveHit (Express's own log line covers the rest). */
  log?: boolean;
};

export type PageCacheHandlers = {
  /** Answers a valid stored entry from Node's request; false when it did not answer. */
  serveHit: (req: IncomingMessage, res: ServerResponse) => boolean;
  middleware: RequestHandler;
};

/** The largest answer collected for storing; larger ones pass through as they come. */
const MAX_COLLECTED_BYTES = 8 * 1024 * 1024;

function cacheable(req: IncomingMessage, pathname: string): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    isPublicPath(pathname) &&
    !hasSessionCookie(req.headers.cookie)
  );
}

function pathnameOf(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

export function pageCacheHandlers(options: PageCacheOptions): PageCacheHandlers {
  const { cache, getDb, trust, now = Date.now, log = true } = options;
  const inflight = new Map<string, Promise<CacheEntry | null>>();

  function keyOf(req: IncomingMessage): string {
    const { protocol, host } = requestProtocolAndHost(req, trust);
    return `${protocol}://${host}${normaliseUrl(req.url ?? "/")}`;
  }

  function valid(entry: CacheEntry | undefined, version: number | null): entry is CacheEntry {
    return !!entry && entry.version === version && now() < entry.expiresAt;
  }

  function serveHit(req: IncomingMessage, res: ServerResponse): boolean {
    const started = process.hrtime.bigint();
    const pathname = pathnameOf(req.url ?? "/");
    if (!cacheable(req, pathname)) return false;
    const key = keyOf(req);
    const entry = cache.get(key);
    if (!entry || !valid(entry, readContentVersion(getDb()))) return false;
    sendEntry(req, res, entry, "hit", (e) => cache.variantOf(key, entry, e));
    if (log) logRequest(req.method!, pathname, res.statusCode, started, "hit");
    return true;
  }

  const middleware: RequestHandler = async (req, res, next) => {
    if (!cacheable(req, req.path)) return next();
    try {
      const version = readContentVersion(getDb());
      const key = keyOf(req);
      const stored = cache.get(key);
      if (valid(stored, version)) {
        sendEntry(req, res, stored, "hit", (e) => cache.variantOf(key, stored, e));
        return;
      }
      // Only a GET's render is stored (a HEAD's has no body to keep).
      if (version === null || req.method !== "GET") {
        res.setHeader("X-Cache", "pass");
        return next();
      }
      const renderKey = `${version} ${key}`;
      const pending = inflight.get(renderKey);
      if (pending) {
        const entry = await pending;
        if (entry) {
          sendEntry(req, res, entry, "miss", (e) => cache.variantOf(key, entry, e));
          return;
        }
        res.setHeader("X-Cache", "pass");
        return next();
      }
      const rendered = collect(req, res, (status, headers, body) => {
        const entry = toEntry({ status, headers }, body, {
          version,
          expiresAt: nextClockBoundary(getDb(), now()),
        });
        // A write during the render may have changed what the page shows: send it, keep it not.
        if (entry && readContentVersion(getDb()) === version) cache.set(key, entry);
        return entry;
      });
      inflight.set(renderKey, rendered);
      void rendered.finally(() => inflight.delete(renderKey));
      next();
    } catch (error) {
      next(error);
    }
  };
  return { serveHit, middleware };
}

/**
 * Collects what the handlers after this one write to `res` until they end it;
 * `store` turns a complete answer into an entry (or null), which is then sent
 * in its place. The promise resolves with that entry, or null when the answer
 * is not stored or the client left first.
 */
function collect(
  req: IncomingMessage,
  res: ServerResponse,
  store: (status: number, headers: Headers, body: Buffer) => CacheEntry | null,
): Promise<CacheEntry | null> {
  const write = res.write;
  const end = res.end;
  // Node's overloads, called with the arguments the handlers passed.
  const callWrite = (...args: unknown[]) =>
    (write as (...a: unknown[]) => boolean).apply(res, args);
  const callEnd = (...args: unknown[]) =>
    (end as (...a: unknown[]) => ServerResponse).apply(res, args);
  const chunks: Buffer[] = [];
  let size = 0;
  let passing = false;
  const restore = () => {
    res.write = write;
    res.end = end;
  };
  const toBuffer = (chunk: unknown, encoding: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);

  return new Promise((resolve) => {
    res.once("close", () => {
      restore();
      resolve(null);
    });
    // Too large to store: send what was held, then let the rest through.
    const passThrough = () => {
      passing = true;
      restore();
      res.setHeader("X-Cache", "pass");
      for (const chunk of chunks.splice(0)) callWrite(chunk);
      resolve(null);
    };
    res.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
      if (passing) return callWrite(chunk, encoding, callback);
      const buffer = toBuffer(chunk, encoding);
      chunks.push(buffer);
      size += buffer.length;
      if (size > MAX_COLLECTED_BYTES) passThrough();
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    } as typeof res.write;
    res.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown) {
      restore();
      if (passing) return callEnd(chunk, encoding, callback);
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
        chunks.push(toBuffer(chunk, encoding));
      }
      const body = Buffer.concat(chunks);
      const entry = store(res.statusCode, responseHeaders(res), body);
      if (!entry) {
        res.setHeader("X-Cache", "pass");
        resolve(null);
        return callEnd(body);
      }
      resolve(entry);
      // The stored page, not the render: the same bytes and headers every later visitor gets.
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      sendEntry(req, res, entry, "miss", () => entry.bodies.identity, { end: callEnd });
      return res;
    } as typeof res.end;
  });
}

function responseHeaders(res: ServerResponse): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, String(value));
  }
  return headers;
}

function sendEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CacheEntry,
  state: "hit" | "miss",
  variant: (encoding: Encoding) => Buffer,
  /** How to end the response (the collector's own `end` is bypassed when it sends). */
  options: { end?: (body?: Buffer) => unknown } = {},
) {
  const headers: OutgoingHttpHeaders = Object.fromEntries(entry.headers);
  headers.etag = entry.etag;
  headers["x-cache"] = state;
  const end = options.end ?? ((body?: Buffer) => res.end(body));
  if (matchesEtag(req.headers["if-none-match"], entry.etag)) {
    delete headers["content-type"];
    res.writeHead(304, headers);
    end();
    return;
  }
  // The first visitor's answer goes through the compression middleware like any render;
  // later ones get the stored variant.
  const encoding =
    entry.compressible && !options.end
      ? negotiateEncoding(req.headers["accept-encoding"])
      : "identity";
  const body = variant(encoding);
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  headers["content-length"] = body.length;
  res.writeHead(entry.status, headers);
  end(req.method === "HEAD" ? undefined : body);
}
