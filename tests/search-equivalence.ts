/**
 * Generated people and careers searches (prefixes and words taken from the
 * data, area/lab/kind combinations, pages including past the end) run through
 * the model functions and through the pre-issue-11 reference queries
 * (tests/search-reference.ts); returns every case where they differ.
 */
import type { DB } from "~/utils/db.server";
import { listResearchers } from "~/models/researcher.server";
import { searchOpenings } from "~/models/opening.server";
import { toFtsQuery } from "~/utils/search";
import { OPENING_KINDS, type OpeningKind } from "../app/lib/enums";
import { referenceOpenings, referencePeople } from "./search-reference";

/** A small deterministic generator (mulberry32), so a failing case can be rerun. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mismatch = {
  kind: "people" | "careers";
  input: unknown;
  expected: unknown;
  got: unknown;
};

/** Words, prefixes and phrases a visitor might type, drawn from the rows themselves. */
function typedTexts(db: DB, sql: string, rnd: () => number, n: number): string[] {
  const texts = db.$client.prepare(sql).pluck().all() as string[];
  const words = texts.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
  const out: string[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < n && words.length > 0; i++) {
    const w = pick(words);
    const form = i % 5;
    if (form === 0) out.push(w.slice(0, 2));
    else if (form === 1) out.push(w.slice(0, 3));
    else if (form === 2) out.push(w);
    else if (form === 3) out.push(`${pick(words)} ${w.slice(0, 4)}`);
    else out.push(w.toUpperCase().slice(0, 5));
  }
  return [...out, "", "zzzqx", "a"];
}

/**
 * Runs `cases` generated people searches and as many careers searches; returns
 * the ones that differ and how many had at least one result.
 */
export function compareSearches(db: DB, { cases = 300, seed = 11, now = Date.now() } = {}) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const c = db.$client;
  const labs = c.prepare("SELECT id, slug FROM labs").all() as Array<{ id: number; slug: string }>;
  const areas = c.prepare("SELECT id, slug FROM research_areas").all() as Array<{
    id: number;
    slug: string;
  }>;
  const people = typedTexts(
    db,
    "SELECT name || ' ' || title FROM researchers ORDER BY id LIMIT 400",
    rnd,
    cases,
  );
  const careers = typedTexts(
    db,
    "SELECT title || ' ' || summary FROM openings ORDER BY id LIMIT 400",
    rnd,
    cases,
  );
  const mismatches: Mismatch[] = [];
  let withMatches = 0;
  const page = () => pick([1, 1, 1, 2, 3, 7, 50, 100_000]);
  for (let i = 0; i < cases; i++) {
    const opts = {
      ftsQuery: rnd() < 0.7 ? toFtsQuery(pick(people)) : null,
      labId: rnd() < 0.4 ? pick(labs).id : undefined,
      areaId: rnd() < 0.4 ? pick(areas).id : undefined,
      page: page(),
    };
    const expected = referencePeople(db, opts);
    if (expected.total > 0) withMatches++;
    const r = listResearchers(db, opts);
    const got = {
      total: r.total,
      page: r.page,
      pageCount: r.pageCount,
      ids: r.people.map((p) => p.id),
    };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      mismatches.push({ kind: "people", input: opts, expected, got });

    const search = {
      q: rnd() < 0.7 ? pick(careers) : undefined,
      kind: rnd() < 0.4 ? (pick(OPENING_KINDS) as OpeningKind) : undefined,
      labSlug: rnd() < 0.4 ? pick(labs).slug : undefined,
      areaSlug: rnd() < 0.4 ? pick(areas).slug : undefined,
      page: page(),
      now,
    };
    const want = referenceOpenings(db, search);
    if (want.total > 0) withMatches++;
    const o = searchOpenings(db, search);
    const have = {
      total: o.total,
      page: o.page,
      pageCount: o.pageCount,
      ids: o.items.map((x) => x.id),
    };
    if (JSON.stringify(have) !== JSON.stringify(want))
      mismatches.push({ kind: "careers", input: search, expected: want, got: have });
  }
  return { mismatches, withMatches };
}
