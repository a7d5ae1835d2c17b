/**
 * /publications' totals come from publication_counts, kept by triggers
 * (db/migrations/0029, 0031): after every kind of write to publications the
 * kept counts equal a count from scratch, and the list's totals and first
 * pages, for every kind of filter, equal what counting and sorting every
 * publication gives.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { seed } from "../../db/seed";
import type { PublicationType } from "~/lib/enums";
import { toFtsQuery } from "~/utils/search";
import { listPublicationYears, searchPublications } from "./publication.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-pub-counts-"));
const db = openDatabase(path.join(dir, "pubs.db"));
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
await seed(db, {
  researchers: 150,
  openings: 10,
  applications: 0,
  now: Date.UTC(2026, 2, 2),
  quiet: true,
  uploadsDir: path.join(dir, "uploads"),
});
const c = db.$client;

function kept() {
  return c
    .prepare("SELECT area_id, year, type, n FROM publication_counts WHERE n <> 0 ORDER BY 1, 2, 3")
    .all();
}
function fresh() {
  return c
    .prepare(
      `SELECT area_id, year, type, count(*) AS n FROM (
         SELECT 0 AS area_id, 0 AS year, '' AS type FROM publications
         UNION ALL SELECT 0, year, '' FROM publications
         UNION ALL SELECT 0, 0, type FROM publications
         UNION ALL SELECT 0, year, type FROM publications
         UNION ALL SELECT area_id, 0, '' FROM publications WHERE area_id IS NOT NULL
         UNION ALL SELECT area_id, year, '' FROM publications WHERE area_id IS NOT NULL
         UNION ALL SELECT area_id, 0, type FROM publications WHERE area_id IS NOT NULL
         UNION ALL SELECT area_id, year, type FROM publications WHERE area_id IS NOT NULL
       ) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
}

type Filters = {
  areaId?: number;
  year?: number;
  type?: PublicationType;
  authorId?: number;
  labId?: number;
};

/** The list as counting and sorting every publication gives it. */
function reference(f: Filters) {
  const where = [
    f.areaId === undefined ? "1 = 1" : `area_id = ${f.areaId}`,
    f.year === undefined ? "1 = 1" : `year = ${f.year}`,
    f.type === undefined ? "1 = 1" : `type = '${f.type}'`,
    f.authorId === undefined
      ? "1 = 1"
      : `id IN (SELECT publication_id FROM publication_authors WHERE researcher_id = ${f.authorId})`,
    f.labId === undefined
      ? "1 = 1"
      : `id IN (SELECT publication_id FROM publication_authors pa JOIN researchers r ON r.id = pa.researcher_id WHERE r.lab_id = ${f.labId})`,
  ].join(" AND ");
  return {
    total: c.prepare(`SELECT count(*) FROM publications WHERE ${where}`).pluck().get(),
    ids: c
      .prepare(
        `SELECT id FROM publications WHERE ${where} ORDER BY year DESC, title COLLATE NOCASE, id LIMIT 20`,
      )
      .pluck()
      .all(),
    years: c.prepare("SELECT DISTINCT year FROM publications ORDER BY year DESC").pluck().all(),
  };
}

function expectListsMatch() {
  const areas = c.prepare("SELECT id FROM research_areas ORDER BY id").pluck().all() as number[];
  const years = reference({}).years as number[];
  expect(listPublicationYears(db)).toEqual(years);
  const author = c
    .prepare(
      "SELECT researcher_id FROM publication_authors GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    .pluck()
    .get() as number;
  const lab = c.prepare("SELECT id FROM labs ORDER BY id LIMIT 1").pluck().get() as number;
  const filters: Filters[] = [
    {},
    { areaId: areas[0] },
    { areaId: areas[1] },
    { year: years[0] },
    { year: years[years.length - 1] },
    { areaId: areas[0], year: years[1] },
    { areaId: 999_999 },
    { type: "article" },
    { type: "preprint", year: years[0] },
    { type: "inproceedings", areaId: areas[1] },
    { type: "report", areaId: areas[0], year: years[1] },
    { type: "book" },
    { authorId: author },
    { authorId: author, type: "inproceedings" },
    { labId: lab },
    { labId: lab, areaId: areas[0], year: years[0] },
  ];
  for (const f of filters) {
    const got = searchPublications(db, { ...f, page: 1, perPage: 20 });
    const want = reference(f);
    expect({ f, total: got.total, ids: got.items.map((p) => p.id) }).toEqual({
      f,
      total: want.total,
      ids: want.ids,
    });
  }
}

describe("publication counts", () => {
  test("the seed's counts match a count from scratch, and so do the lists", () => {
    expect(c.prepare("SELECT count(*) FROM publications").pluck().get()).toBeGreaterThan(200);
    expect(kept()).toEqual(fresh());
    expectListsMatch();
  });

  test("stay right after inserts, year and area changes, deletes and a researcher's removal", () => {
    const ids = c.prepare("SELECT id FROM publications ORDER BY id").pluck().all() as number[];
    const areas = c.prepare("SELECT id FROM research_areas ORDER BY id").pluck().all() as number[];
    const researcher = c.prepare("SELECT id FROM researchers ORDER BY id LIMIT 1").pluck().get();
    c.transaction(() => {
      const insert = c.prepare(
        "INSERT INTO publications (researcher_id, title, venue, year, area_id) VALUES (?, ?, 'Venue', ?, ?)",
      );
      insert.run(researcher, "A new paper in a year nobody published in", 1987, areas[0]);
      insert.run(researcher, "A paper without an area", 2025, null);
      c.prepare("UPDATE publications SET year = year - 1 WHERE id IN (?, ?, ?)").run(
        ids[0],
        ids[1],
        ids[2],
      );
      c.prepare("UPDATE publications SET area_id = ? WHERE id IN (?, ?)").run(
        areas[1],
        ids[3],
        ids[4],
      );
      c.prepare("UPDATE publications SET area_id = NULL WHERE id = ?").run(ids[5]);
      c.prepare("UPDATE publications SET year = 1990, area_id = ? WHERE id = ?").run(
        areas[2],
        ids[6],
      );
      c.prepare("UPDATE publications SET type = 'preprint' WHERE id IN (?, ?)").run(
        ids[10],
        ids[11],
      );
      c.prepare("UPDATE publications SET type = 'report', year = 1991 WHERE id = ?").run(ids[12]);
      // Neither year, area nor type: the counts must not move.
      c.prepare("UPDATE publications SET title = title || ' (revised)' WHERE id = ?").run(ids[7]);
      c.prepare("DELETE FROM publications WHERE id IN (?, ?)").run(ids[8], ids[9]);
      // A researcher's removal deletes their publications by cascade.
      c.prepare(
        "DELETE FROM researchers WHERE id = (SELECT researcher_id FROM publications WHERE id = ?)",
      ).run(ids[20]);
    })();
    expect(kept()).toEqual(fresh());
    expectListsMatch();
  });
});

describe("a search with no other filter", () => {
  /** The search as joining every match and sorting them all gives it. */
  function referenceSearch(ftsQuery: string, page: number) {
    const all = c
      .prepare(
        `SELECT p.id FROM publications_fts JOIN publications p ON p.id = publications_fts.rowid
         WHERE publications_fts MATCH ?
         ORDER BY bm25(publications_fts, 8.0, 2.0, 4.0), p.year DESC, p.id DESC`,
      )
      .pluck()
      .all(ftsQuery) as number[];
    return { total: all.length, ids: all.slice((page - 1) * 20, page * 20) };
  }

  test("ranks, pages and counts like sorting every match, exact ties included", () => {
    const researcher = c.prepare("SELECT id FROM researchers ORDER BY id LIMIT 1").pluck().get();
    // 45 publications that score exactly alike, across years: their order is
    // the year, then the id, and it crosses page boundaries.
    const insert = c.prepare(
      "INSERT INTO publications (researcher_id, title, venue, authors, year) VALUES (?, 'Zebrafish lattice dynamics', 'Lattice Letters', 'A. Author', ?)",
    );
    c.transaction(() => {
      for (let i = 0; i < 45; i++) insert.run(researcher, 2000 + (i % 7));
    })();
    const words = c
      .prepare("SELECT title FROM publications ORDER BY id")
      .pluck()
      .all()
      .flatMap((t) =>
        String(t)
          .toLowerCase()
          .split(/[^a-z]+/),
      )
      .filter((w) => w.length > 3);
    const common = [...new Set(words)].slice(0, 12);
    const queries = [
      ...common.map((w) => toFtsQuery(w)!),
      ...common.map((w) => toFtsQuery(w.slice(0, 3))!),
      toFtsQuery(`${common[0]} ${common[1]}`)!,
      toFtsQuery("zebrafish lattice")!,
      toFtsQuery("zebra")!,
      toFtsQuery("no such words anywhere")!,
    ];
    for (const q of queries) {
      const want1 = referenceSearch(q, 1);
      const pages = Math.max(1, Math.ceil(want1.total / 20));
      for (const page of new Set([1, Math.min(2, pages), Math.ceil(pages / 2), pages])) {
        const got = searchPublications(db, { ftsQuery: q, page, perPage: 20 });
        const want = referenceSearch(q, page);
        expect({ q, page, total: got.total, ids: got.items.map((p) => p.id) }).toEqual({
          q,
          page,
          total: want.total,
          ids: want.ids,
        });
      }
    }
    expect(referenceSearch(toFtsQuery("zebrafish lattice")!, 1).total).toBe(45);
  });
});
