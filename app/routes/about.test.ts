/**
 * /about: the organisation's words from its settings (blank blocks left
 * out), its directions from the research areas, and its numbers from the
 * data, counted here independently of the count tables the page reads.
 */
import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { labs, openings, publications, researchers } from "../../db/schema";
import { createArea, createLab, createOpening, createResearcher } from "../../tests/builders";
import { staffUser } from "../../tests/fixtures";
import { call, getRequest } from "../../tests/requests";
import { saveSettings } from "~/models/settings.server";
import { getDb, type DB } from "~/utils/db.server";
import * as about from "./about";

let db: DB;
type Page = Awaited<ReturnType<typeof about.loader>>;

beforeAll(() => {
  db = getDb();
  const area = createArea(db, { name: "Coastal systems" });
  const lab = createLab(db);
  const people = [1, 2, 3].map((i) =>
    createResearcher(db, { labId: lab.id, areaIds: [area.id], name: `Person ${i}` }),
  );
  createResearcher(db, { labId: lab.id, status: "alumni" });
  for (const [i, p] of people.entries())
    db.insert(publications)
      .values({ researcherId: p.id, title: `Paper ${i}`, venue: "Venue", year: 2024 })
      .run();
  createOpening(db, { labId: lab.id });
  createOpening(db, { labId: lab.id, status: "draft" });
  createOpening(db, { labId: lab.id, closesAt: Date.now() - 60_000 });
});

describe("/about", () => {
  it("shows the organisation in numbers, from the data", async () => {
    const page = (await call<Page>(about.loader as never, getRequest("/about"))).data!;
    const now = Date.now();
    const expected = {
      researchers: db
        .select({ n: count() })
        .from(researchers)
        .where(eq(researchers.status, "current"))
        .get()!.n,
      labs: db.select({ n: count() }).from(labs).get()!.n,
      publications: db.select({ n: count() }).from(publications).get()!.n,
      openRoles: db
        .select({ n: count() })
        .from(openings)
        .where(
          and(
            eq(openings.status, "open"),
            or(isNull(openings.closesAt), gt(openings.closesAt, now)),
          ),
        )
        .get()!.n,
    };
    expect(page.numbers).toEqual(expected);
    expect(expected).toMatchObject({ researchers: 3, publications: 3, openRoles: 1 });
    expect(page.areas.map((a) => a.name)).toContain("Coastal systems");
  });

  it("shows the demo organisation's words, and leaves out a block left blank", async () => {
    const page = (await call<Page>(about.loader as never, getRequest("/about"))).data!;
    expect(page.lensHtml).toContain("<strong>what would make this useful");
    expect(page.valuesHtml).toContain("<strong>Rigour.</strong>");
    for (const value of [
      "Calculated risk",
      "Sharing our work",
      "Moving the conversation forward",
      "Working across the research ecosystem",
    ])
      expect(page.valuesHtml).toContain(value);
    expect(page.quote?.by).toBe("From Northlight Research's founding charter");

    const admin = await staffUser(db, "admin");
    saveSettings(db, { userId: admin.id, ip: null }, { aboutValues: "", aboutQuote: "" });
    const after = (await call<Page>(about.loader as never, getRequest("/about"))).data!;
    expect(after.valuesHtml).toBeNull();
    expect(after.quote).toBeNull();
    expect(after.lensHtml).not.toBeNull();
  });
});
