/** A researcher profile made from a hired application (createProfileFromHire). */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArea, createLab, createOpening, stagesOf } from "../../tests/builders";
import { candidateProfiles, researcherAreas, researchers } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import { applyTo, candidateUser, staffUser } from "../../tests/fixtures";
import { hireApplication } from "./pipeline.server";
import { createProfileFromHire, findProfileFromHire } from "./researcher-admin.server";

let db: DB;
let actorId: number;
const researcherCount = () => db.select({ n: count() }).from(researchers).get()!.n;

beforeAll(async () => {
  db = getDb();
  actorId = (await staffUser(db, "admin")).id;
});

async function hired(
  name: string,
  headline: string,
  links: Partial<typeof candidateProfiles.$inferInsert> = {},
) {
  const lab = createLab(db, { name: `${name} Lab` });
  const areas = [createArea(db), createArea(db)];
  const opening = createOpening(db, {
    title: "Postdoc in Robotics",
    labId: lab.id,
    areaIds: areas.map((a) => a.id),
  });
  const cand = await candidateUser(db, name, headline);
  if (Object.keys(links).length) {
    if (headline)
      db.update(candidateProfiles).set(links).where(eq(candidateProfiles.userId, cand.id)).run();
    else
      db.insert(candidateProfiles)
        .values({ userId: cand.id, ...links })
        .run();
  }
  const app = applyTo(db, {
    openingId: opening.id,
    candidateId: cand.id,
    stageId: stagesOf(db, opening.id)[2].id,
  });
  return { lab, areas, opening, cand, app };
}

const hire = (openingId: number, id: number) =>
  expect(
    hireApplication(
      db,
      { actorId, origin: "https://atrium.test" },
      { openingId, item: { id, version: 1 } },
    ).ok,
  ).toBe(true);

describe("createProfileFromHire", () => {
  it("refuses an application that is not hired and stores nothing", async () => {
    const { app } = await hired("Ana Active", "Roboticist");
    const before = researcherCount();
    expect(createProfileFromHire(db, app.id)).toEqual({
      ok: false,
      message: expect.stringContaining("Only a hired candidate"),
    });
    expect(createProfileFromHire(db, 987_654)).toMatchObject({ ok: false });
    expect(researcherCount()).toBe(before);
    expect(findProfileFromHire(db, app.id)).toBeNull();
  });

  it("makes a current, unfeatured profile from the candidate, the opening's lab and areas, and their valid links", async () => {
    const { lab, areas, opening, app } = await hired("Bea Builder", "Robot learning researcher", {
      homepageUrl: "https://bea.example",
      orcid: "0000-0002-1825-0097",
      scholarUrl: "javascript:alert(1)",
      githubUrl: "https://github.com/bea",
    });
    hire(opening.id, app.id);
    const result = createProfileFromHire(db, app.id);
    expect(result).toMatchObject({ ok: true, created: true, slug: "bea-builder" });
    const id = (result as { id: number }).id;
    expect(db.select().from(researchers).where(eq(researchers.id, id)).get()).toMatchObject({
      name: "Bea Builder",
      title: "Robot learning researcher",
      labId: lab.id,
      bio: "",
      status: "current",
      featured: false,
      homepageUrl: "https://bea.example",
      orcid: "0000-0002-1825-0097",
      // A link the profile form would refuse is not copied to a public page.
      scholarUrl: null,
      githubUrl: "https://github.com/bea",
    });
    const areaIds = db
      .select({ id: researcherAreas.areaId })
      .from(researcherAreas)
      .where(eq(researcherAreas.researcherId, id))
      .all()
      .map((a) => a.id);
    expect(areaIds.sort()).toEqual(areas.map((a) => a.id).sort());
  });

  it("returns the profile already made instead of a duplicate on a second click", async () => {
    const { opening, app } = await hired("Cy Twice", "Engineer");
    hire(opening.id, app.id);
    const first = createProfileFromHire(db, app.id);
    const before = researcherCount();
    const second = createProfileFromHire(db, app.id);
    expect(second).toEqual({
      ok: true,
      created: false,
      id: (first as { id: number }).id,
      slug: (first as { slug: string }).slug,
    });
    expect(researcherCount()).toBe(before);
    expect(findProfileFromHire(db, app.id)).toMatchObject({
      id: (first as { id: number }).id,
      name: "Cy Twice",
    });
  });

  it("uses the opening's title when the candidate gave no headline, and ignores an older namesake", async () => {
    const { lab, opening, app } = await hired("Dee Namesake", "");
    // Someone with the same name in the same lab, there before the hire: not "made from it".
    db.insert(researchers)
      .values({
        slug: "dee-namesake",
        name: "Dee Namesake",
        sortName: "dee namesake",
        title: "Emerita",
        labId: lab.id,
        createdAt: Date.now() - 86_400_000,
      })
      .run();
    hire(opening.id, app.id);
    expect(findProfileFromHire(db, app.id)).toBeNull();
    const result = createProfileFromHire(db, app.id);
    expect(result).toMatchObject({ ok: true, created: true, slug: "dee-namesake-2" });
    expect(
      db
        .select()
        .from(researchers)
        .where(eq(researchers.id, (result as { id: number }).id))
        .get()!.title,
    ).toBe("Postdoc in Robotics");
  });
});
