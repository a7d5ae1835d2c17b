/**
 * The anonymous public page cache (app/utils/page-cache.server.ts) through
 * the real Express app and real route modules: what a visitor and an
 * attacker would notice — a stale page after a staff edit, a signed-in page
 * served to someone else, a nonce shared between visitors.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { SESSION_COOKIE } from "~/auth/session.server";
import { createApp } from "~/express-app.server";
import { SECURITY_HEADERS } from "~/utils/security-headers.server";
import { addPublication } from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import {
  PRIVATE_TABLES,
  PUBLIC_CONTENT_TABLES,
  PageCache,
  isPublicPath,
  nextClockBoundary,
  normaliseUrl,
  readContentVersion,
  withHashedScripts,
  nextProgramWindowChange,
} from "~/utils/page-cache.server";
import {
  createArea,
  createLab,
  createOpening,
  createResearcher,
  createSessionFor,
} from "./builders";
import { candidateUser, staffUser } from "./fixtures";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

let server: Listening;
let base: string;

beforeAll(async () => {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  server = await listen(
    createApp({ build: await testServerBuild(assets), log: false, pageCache: { getDb } }),
  );
  base = server.base;
});
afterAll(() => server.close());

async function visit(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + pathname, { headers });
  return { res, cache: res.headers.get("x-cache"), html: await res.text() };
}

function directory() {
  const db = getDb();
  const area = createArea(db, { name: "Quiet Optics" });
  const lab = createLab(db, { name: "Harbour Lab" });
  const person = createResearcher(db, { labId: lab.id, name: "Ines Calloway", areaIds: [area.id] });
  const opening = createOpening(db, { labId: lab.id, title: "Optics Postdoc", areaIds: [area.id] });
  return { db, area, lab, person, opening };
}

describe("the content version", () => {
  it("classifies every table, and every public table bumps the version on insert, update and delete", () => {
    const db = getDb();
    const tables = db.$client
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
      )
      .pluck()
      .all() as string[];
    const shadow = (name: string) => /_fts(_|$)/.test(name);
    const known = new Set<string>([...PUBLIC_CONTENT_TABLES, ...PRIVATE_TABLES]);
    expect(tables.filter((t) => !shadow(t) && !known.has(t))).toEqual([]);

    const triggers = new Set(
      db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all(),
    );
    for (const table of PUBLIC_CONTENT_TABLES) {
      for (const suffix of ["ai", "au", "ad"]) {
        expect(triggers.has(`${table}_content_version_${suffix}`), `${table} ${suffix}`).toBe(true);
      }
    }
  });

  it("grows with a directory write, and not with an application or a sign-in", async () => {
    const { db, opening } = directory();
    const before = readContentVersion(db)!;
    db.update(s.openings)
      .set({ title: "Optics Postdoc (Zurich)" })
      .where(eq(s.openings.id, opening.id))
      .run();
    const afterEdit = readContentVersion(db)!;
    expect(afterEdit).toBeGreaterThan(before);

    const candidate = await candidateUser(db, "Quinn Visitor");
    createSessionFor(db, candidate.id);
    expect(readContentVersion(db)).toBe(afterEdit);
  });

  it("does not move when the writing transaction rolls back", () => {
    const { db, lab } = directory();
    const before = readContentVersion(db);
    expect(() =>
      db.transaction((tx) => {
        tx.update(s.labs).set({ name: "Renamed" }).where(eq(s.labs.id, lab.id)).run();
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(readContentVersion(db)).toBe(before);
  });
});

describe("anonymous public pages", () => {
  it("are served from memory until a staff change, then show the change at once", async () => {
    const { db, area, lab, person, opening } = directory();
    const admin = await staffUser(db, "admin");
    const profile = `/people/${person.slug}`;
    expect((await visit(profile)).cache).toBe("miss");
    const warm = await visit(profile);
    expect(warm.cache).toBe("hit");
    expect(warm.html).toContain("Ines Calloway");

    // Each kind of change a public page shows, followed by the next anonymous request.
    const changes: Array<[string, () => void, string, string]> = [
      [
        "a researcher renamed",
        () =>
          db
            .update(s.researchers)
            .set({ name: "Ines Calloway-Reyes" })
            .where(eq(s.researchers.id, person.id))
            .run(),
        profile,
        "Ines Calloway-Reyes",
      ],
      [
        "a publication added",
        () =>
          addPublication(
            db,
            person.id,
            { title: "Photon counting at the edge", venue: "Optics Letters", year: 2026, url: "" },
            { userId: admin.id, ip: null },
          ),
        profile,
        "Photon counting at the edge",
      ],
      [
        "a lab edited",
        () =>
          db.update(s.labs).set({ name: "Harbour Optics Lab" }).where(eq(s.labs.id, lab.id)).run(),
        `/labs/${lab.slug}`,
        "Harbour Optics Lab",
      ],
      [
        "an area edited",
        () =>
          db
            .update(s.researchAreas)
            .set({ name: "Loud Optics" })
            .where(eq(s.researchAreas.id, area.id))
            .run(),
        `/areas/${area.slug}`,
        "Loud Optics",
      ],
      [
        "an opening edited",
        () =>
          db
            .update(s.openings)
            .set({ title: "Senior Optics Postdoc" })
            .where(eq(s.openings.id, opening.id))
            .run(),
        `/careers/${opening.slug}`,
        "Senior Optics Postdoc",
      ],
    ];
    for (const [what, change, page, text] of changes) {
      await visit(page);
      expect((await visit(page)).cache, `${what}: warm before`).toBe("hit");
      change();
      const after = await visit(page);
      expect(after.cache, what).toBe("miss");
      expect(after.html, what).toContain(text);
    }
  });

  it("shows an opening's closing, publishing and a change made by another process", async () => {
    const { db, opening } = directory();
    const draft = createOpening(db, { labId: opening.labId, title: "Draft Role", status: "draft" });
    expect((await visit(`/careers/${draft.slug}`)).res.status).toBe(404);
    db.update(s.openings)
      .set({ status: "open", publishedAt: Date.now() })
      .where(eq(s.openings.id, draft.id))
      .run();
    expect((await visit(`/careers/${draft.slug}`)).res.status).toBe(200);

    await visit("/people");
    expect((await visit("/people")).cache).toBe("hit");
    // Another process (a CLI, another worker) writes to the same file.
    const file = process.env.DATABASE_URL!;
    execFileSync(process.execPath, [
      "-e",
      `const D=require("better-sqlite3");const d=new D(${JSON.stringify(file)});` +
        `d.prepare("UPDATE researchers SET name = 'Written Elsewhere' WHERE id = (SELECT min(id) FROM researchers)").run();d.close();`,
    ]);
    const after = await visit("/people");
    expect(after.cache).toBe("miss");
    expect(after.html).toContain("Written Elsewhere");
  });

  it("stops offering Apply at the deadline although nothing was written", async () => {
    const { db, lab } = directory();
    const closesAt = Date.now() + 1500;
    const soon = createOpening(db, { labId: lab.id, title: "Closing Soon Role", closesAt });
    const page = `/careers/${soon.slug}`;
    const open = await visit(page);
    expect(open.html).toContain(`/careers/${soon.slug}/apply`);
    expect((await visit(page)).cache).toBe("hit");
    await new Promise((r) => setTimeout(r, closesAt - Date.now() + 50));
    const closed = await visit(page);
    expect(closed.cache).not.toBe("hit");
    expect(closed.html).not.toContain(`/careers/${soon.slug}/apply`);
  });

  it("answers If-None-Match with 304 for the current ETag only", async () => {
    const { db, person } = directory();
    const page = `/people/${person.slug}`;
    const first = await visit(page);
    const etag = first.res.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const revalidated = await fetch(base + page, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);

    db.update(s.researchers)
      .set({ title: "Principal Scientist" })
      .where(eq(s.researchers.id, person.id))
      .run();
    const stale = await fetch(base + page, { headers: { "If-None-Match": etag } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain("Principal Scientist");
    expect((await fetch(base + page, { headers: { "If-None-Match": '"other"' } })).status).toBe(
      200,
    );
  });

  it("keeps compressed variants and says what they vary on", async () => {
    const { person } = directory();
    const page = `/people/${person.slug}`;
    await visit(page);
    const res = await fetch(base + page, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toMatch(/Accept-Encoding/);
    expect(res.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    expect(await res.text()).toContain(person.name);
  });

  it("a hit carries the render's security headers, each once", async () => {
    const { person } = directory();
    const page = `/people/${person.slug}?hit-headers=1`;
    const first = await visit(page);
    const hit = await visit(page);
    expect([first.cache, hit.cache]).toEqual(["miss", "hit"]);
    for (const name of [...Object.keys(SECURITY_HEADERS), "X-Worker", "Content-Type"]) {
      // Equal to the render's (a header sent twice would read "a, a").
      expect(hit.res.headers.get(name), name).toBe(first.res.headers.get(name));
    }
    expect(hit.res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
  });

  it("carries script hashes instead of a nonce, so no nonce is shared between visitors", async () => {
    const { person } = directory();
    const page = `/people/${person.slug}`;
    const a = await visit(page);
    const b = await visit(page);
    const csp = b.res.headers.get("content-security-policy")!;
    expect(csp).not.toMatch(/nonce-/);
    expect(csp).toMatch(/script-src 'self' 'sha256-/);
    expect(b.html).not.toMatch(/ nonce="/);
    expect(a.html).toBe(b.html);
  });
});

describe("signed-in visitors", () => {
  it("never receive a cached page and never store one", async () => {
    const { db, person } = directory();
    const candidate = await candidateUser(db, "Sasha Signedin");
    const cookie = `${SESSION_COOKIE}=${createSessionFor(db, candidate.id)}`;
    const page = `/people/${person.slug}`;

    await visit(page);
    expect((await visit(page)).cache).toBe("hit");
    const signedIn = await visit(page, { Cookie: cookie });
    expect(signedIn.cache).toBeNull();
    expect(signedIn.res.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.html).toContain("Sasha Signedin");

    // A signed-in render of a fresh page leaves nothing for the next visitor.
    const fresh = createResearcher(db, { labId: person.labId, name: "Fresh Face" });
    await visit(`/people/${fresh.slug}`, { Cookie: cookie });
    const anonymous = await visit(`/people/${fresh.slug}`);
    expect(anonymous.cache).toBe("miss");
    expect(anonymous.html).not.toContain("Sasha Signedin");
  });

  it("leaves pages outside the public site alone", async () => {
    expect((await visit("/healthz")).cache).toBeNull();
    expect((await visit("/recruit")).cache).toBeNull();
  });
});

describe("the cache's parts", () => {
  it("sorts query parameters into one key", () => {
    expect(normaliseUrl("/people?q=ada&area=x")).toBe(normaliseUrl("/people?area=x&q=ada"));
    expect(normaliseUrl("/people?")).toBe("/people");
  });

  it("compresses a variant the first time it is asked for, keeps it and counts it", () => {
    const html = Buffer.from("<p>Ada Lovelace</p>".repeat(400));
    const cache = new PageCache(html.length * 2);
    const entry = {
      version: 1,
      expiresAt: Infinity,
      status: 200,
      headers: [],
      etag: '"x"',
      bodies: { identity: html },
      compressible: true,
      bytes: html.length,
    };
    cache.set("page", entry);
    expect(entry.bodies).not.toHaveProperty("br");
    const br = cache.variantOf("page", entry, "br");
    expect(zlib.brotliDecompressSync(br).equals(html)).toBe(true);
    expect(cache.variantOf("page", entry, "br")).toBe(br);
    const gzip = cache.variantOf("page", entry, "gzip");
    expect(zlib.gunzipSync(gzip).equals(html)).toBe(true);
    expect(cache.bytes).toBe(html.length + br.length + gzip.length);
    // A page whose variants outgrow the whole budget leaves; the others stay.
    const other = { ...entry, bodies: { identity: Buffer.alloc(10) }, bytes: 10 };
    const tight = new PageCache(html.length + 20);
    tight.set("other", other);
    const big = { ...entry, bodies: { identity: html }, bytes: html.length };
    tight.set("big", big);
    tight.variantOf("big", big, "gzip");
    tight.variantOf("big", big, "br");
    expect(tight.get("other")).toBe(other);
    expect(tight.get("big")).toBeUndefined();
    expect(tight.bytes).toBe(10);
    // A page too small to compress is sent as it is, whatever the client accepts.
    const small = { ...entry, bodies: { identity: Buffer.from("ok") }, compressible: false };
    expect(cache.variantOf("small", small, "br").toString()).toBe("ok");
  });

  it("caches the programs section, and expires its pages when a window opens or closes", () => {
    // (And the publications' BibTeX export, which costs tens of ms to build.)
    expect(isPublicPath("/publications.bib")).toBe(true);
    expect(isPublicPath("/programs")).toBe(true);
    expect(isPublicPath("/programs/summer-residency")).toBe(true);
    const db = getDb();
    const program = (slug: string, opensOn: string, closesOn: string) =>
      db
        .insert(s.programs)
        .values({
          slug,
          name: slug,
          kind: "internship",
          summary: "",
          duration: "3 months",
          stipend: "Paid",
          opensOn,
          closesOn,
          decisionsOn: "10-01",
          startsOn: "11-01",
        })
        .run();
    program("june-window", "06-01", "06-30");
    program("september-window", "09-01", "09-30");
    const june10 = Date.UTC(2026, 5, 10);
    const july1 = Date.UTC(2026, 6, 1);
    // Open on 10 June: the June window's end is the next change.
    expect(nextProgramWindowChange(db, june10)).toBe(july1);
    // Closed on 1 July: the September window's start.
    expect(nextProgramWindowChange(db, july1)).toBe(Date.UTC(2026, 8, 1));
    // Thirty seconds before the June window closes, an entry lives thirty seconds, not a minute.
    expect(nextClockBoundary(db, july1 - 30_000)).toBe(july1);
  });

  it("evicts the least recently used entries past its byte budget", () => {
    const cache = new PageCache(250);
    const entry = (bytes: number) => ({
      version: 1,
      expiresAt: Infinity,
      status: 200,
      headers: [],
      etag: '"x"',
      bodies: { identity: Buffer.alloc(bytes) },
      compressible: false,
      bytes,
    });
    cache.set("a", entry(100));
    cache.set("b", entry(100));
    cache.get("a");
    cache.set("c", entry(100));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(250);
    cache.set("huge", entry(1000));
    expect(cache.get("huge")).toBeUndefined();
  });

  it("hashes each inline script and drops the nonce", () => {
    const html = `<script nonce="abc">window.x=1</script><script nonce="abc" type="module" src="/a.js"></script><script type="application/ld+json">{}</script>`;
    const out = withHashedScripts(html, "script-src 'self' 'nonce-abc'");
    expect(out.html).not.toContain("nonce");
    // sha256("window.x=1") in base64
    expect(out.csp).toBe("script-src 'self' 'sha256-hUmDl3yY/7GaaX+Zuy8aEy8IzxgpBs7xccqYHs2/7kQ='");
  });
});
