/**
 * The people and careers lists (their faster, trigger-counted queries) return exactly what
 * the original queries returned — same totals, pages and ids in the same bm25 /
 * alphabetical / newest-first order — on seeded data, before and after the
 * kinds of staff edits that move the trigger-kept totals.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { seed } from "../../db/seed";
import { compareSearches } from "../../tests/search-equivalence";
import { referencePeople } from "../../tests/search-reference";
import { listResearchers } from "./researcher.server";
import { toFtsQuery } from "~/utils/search";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-search-eq-"));
const db = openDatabase(path.join(dir, "eq.db"));
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const NOW = Date.UTC(2026, 2, 2);
await seed(db, {
  researchers: 600,
  openings: 160,
  applications: 40,
  now: NOW,
  quiet: true,
  uploadsDir: path.join(dir, "uploads"),
});
const c = db.$client;

/** The count tables as the triggers keep them, next to the same counts computed from scratch. */
function countTables() {
  const kept = {
    people: c
      .prepare(
        "SELECT lab_id, area_id, n FROM current_researcher_counts WHERE n <> 0 ORDER BY 1, 2",
      )
      .all(),
    openings: c
      .prepare(
        "SELECT kind, lab_id, area_id, n FROM open_opening_counts WHERE n <> 0 ORDER BY 1, 2, 3",
      )
      .all(),
  };
  const fresh = {
    people: c
      .prepare(
        `SELECT lab_id, area_id, count(*) AS n FROM (
           SELECT 0 AS lab_id, 0 AS area_id FROM researchers r WHERE r.status = 'current'
           UNION ALL SELECT r.lab_id, 0 FROM researchers r WHERE r.status = 'current'
           UNION ALL SELECT 0, ra.area_id FROM researchers r JOIN researcher_areas ra ON ra.researcher_id = r.id WHERE r.status = 'current'
           UNION ALL SELECT r.lab_id, ra.area_id FROM researchers r JOIN researcher_areas ra ON ra.researcher_id = r.id WHERE r.status = 'current'
         ) GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(),
    openings: c
      .prepare(
        `SELECT k.kind, l.lab_id, a.area_id, count(*) AS n FROM
           (SELECT id, '' AS kind FROM openings WHERE status = 'open'
            UNION ALL SELECT id, kind FROM openings WHERE status = 'open') k
           JOIN (SELECT id, 0 AS lab_id FROM openings UNION ALL SELECT id, lab_id FROM openings) l ON l.id = k.id
           JOIN (SELECT id, 0 AS area_id FROM openings UNION ALL SELECT opening_id, area_id FROM opening_areas) a ON a.id = k.id
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all(),
  };
  return { kept, fresh };
}

describe("people and careers lists", () => {
  test("match the original queries on 300 generated searches", () => {
    expect(c.prepare("SELECT count(*) FROM researchers").pluck().get()).toBe(600);
    const run = compareSearches(db, { cases: 300, seed: 1, now: NOW });
    expect(run.mismatches).toEqual([]);
    // Most generated searches find something (they are drawn from the rows).
    expect(run.withMatches).toBeGreaterThan(300);
    // Also with the closing dates of the seeded roles passing.
    expect(
      compareSearches(db, { cases: 60, seed: 2, now: NOW + 40 * 86_400_000 }).mismatches,
    ).toEqual([]);
  });

  test("keep matching after staff edits that move the totals", () => {
    const { kept, fresh } = countTables();
    expect(kept).toEqual(fresh);
    const ids = (sql: string) => c.prepare(sql).pluck().all() as number[];
    const labs = ids("SELECT id FROM labs ORDER BY id");
    const areas = ids("SELECT id FROM research_areas ORDER BY id");
    const people = ids("SELECT id FROM researchers ORDER BY id");
    const openings = ids("SELECT id FROM openings ORDER BY id");
    db.transaction(() => {
      // Retire some, bring some back, move some to another lab (and both at once).
      for (const id of people.slice(0, 40))
        c.prepare("UPDATE researchers SET status = 'alumni' WHERE id = ?").run(id);
      for (const id of people.slice(30, 35))
        c.prepare("UPDATE researchers SET status = 'current' WHERE id = ?").run(id);
      for (const [i, id] of people.slice(50, 80).entries())
        c.prepare("UPDATE researchers SET lab_id = ?, status = ? WHERE id = ?").run(
          labs[i % labs.length],
          i % 3 === 0 ? "alumni" : "current",
          id,
        );
      // Areas added, removed and moved; people and an area deleted (cascades).
      c.prepare(
        "DELETE FROM researcher_areas WHERE researcher_id IN (SELECT id FROM researchers ORDER BY id LIMIT 20 OFFSET 100)",
      ).run();
      for (const id of people.slice(120, 140))
        c.prepare(
          "INSERT OR IGNORE INTO researcher_areas (researcher_id, area_id) VALUES (?, ?)",
        ).run(id, areas[0]);
      c.prepare(
        "UPDATE OR IGNORE researcher_areas SET area_id = ? WHERE researcher_id IN (SELECT id FROM researchers ORDER BY id LIMIT 10 OFFSET 150)",
      ).run(areas[1]);
      c.prepare(
        "DELETE FROM researchers WHERE id IN (SELECT id FROM researchers ORDER BY id LIMIT 15 OFFSET 200)",
      ).run();
      // Openings closed, reopened, re-kinded, moved, deleted; areas changed.
      c.prepare(
        "UPDATE openings SET status = 'closed' WHERE id IN (SELECT id FROM openings WHERE status = 'open' ORDER BY id LIMIT 10)",
      ).run();
      c.prepare(
        "UPDATE openings SET status = 'open' WHERE id IN (SELECT id FROM openings WHERE status = 'draft' ORDER BY id LIMIT 5)",
      ).run();
      c.prepare(
        "UPDATE openings SET kind = 'intern', lab_id = ? WHERE id IN (SELECT id FROM openings ORDER BY id LIMIT 12 OFFSET 20)",
      ).run(labs[0]);
      c.prepare(
        "DELETE FROM opening_areas WHERE opening_id IN (SELECT id FROM openings ORDER BY id LIMIT 8 OFFSET 40)",
      ).run();
      for (const id of openings.slice(60, 75))
        c.prepare("INSERT OR IGNORE INTO opening_areas (opening_id, area_id) VALUES (?, ?)").run(
          id,
          areas[2],
        );
      c.prepare(
        "DELETE FROM openings WHERE id IN (SELECT id FROM openings ORDER BY id LIMIT 6 OFFSET 90)",
      ).run();
      // A new area given to some people and openings, then deleted (cascades to both).
      const extra = Number(
        c
          .prepare(
            "INSERT INTO research_areas (slug, name, summary, description, position, created_at, updated_at) VALUES ('eq-extra', 'Eq Extra', '', '', 99, 0, 0)",
          )
          .run().lastInsertRowid,
      );
      for (const id of people.slice(300, 330))
        c.prepare("INSERT INTO researcher_areas (researcher_id, area_id) VALUES (?, ?)").run(
          id,
          extra,
        );
      for (const id of openings.slice(100, 110))
        c.prepare("INSERT INTO opening_areas (opening_id, area_id) VALUES (?, ?)").run(id, extra);
      expect(countTables().kept).toEqual(countTables().fresh);
      c.prepare("DELETE FROM research_areas WHERE id = ?").run(extra);
    });
    const after = countTables();
    expect(after.kept).toEqual(after.fresh);
    expect(compareSearches(db, { cases: 150, seed: 3, now: NOW }).mismatches).toEqual([]);
  });

  test("rank ties and alumni-heavy best matches the same way", () => {
    // Identical text gives identical bm25 scores: the order then rests on sort
    // name and id, across page boundaries; most of the best matches retired
    // makes the shortcut for unfiltered searches fall back to the full ranking.
    const lab = c.prepare("SELECT id FROM labs ORDER BY id LIMIT 1").pluck().get() as number;
    const insert = c.prepare(
      `INSERT INTO researchers (slug, name, sort_name, title, lab_id, bio, status, created_at, updated_at)
       VALUES (@slug, @name, lower(@name), 'Quokka scientist', @lab, @bio, @status, 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 90; i++) {
        const name = i % 3 === 0 ? "Quokka Tie" : `Quokka Tie ${String.fromCharCode(97 + (i % 7))}`;
        insert.run({
          slug: `quokka-${i}`,
          name,
          lab,
          bio: i < 45 ? "quokka" : "quokka quokka",
          status: i < 60 && i % 4 !== 0 ? "alumni" : "current",
        });
      }
    });
    for (const typed of ["quokka", "quo", "quokka tie", "tie"]) {
      const ftsQuery = toFtsQuery(typed);
      for (const perPage of [3, 7, 20]) {
        for (const page of [1, 2, 3, 5, 9]) {
          const expected = referencePeople(db, { ftsQuery, page, perPage });
          const got = listResearchers(db, { ftsQuery, page, perPage });
          expect(
            { total: got.total, page: got.page, ids: got.people.map((p) => p.id) },
            `${typed} page ${page} of ${perPage}`,
          ).toEqual({ total: expected.total, page: expected.page, ids: expected.ids });
        }
      }
    }
  });
});
