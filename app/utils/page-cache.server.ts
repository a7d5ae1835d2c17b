/**
 * The anonymous public page cache: rendered responses kept in memory, keyed by
 * the normalised URL, and valid only while `content_version.version` (bumped
 * by triggers on every table a public page shows, in the writer's own
 * transaction) is the one they were rendered at. Every request from a visitor
 * without a session pays one prepared `SELECT version` and, on a hit, nothing
 * else: no Express middleware, no Remix, no React. Because the version lives
 * in the database, a write in any process (another worker, a CLI) is seen by
 * all of them at once. See docs/decisions/0008-public-page-cache.md.
 *
 * Correctness rules:
 * - only GET/HEAD on public sections, only without a session cookie;
 * - only 200 answers with a text type, no Set-Cookie, no `private`/`no-store`;
 * - pages that depend on the clock expire at the next moment that changes
 *   one (an opening's closing time), and every entry after MAX_AGE_MS;
 * - the key carries scheme and host, so a forged Host cannot poison the entry
 *   another host is served;
 * - stored pages carry a hash-based CSP instead of the render's nonce, so a
 *   nonce is never reused across visitors.
 */
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import type { DB } from "./db.server";
import { programs } from "../../db/schema";
import { preparedFor } from "./prepared.server";
import { programWindow } from "./program-window";

/** The encodings a stored page is kept in, each made the first time a visitor asks for it. */
export type Encoding = "br" | "gzip" | "identity";

/** Smaller pages are sent as they are: compressing them saves less than the headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/** Tables whose rows some public page shows: each has content_version triggers. */
export const PUBLIC_CONTENT_TABLES = [
  "research_areas",
  "labs",
  "researchers",
  "researcher_areas",
  // Derived from the two above by triggers (the people list's totals).
  "current_researcher_counts",
  "publications",
  // Derived from publications by triggers (the publications list's totals).
  "publication_counts",
  "openings",
  "opening_areas",
  // Derived from the two above by triggers (the careers list's totals).
  "open_opening_counts",
  "opening_team",
  "screening_questions",
  "events",
  "event_areas",
  "event_speakers",
  "programs",
  "program_alumni",
  "publication_authors",
  "tools",
  "tool_areas",
  "tool_maintainers",
  "tool_publications",
  // The organisation's name, colours, logo and texts (header, titles, home, about, privacy).
  "organisation_settings",
] as const;

/** Tables no public page reads: writes to them leave the cache warm. */
export const PRIVATE_TABLES = [
  "stages",
  "users",
  "sessions",
  "totp_credentials",
  "recovery_codes",
  "two_factor_challenges",
  "staff_enrolments",
  "password_reset_tokens",
  "throttles",
  "auth_keys",
  "audit_log",
  "audit_context",
  "outbox",
  "email_templates",
  "files",
  "candidate_profiles",
  "applications",
  "application_answers",
  "application_events",
  "notes",
  "scorecards",
  "board_visits",
  "content_version",
  "report_state",
  "interviews",
  "interview_interviewers",
  "offers",
  "referees",
  "reference_letters",
  "candidate_publications",
  "setup_tokens",
  "researcher_accounts",
  // Outside sign-ins (single sign-on, ORCID): accounts' links, flows under way, settings.
  "external_identities",
  "sign_in_flows",
  "orcid_sign_ups",
  "sign_in_settings",
] as const;

/**
 * Moments at which a public page changes with no write: each query returns the
 * earliest such moment after `?` (epoch ms), or null. Program windows, which
 * repeat by month-day, are computed in nextProgramWindowChange.
 */
const CLOCK_BOUNDARY_QUERIES = [
  "SELECT min(closes_at) FROM openings WHERE status = 'open' AND closes_at > ?",
  // An event moves from "upcoming" to "past" when it ends (home, area and lab pages).
  "SELECT min(ends_at) FROM events WHERE ends_at > ?",
] as const;

/** Upper bound on an entry's life, for text that ages on its own ("3 days ago"). */
const MAX_AGE_MS = 60_000;

/** First path segments of the public site (Remix single-fetch adds `.data`). */
const PUBLIC_SECTIONS = new Set([
  "",
  "_root",
  "people",
  "careers",
  "areas",
  "labs",
  "privacy",
  "about",
  // A program's window opens and closes by the calendar: nextClockBoundary
  // expires its pages then (nextProgramWindowChange).
  "programs",
  "events",
  "events.ics",
  "publications",
  // The BibTeX export of a search: up to 1,000 entries, slow to build each time.
  "publications.bib",
  "tools",
  "sitemap.xml",
  "robots.txt",
]);

/** Paths under a public section that are per-visitor or forms: never cached. */
const EXCLUDED = /^\/careers\/[^/]+\/apply(?:\.data)?$/;

const TEXT_TYPE = /^(text\/|application\/(json|xml|ld\+json|rss\+xml|x-bibtex))/;

/** Whether a request path belongs to the cached public site. */
export function isPublicPath(pathname: string): boolean {
  if (EXCLUDED.test(pathname)) return false;
  const first = (pathname.split("/")[1] ?? "").replace(/\.data$/, "");
  return PUBLIC_SECTIONS.has(first);
}

/** Path plus query with parameters sorted, so `?b=1&a=2` and `?a=2&b=1` share an entry. */
export function normaliseUrl(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf("?");
  if (q === -1) return pathAndQuery;
  const params = new URLSearchParams(pathAndQuery.slice(q + 1));
  params.sort();
  const query = params.toString();
  return query ? `${pathAndQuery.slice(0, q)}?${query}` : pathAndQuery.slice(0, q);
}

/** The public Cache-Control: browsers revalidate (ETag → 304); shared caches keep it briefly. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=10";

export type CacheEntry = {
  version: number;
  expiresAt: number;
  status: number;
  headers: [string, string][];
  etag: string;
  /**
   * The page as rendered, and its compressed variants, each made the first
   * time a visitor asks for it (variantOf): a page one visitor ever asks for
   * costs one compression, not two.
   */
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
  /** Whether the page is large enough to be worth compressing. */
  compressible: boolean;
  bytes: number;
};

/** Stored pages are compressed once and sent many times: worth higher levels than a one-off answer. */
const STORED_QUALITY = { gzip: 6, br: 5 } as const;

/** A stored page in one encoding, compressed once. */
function compressStored(body: Buffer, encoding: "br" | "gzip"): Buffer {
  if (encoding === "gzip") return zlib.gzipSync(body, { level: STORED_QUALITY.gzip });
  return zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: STORED_QUALITY.br,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * The best of brotli and gzip that an Accept-Encoding header allows (q=0
 * refuses one; `*` stands for any not named), else identity.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/** A least-recently-used map bounded by the bytes its entries hold. */
export class PageCache {
  private entries = new Map<string, CacheEntry>();
  private total = 0;
  constructor(readonly maxBytes: number) {}

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map iteration order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry) {
    this.delete(key);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.total += entry.bytes;
    this.evict();
  }

  /**
   * The entry's body in `encoding`: compressed on first use and kept with the
   * entry (counted against the budget when the entry is the one stored under `key`).
   */
  variantOf(key: string, entry: CacheEntry, encoding: Encoding): Buffer {
    const existing = entry.bodies[encoding];
    if (existing) return existing;
    if (encoding === "identity" || !entry.compressible) return entry.bodies.identity;
    const body = compressStored(entry.bodies.identity, encoding);
    entry.bodies[encoding] = body;
    entry.bytes += body.length;
    if (this.entries.get(key) === entry) {
      this.total += body.length;
      // Grown past the whole budget: drop this page alone, not every other one.
      if (entry.bytes > this.maxBytes) this.delete(key);
      else this.evict();
    }
    return body;
  }

  private evict() {
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= old.bytes;
    }
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  get size() {
    return this.entries.size;
  }
  get bytes() {
    return this.total;
  }
}

const versionStatements = new WeakMap<object, { get(): unknown }>();

/** The current content version (one prepared statement per connection), or null before migration 0011. */
export function readContentVersion(db: DB): number | null {
  let statement = versionStatements.get(db.$client);
  if (!statement) {
    try {
      statement = db.$client.prepare("SELECT version FROM content_version WHERE id = 1").pluck();
    } catch {
      return null;
    }
    versionStatements.set(db.$client, statement);
  }
  const value = statement.get();
  return typeof value === "number" ? value : null;
}

const windowDates = preparedFor((db) =>
  db
    .select({
      opensOn: programs.opensOn,
      closesOn: programs.closesOn,
      decisionsOn: programs.decisionsOn,
      startsOn: programs.startsOn,
    })
    .from(programs)
    .prepare(),
);

/**
 * The next moment after `now` at which a program's window opens or closes,
 * or null without programs: the program pages change then with no write
 * (the public page cache expires them).
 */
export function nextProgramWindowChange(db: DB, now: number): number | null {
  let next: number | null = null;
  for (const p of windowDates(db).all()) {
    const w = programWindow(p, now);
    const change = w.open ? w.closesAt : w.opensAt;
    if (change > now && (next === null || change < next)) next = change;
  }
  return next;
}

const clockBoundaryQueries = preparedFor((db) =>
  CLOCK_BOUNDARY_QUERIES.map((query) => db.$client.prepare(query).pluck()),
);

/** The earliest moment after `now` at which a public page changes without a write. */
export function nextClockBoundary(db: DB, now: number): number {
  let next = now + MAX_AGE_MS;
  const moments = [
    ...clockBoundaryQueries(db).map((query) => query.get(now)),
    nextProgramWindowChange(db, now),
  ];
  for (const value of moments) if (typeof value === "number" && value < next) next = value;
  return next;
}

/**
 * Turns a rendered page into one safe to serve to every visitor: the render's
 * nonce leaves the markup, and the CSP allows exactly the inline scripts the
 * page has, by hash.
 */
export function withHashedScripts(html: string, csp: string): { html: string; csp: string } {
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  if (!nonce) return { html, csp };
  const stripped = html.split(` nonce="${nonce}"`).join("");
  const hashes = new Set<string>();
  for (const match of stripped.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = match[1] ?? "";
    if (/\ssrc=/.test(attrs)) continue;
    if (/type="application\/(ld\+)?json"/.test(attrs)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(match[2], "utf8").digest("base64")}'`);
  }
  return {
    html: stripped,
    csp: csp.replace(`'nonce-${nonce}'`, [...hashes].join(" ") || "'none'"),
  };
}

/** Builds a cache entry from a rendered 200 response, or null when it must not be stored. */
export function toEntry(
  response: { status: number; headers: Headers },
  body: Buffer,
  meta: { version: number; expiresAt: number },
): CacheEntry | null {
  if (response.status !== 200) return null;
  const headers = response.headers;
  if (headers.has("Set-Cookie")) return null;
  const cacheControl = headers.get("Cache-Control") ?? "";
  if (/private|no-store/.test(cacheControl)) return null;
  const type = headers.get("Content-Type") ?? "";
  if (!TEXT_TYPE.test(type)) return null;

  let identity = body;
  const stored = new Map<string, string>();
  headers.forEach((value, name) => stored.set(name.toLowerCase(), value));
  const csp = stored.get("content-security-policy");
  if (type.startsWith("text/html") && csp) {
    const safe = withHashedScripts(body.toString("utf8"), csp);
    identity = Buffer.from(safe.html, "utf8");
    stored.set("content-security-policy", safe.csp);
  }
  for (const name of ["content-length", "content-encoding", "etag", "date", "connection"]) {
    stored.delete(name);
  }
  stored.set("cache-control", PUBLIC_CACHE_CONTROL);
  stored.set("vary", "Accept-Encoding, Cookie");

  const etag = `"${createHash("sha1").update(identity).digest("base64url").slice(0, 22)}"`;
  const headerList = [...stored.entries()];
  const bytes = identity.length + headerList.reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    ...meta,
    status: 200,
    headers: headerList,
    etag,
    bodies: { identity },
    compressible: identity.length > MIN_COMPRESS_BYTES,
    bytes,
  };
}

/** Whether an If-None-Match header names this ETag (or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}
