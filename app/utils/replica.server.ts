/**
 * Read replicas under LiteFS: writes go to the primary, and a person's next
 * read waits until this replica has caught up with their write.
 *
 * LiteFS tells a node what it is through files beside the database:
 * - `.primary` exists only on replicas and holds the primary's hostname;
 * - `<db>-pos` holds this node's replication position, `TXID/checksum` (hex).
 *
 * On a replica, a request that writes is answered with `fly-replay:
 * instance=<primary>` on Fly.io (its proxy replays it there), or proxied over
 * HTTP to the primary elsewhere. The primary stamps every write's response
 * with its position in a short-lived cookie; a replica holds that client's
 * next request (at most `waitMs`) until its own position reaches it. The same
 * few lines as litefs-js, without its dependency on Fly's environment.
 *
 * A write a replica proxies reaches the primary from the replica's address.
 * So that throttles and the audit log on the primary see the visitor, the
 * replica names the client's address in a header signed with a key both
 * nodes read from the replicated database (`auth_keys`, made by the primary
 * at start); the primary believes the header only when the signature, the
 * request it was made for and its age check out, and removes it otherwise.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import onHeaders from "on-headers";

export const TXID_COOKIE = "__atrium_txid";
const FORWARDED_HEADER = "x-atrium-forwarded";
/** `<address> <unix ms> <hex HMAC>`: the client's address, as the replica saw it. */
export const CLIENT_IP_HEADER = "x-atrium-client-ip";
/** How long a signed address stays valid (clock skew between nodes included). */
const CLIENT_IP_MAX_AGE_MS = 60_000;
const FORWARDING_KEY = "replica-forwarding";

type KeyStore = {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): unknown;
  };
};

/** Makes the key replicas sign client addresses with, once (the primary calls it at start). */
export function ensureForwardingKey(sqlite: KeyStore) {
  sqlite
    .prepare("insert or ignore into auth_keys (name, value, created_at) values (?, ?, ?)")
    .run(FORWARDING_KEY, randomBytes(32).toString("hex"), Date.now());
}

/** The signing key from the (replicated) database, or null before the primary made it. */
export function readForwardingKey(sqlite: KeyStore): Buffer | null {
  const row = sqlite.prepare("select value from auth_keys where name = ?").get(FORWARDING_KEY) as
    { value: string } | undefined;
  return row ? Buffer.from(row.value, "hex") : null;
}

function clientIpSignature(key: Buffer, ip: string, at: number, method: string, url: string) {
  return createHmac("sha256", key).update(`${ip}\n${at}\n${method}\n${url}`).digest();
}

/** The header value naming `ip` for this one request (method and URL), now. */
export function signClientIp(
  key: Buffer,
  ip: string,
  request: { method: string; url: string },
  now = Date.now(),
): string {
  const signature = clientIpSignature(key, ip, now, request.method, request.url);
  return `${ip} ${now} ${signature.toString("hex")}`;
}

/** The address a header names when its signature is good, it is recent and it was made for this request. */
export function verifyClientIp(
  key: Buffer,
  header: string,
  request: { method: string; url: string },
  now = Date.now(),
): string | null {
  const [ip, at, signature, ...rest] = header.split(" ");
  if (rest.length || !ip || !/^\d{1,16}$/.test(at ?? "") || !/^[0-9a-f]{64}$/.test(signature ?? ""))
    return null;
  if (Math.abs(now - Number(at)) > CLIENT_IP_MAX_AGE_MS) return null;
  const expected = clientIpSignature(key, ip, Number(at), request.method, request.url);
  return timingSafeEqual(expected, Buffer.from(signature, "hex")) ? ip : null;
}

declare module "express-serve-static-core" {
  interface Locals {
    /** The visitor's address when a replica forwarded the request (signed). */
    forwardedClientIp?: string;
  }
}

/**
 * Express middleware: believes a replica's signed client address (into
 * `res.locals.forwardedClientIp`) and removes the header either way, so
 * nothing later — or a replica forwarding the request on — passes on one
 * it did not check.
 */
export function forwardedClientIp(getKey: () => Buffer | null): RequestHandler {
  return (req, res, next) => {
    const header = req.headers[CLIENT_IP_HEADER];
    if (header === undefined) return next();
    delete req.headers[CLIENT_IP_HEADER];
    const key = typeof header === "string" ? getKey() : null;
    const ip =
      key && verifyClientIp(key, header as string, { method: req.method, url: req.originalUrl });
    if (ip) res.locals.forwardedClientIp = ip;
    next();
  };
}
const COOKIE_SECONDS = 10;

/**
 * GETs that write, so a replica cannot answer them: the recruiter board
 * records the visit (`/recruit/openings/:id`, also as `.data` for single fetch).
 */
const WRITING_GETS = [/^\/recruit\/openings\/\d+(\.data)?\/?$/];

const primaryCache = new Map<string, { at: number; value: string | null }>();

/**
 * The primary's hostname when this node is a LiteFS replica, otherwise null.
 * Read at most every 250 ms per database (it changes only on failover).
 */
export function primaryHostname(dbFile: string): string | null {
  const cached = primaryCache.get(dbFile);
  if (cached && Date.now() - cached.at < 250) return cached.value;
  const value = readPrimaryFile(dbFile);
  primaryCache.set(dbFile, { at: Date.now(), value });
  return value;
}

function readPrimaryFile(dbFile: string): string | null {
  try {
    const name = fs.readFileSync(path.join(path.dirname(dbFile), ".primary"), "utf8").trim();
    return name || null;
  } catch {
    return null;
  }
}

export function isReplica(dbFile: string): boolean {
  return primaryHostname(dbFile) !== null;
}

/** This node's LiteFS transaction id, or null when not running on LiteFS. */
export function readTxid(dbFile: string): number | null {
  // Off LiteFS the file never exists, and every write request asks: a missing
  // file must not cost a thrown ENOENT error and its stack each time.
  if (!fs.existsSync(`${dbFile}-pos`)) return null;
  try {
    const [txid] = fs.readFileSync(`${dbFile}-pos`, "utf8").trim().split("/");
    const n = Number.parseInt(txid, 16);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

/** Whether a request may write (and so must run on the primary). */
export function isWriteRequest(method: string, pathname: string): boolean {
  if (method !== "GET" && method !== "HEAD") return true;
  return WRITING_GETS.some((re) => re.test(pathname));
}

function txidFromCookie(header: string | undefined): number | null {
  const m = new RegExp(`(?:^|;\\s*)${TXID_COOKIE}=([0-9a-f]{1,16})(?:;|$)`).exec(header ?? "");
  return m ? Number.parseInt(m[1], 16) : null;
}

/** Waits until the local position reaches `txid`; false when `timeoutMs` passed first. */
export async function waitForTxid(dbFile: string, txid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((readTxid(dbFile) ?? 0) >= txid) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export type ReplicaOptions = {
  dbFile: string;
  /** Port of the primary's app (hostname from `.primary`). */
  primaryPort: number;
  /** Overrides hostname and port, e.g. http://primary.internal:3000. */
  primaryUrl?: string;
  /** Fly.io region: when set, writes are replayed by Fly's proxy. */
  flyRegion?: string;
  /** Longest a read waits for this replica to catch up. */
  waitMs?: number;
  /** The key to sign the client's address with when proxying a write (readForwardingKey). */
  forwardingKey?: () => Buffer | null;
};

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

function stripHopByHop(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders) {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(k.toLowerCase()) && v !== undefined) out[k] = v;
  }
  return out;
}

function unavailable(res: Response, message: string) {
  res.status(503).set("Retry-After", "2").type("text/plain").send(message);
}

/** Streams the request to the primary and its answer back, Host header unchanged. */
function proxyToPrimary(req: Request, res: Response, target: URL, key: Buffer | null) {
  const headers: http.OutgoingHttpHeaders = {
    ...stripHopByHop(req.headers),
    [FORWARDED_HEADER]: "1",
  };
  const clientIp = res.locals.forwardedClientIp ?? req.ip;
  if (key && clientIp) {
    headers[CLIENT_IP_HEADER] = signClientIp(key, clientIp, {
      method: req.method,
      url: req.originalUrl,
    });
  } else if (!warnedNoKey) {
    warnedNoKey = true;
    console.warn(
      "[replica] no forwarding key in the database yet: the primary sees writes as coming from this replica's address",
    );
  }
  const upstream = http.request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.originalUrl,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, stripHopByHop(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.setTimeout(30_000, () => upstream.destroy(new Error("primary timed out")));
  upstream.on("error", (error) => {
    console.warn(`[replica] forwarding to ${target.host} failed: ${error.message}`);
    if (!res.headersSent) unavailable(res, "The primary is unreachable; please try again shortly.");
    else res.destroy();
  });
  req.pipe(upstream);
}
let warnedNoKey = false;

/**
 * Express middleware: forwards writes from a replica to the primary, makes a
 * replica's reads wait for the client's last write, and on the primary stamps
 * write responses with the position. Does nothing outside LiteFS.
 */
export function replicaMiddleware(options: ReplicaOptions) {
  const waitMs = options.waitMs ?? 5000;
  return async (req: Request, res: Response, next: NextFunction) => {
    const primary = primaryHostname(options.dbFile);
    const writes = isWriteRequest(req.method, req.path);

    if (primary === null) {
      // The primary (or a single node). Stamp writes with the position the
      // write reached, read as the headers go out (after the action ran).
      if (writes && readTxid(options.dbFile) !== null) {
        onHeaders(res, () => {
          const txid = readTxid(options.dbFile);
          if (txid !== null) {
            res.append(
              "Set-Cookie",
              `${TXID_COOKIE}=${txid.toString(16)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_SECONDS}`,
            );
          }
        });
      }
      return next();
    }

    if (writes) {
      // A request another replica forwarded here: the primary moved. Refuse
      // rather than bounce it around.
      if (req.get(FORWARDED_HEADER)) return unavailable(res, "The primary is changing; try again.");
      if (options.flyRegion) {
        res.set("fly-replay", `instance=${primary}`).status(409).end();
        return;
      }
      const target = new URL(options.primaryUrl ?? `http://${primary}:${options.primaryPort}`);
      return proxyToPrimary(req, res, target, options.forwardingKey?.() ?? null);
    }

    const wanted = txidFromCookie(req.get("cookie"));
    if (wanted !== null) {
      const caughtUp = await waitForTxid(options.dbFile, wanted, waitMs);
      if (caughtUp) {
        res.append("Set-Cookie", `${TXID_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      } else {
        console.warn(`[replica] still behind TXID ${wanted.toString(16)} after ${waitMs} ms`);
      }
    }
    next();
  };
}

/**
 * Replicas never migrate (their database is read-only): wait until
 * replication has brought every migration in the journal, so the code never
 * runs against an older schema.
 */
export async function waitUntilMigrated(
  sqlite: { prepare(sql: string): { pluck(): { get(): unknown } } },
  migrationsDir: string,
  timeoutMs = 10 * 60_000,
) {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsDir, "meta", "_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  const expected = journal.entries.length;
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    let applied = 0;
    try {
      applied = Number(sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get());
    } catch {
      applied = 0; // no table yet: nothing replicated
    }
    if (applied >= expected) return;
    if (Date.now() > deadline) {
      throw new Error(`Replica: ${applied}/${expected} migrations after ${timeoutMs} ms`);
    }
    if (!said)
      console.log(`Replica: waiting for the primary's migrations (${applied}/${expected})`);
    said = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}
