/**
 * Migrations 0003 and 0004: renaming a research area refreshes the `areas`
 * column of people_fts and openings_fts (so /people and /careers searches
 * find the new name and not the old), and the admin indexes exist and are used.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { searchOpenings } from "../app/models/opening.server";
import { listResearchers } from "../app/models/researcher.server";
import { getDb, type DB } from "../app/utils/db.server";
import { toFtsQuery } from "../app/utils/search";
import { createArea, createLab, createOpening, createResearcher } from "../tests/builders";
import { researchAreas } from "./schema";

let db: DB;
beforeAll(() => {
  db = getDb();
});

const people = (q: string) =>
  listResearchers(db, { ftsQuery: toFtsQuery(q) }).people.map((p) => p.name);
const roles = (q: string) => searchOpenings(getDb(), { q }).items.map((o) => o.title);

describe("renaming a research area", () => {
  it("makes people and careers searches find the new name and not the old", () => {
    const renamed = createArea(db, { name: "Glaciology" });
    const kept = createArea(db, { name: "Oceanography" });
    const lab = createLab(db);
    createResearcher(db, {
      name: "Una Both",
      labId: lab.id,
      areaIds: [renamed.id, kept.id],
      bio: "Ice and water.",
    });
    createResearcher(db, {
      name: "Vic Other",
      labId: lab.id,
      areaIds: [kept.id],
      bio: "Water only.",
    });
    createOpening(db, { title: "Ice Postdoc", labId: lab.id, areaIds: [renamed.id] });
    createOpening(db, { title: "Sea Engineer", labId: lab.id, areaIds: [kept.id] });
    expect(people("Glaciology")).toEqual(["Una Both"]);
    expect(roles("Glaciology")).toEqual(["Ice Postdoc"]);

    db.update(researchAreas)
      .set({ name: "Cryosphere Science" })
      .where(eq(researchAreas.id, renamed.id))
      .run();

    expect(people("Cryosphere")).toEqual(["Una Both"]);
    expect(people("Glaciology")).toEqual([]);
    expect(roles("Cryosphere Science")).toEqual(["Ice Postdoc"]);
    expect(roles("Glaciology")).toEqual([]);
    // The person's other area, and people and roles outside the renamed area, are untouched.
    expect(people("Oceanography").sort()).toEqual(["Una Both", "Vic Other"]);
    expect(roles("Oceanography")).toEqual(["Sea Engineer"]);
  });

  it("leaves search alone when something other than the name changes", () => {
    const area = createArea(db, { name: "Seismology" });
    const lab = createLab(db);
    createResearcher(db, { name: "Wen Quake", labId: lab.id, areaIds: [area.id] });
    db.update(researchAreas)
      .set({ summary: "Earthquakes.", position: 99 })
      .where(eq(researchAreas.id, area.id))
      .run();
    expect(people("Seismology")).toEqual(["Wen Quake"]);
  });
});

describe("admin indexes", () => {
  const plan = (query: ReturnType<typeof sql>) =>
    db
      .all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${query}`)
      .map((r) => r.detail)
      .join("\n");

  it("serve the audit log filtered by actor or subject, newest first, and users by sign-up time", () => {
    expect(
      plan(sql`SELECT * FROM audit_log WHERE actor_user_id = 1 ORDER BY at DESC LIMIT 50`),
    ).toContain("audit_log_actor_at_idx");
    expect(
      plan(sql`SELECT * FROM audit_log WHERE subject_user_id = 1 ORDER BY at DESC LIMIT 50`),
    ).toContain("audit_log_subject_at_idx");
    expect(plan(sql`SELECT * FROM users ORDER BY created_at DESC LIMIT 50`)).toContain(
      "users_created_idx",
    );
  });
});
