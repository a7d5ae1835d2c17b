/**
 * The bytes of served HTML, as a browser decodes them: every page type,
 * through the whole server — rendered for the request and from the page
 * cache, compressed and not — with text of two-, three- and four-byte
 * characters shifted across many offsets, so that such characters meet the
 * renderer's buffer boundaries everywhere. No page may carry a NUL byte or a
 * replacement character (U+FFFD, what a browser shows for broken UTF-8), every
 * name must arrive intact, and nothing may follow `</html>`.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createApp } from "~/express-app.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import {
  createArea,
  createLab,
  createOpening,
  createResearcher,
  createSessionFor,
  stagesOf,
} from "./builders";
import { applyTo, candidateUser, signedIn } from "./fixtures";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

// Two-, three- and four-byte characters, in every string a page shows.
const WORDS = [
  "Zoë",
  "Łukasz",
  "Ærøskøbing",
  "東京大学",
  "Ñandú",
  "Ōsaka",
  "Ça",
  "🙂🔬",
  "Ünïcødé",
];
const NAMES = Array.from(
  { length: 24 },
  (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 5 + 2) % WORDS.length]}${"é".repeat(i % 4)}`,
);
/** How many ways the text is shifted (one more ASCII character each time). */
const SHIFTS = 8;

let cached: Listening;
let uncached: Listening;
let staffCookie: string;
let candidateCookie: string;
let labId: number;
let pages: { path: string; staff?: boolean; candidate?: boolean; shows: string }[];

beforeAll(async () => {
  const db = getDb();
  const area = createArea(db, { name: "Ökologie und 環境" });
  const lab = createLab(db, { name: "Laboratoire Ōsaka–Zürich", city: "Zürich" });
  labId = lab.id;
  const people = NAMES.map((name) =>
    createResearcher(db, {
      labId: lab.id,
      name,
      areaIds: [area.id],
      bio: `${name} studiert 量子計算 und Ökosysteme — «ça marche» 🙂.`,
    }),
  );
  for (const [i, person] of people.entries()) {
    db.insert(s.publications)
      .values({
        researcherId: person.id,
        title: `Über ${WORDS[i % WORDS.length]}: 機械学習 für Ökosysteme ${i}`,
        venue: "Société Française 🔬",
        year: 2020 + (i % 5),
        areaId: area.id,
        authors: `${person.name}; Jürgen Ñúñez`,
      })
      .run();
  }
  const opening = createOpening(db, {
    labId: lab.id,
    title: "Forscherin für Ökologie 環境",
    description: NAMES.join(" · "),
    areaIds: [area.id],
    teamIds: people.slice(0, 6).map((p) => p.id),
  });
  const candidate = await candidateUser(db, "Renée Ångström-東京", "Résumé of Zoë 🙂");
  const application = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.id,
    stageId: stagesOf(db, opening.id)[0].id,
  });
  db.update(s.applications)
    .set({ coverLetter: NAMES.join("\n") })
    .where(eq(s.applications.id, application.id))
    .run();
  const staff = await signedIn(db, "recruiter");
  staffCookie = `${SESSION_COOKIE}=${staff.token}`;
  candidateCookie = `${SESSION_COOKIE}=${createSessionFor(db, candidate.id)}`;

  pages = [
    { path: "/", shows: "" },
    { path: "/people", shows: "" },
    { path: `/people?lab=${lab.slug}`, shows: "Laboratoire Ōsaka–Zürich" },
    { path: `/people/${people[7].slug}`, shows: NAMES[7] },
    { path: `/labs/${lab.slug}`, shows: "Laboratoire Ōsaka–Zürich" },
    { path: `/areas/${area.slug}`, shows: "Ökologie und 環境" },
    { path: "/careers", shows: "" },
    { path: `/careers/${opening.slug}`, shows: "Forscherin für Ökologie 環境" },
    { path: "/publications", shows: "" },
    { path: `/publications?q=${encodeURIComponent("Ökosysteme")}`, shows: "機械学習" },
    { path: `/recruit/applications/${application.id}`, staff: true, shows: "Renée Ångström-東京" },
    { path: `/applications/${application.id}`, candidate: true, shows: "Forscherin für Ökologie" },
  ];

  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  const build = await testServerBuild(assets);
  cached = await listen(createApp({ build, log: false, pageCache: { getDb } }));
  uncached = await listen(createApp({ build, log: false }));
});

afterAll(async () => {
  await cached.close();
  await uncached.close();
});

type Answer = { status: number; cache: string | undefined; bytes: Buffer };

/** The body as the browser receives it, decompressed, and the page cache's verdict. */
function get(base: string, pathname: string, encoding: string, cookie?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Accept-Encoding": encoding };
    if (cookie) headers.Cookie = cookie;
    http
      .get(`${base}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const coding = res.headers["content-encoding"];
          const bytes =
            coding === "br"
              ? zlib.brotliDecompressSync(raw)
              : coding === "gzip"
                ? zlib.gunzipSync(raw)
                : raw;
          const cache = res.headers["x-cache"];
          resolve({ status: res.statusCode!, cache: cache as string | undefined, bytes });
        });
      })
      .on("error", reject);
  });
}

function expectClean(answer: Answer, what: string, shows: string) {
  expect(answer.status, what).toBe(200);
  const nul = answer.bytes.indexOf(0);
  expect(nul, `${what}: NUL at byte ${nul}`).toBe(-1);
  const html = answer.bytes.toString("utf8");
  const broken = html.indexOf("\uFFFD");
  expect(
    broken,
    `${what}: U+FFFD near ${JSON.stringify(html.slice(broken - 40, broken + 10))}`,
  ).toBe(-1);
  if (shows) expect(html, what).toContain(shows);
  // A document ends with </html>: the data scripts sit inside <body>.
  expect(html.slice(html.lastIndexOf("</html>") + "</html>".length).trim(), what).toBe("");
}

describe("served HTML is whole UTF-8", () => {
  it(
    "on every page type, cached and not, compressed and not, at every shift",
    { timeout: 180_000 },
    async () => {
      const db = getDb();
      const checked = new Set<string>();
      for (let shift = 0; shift < SHIFTS; shift++) {
        // One more ASCII character early in every card and heading moves all that follows.
        db.update(s.researchers)
          .set({ title: `Research Scientist${"-".repeat(shift)}` })
          .where(eq(s.researchers.labId, labId))
          .run();
        db.update(s.labs)
          .set({ description: `Über uns${".".repeat(shift)}` })
          .where(eq(s.labs.id, labId))
          .run();
        const encoding = ["identity", "br, gzip", "gzip"][shift % 3];
        for (const page of pages) {
          const cookie = page.staff ? staffCookie : page.candidate ? candidateCookie : undefined;
          const what = `${page.path} (shift ${shift}, ${encoding})`;
          expectClean(
            await get(uncached.base, page.path, encoding, cookie),
            `${what}, rendered`,
            page.shows,
          );
          checked.add("rendered " + encoding);
          if (cookie) continue;
          const first = await get(cached.base, page.path, encoding);
          expectClean(first, `${what}, first visit`, page.shows);
          expect(first.cache, what).toBe("miss");
          // The stored page, in one of the encodings (each over the shifts).
          for (const again of [["br", "gzip", "identity"][(shift + 1) % 3]]) {
            const hit = await get(cached.base, page.path, again);
            expect(hit.cache, `${what} as ${again}`).toBe("hit");
            expectClean(hit, `${what}, from the cache as ${again}`, page.shows);
            checked.add("hit " + again);
          }
        }
      }
      expect(checked.size).toBe(6);
    },
  );
});
